// `npm run bench -- geo --data <dir> [--out <file>]`: country tagging on Reuters-21578 (see
// ../shared/bench/README.md beside the repository). Scores only stories with PLACES labels; prints one JSON line.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tagArticle } from '../src/pipeline/tag/index.js';
import { foldAccents } from '../src/pipeline/tag/text.js';
import { worldCountries as countries } from '../src/pipeline/tag/world-countries.js';
import { scoreGeo } from './lib/geo-metrics.js';
import { readReutersFolder } from './lib/reuters-sgml.js';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Reuters place labels are lower-case English names with hyphens: `new-zealand`, `south-africa`. */
function reutersNames(): Map<string, string> {
  const names = new Map<string, string>();
  const label = (s: string) => foldAccents(s).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  for (const c of countries) {
    for (const name of [c.name.common, c.name.official, ...c.altSpellings]) names.set(label(name), c.cca2);
  }
  return names;
}

/** Mean time to tag one 5,000-word article made of consecutive stories (the pipeline's speed budget). */
function timeLongArticle(bodies: string[]): number {
  const parts: string[] = [];
  let words = 0;
  for (const body of bodies) {
    if (words >= 5000) break;
    parts.push(body);
    words += body.split(/\s+/).length;
  }
  const text = parts.join('\n\n');
  const rounds = 20;
  tagArticle({ title: 'Warm-up', text });
  const started = performance.now();
  for (let i = 0; i < rounds; i++) tagArticle({ title: 'Long article', text });
  return (performance.now() - started) / rounds;
}

export async function run(args: string[]): Promise<void> {
  // shared/ sits beside the repository on developers' machines and in CI.
  const data = option(args, '--data') ?? fileURLToPath(new URL('../../shared/bench/geo/reuters21578', import.meta.url));
  const out = option(args, '--out');
  const stories = readReutersFolder(data, reutersNames());
  const unmapped = new Set(stories.flatMap((s) => s.unmappedPlaces));
  if (unmapped.size > 0) console.error(`unmapped gold places: ${[...unmapped].join(', ')}`);
  const predictions: Record<string, string[]> = {};
  const pairs: { gold: string[]; predicted: string[] }[] = [];
  const started = performance.now();
  for (const story of stories) {
    if (story.places.length === 0 && story.unmappedPlaces.length === 0) continue;
    const tags = tagArticle({ title: story.title, text: story.body, dateline: story.dateline });
    predictions[story.newId] = tags.countries;
    pairs.push({ gold: story.places, predicted: tags.countries });
  }
  const seconds = (performance.now() - started) / 1000;
  const score = scoreGeo(pairs);
  const msPer5kWords = timeLongArticle(stories.map((s) => s.body));
  if (out) writeFileSync(out, `${JSON.stringify(predictions)}\n`);
  const round = (x: number) => Math.round(x * 10000) / 10000;
  console.log(
    JSON.stringify({
      task: 'geo',
      n: score.n,
      precision: round(score.precision),
      recall: round(score.recall),
      f1: round(score.f1),
      top1: round(score.top1),
      articlesPerSecond: Math.round(score.n / seconds),
      msPer5kWords: Math.round(msPer5kWords * 100) / 100,
    }),
  );
}
