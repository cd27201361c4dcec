// `npm run bench -- extraction --data <dir> [--out <file>] [--no-baseline]`: main-text extraction on the
// article-extraction-benchmark pages (see ../shared/bench/README.md beside the repository), scored with the benchmark's own shingle
// metric. Prints one JSON line; the Readability + linkedom baseline, scored by the same code, is a field of it.
// Timing: one untimed pass (which also warms the JIT), then three timed passes; msPerPage is the median pass. The
// machine is shared, so the fastest pass and the CPU time per page are reported too.
import { fileURLToPath } from 'node:url';
import { writeFileSync } from 'node:fs';
import { extractArticle, isNotAnArticleError } from '../src/pipeline/extract/index.js';
import type { DateContext } from '../src/pipeline/types.js';
import { loadExtractionBench, pageHtml, type BenchPage } from './lib/extraction-data.js';
import { readabilityText } from './lib/extraction-baseline.js';
import { scoreMatches, shingleMatch } from './lib/extraction-metric.js';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits;

interface Run {
  texts: Map<string, string>;
  msPerPage: number;
  fastestMsPerPage: number;
  /** CPU time per page over the timed passes: less sensitive than wall time to other work on a shared machine. */
  cpuMsPerPage: number;
}

/** Runs `extract` on every page once untimed (results, JIT warm-up), then `passes` timed passes. */
function timed(pages: BenchPage[], extract: (html: string, page: BenchPage) => string, passes: number): Run {
  const texts = new Map<string, string>();
  for (const page of pages) texts.set(page.id, extract(pageHtml(page), page));
  const means: number[] = [];
  let cpuMicros = 0;
  for (let pass = 0; pass < passes; pass++) {
    let wall = 0;
    for (const page of pages) {
      // Decompressing and decoding the stored page is the fetch stage's work, so it stays outside the timing.
      const html = pageHtml(page);
      const cpuStart = process.cpuUsage();
      const started = performance.now();
      extract(html, page);
      wall += performance.now() - started;
      const cpu = process.cpuUsage(cpuStart);
      cpuMicros += cpu.user + cpu.system;
    }
    means.push(wall / pages.length);
  }
  means.sort((a, b) => a - b);
  return {
    texts,
    msPerPage: means[Math.floor(means.length / 2)]!,
    fastestMsPerPage: means[0]!,
    cpuMsPerPage: cpuMicros / 1000 / passes / pages.length,
  };
}

function score(pages: BenchPage[], texts: Map<string, string>) {
  return scoreMatches(pages.map((page) => shingleMatch(page.truth, texts.get(page.id) ?? '')));
}

export async function run(args: string[]): Promise<void> {
  // shared/ sits beside the repository on developers' machines and in CI.
  const data = option(args, '--data') ?? fileURLToPath(new URL('../../shared/bench/extraction', import.meta.url));
  const out = option(args, '--out');
  const pages = loadExtractionBench(data);
  const context: DateContext = { fetchedAt: new Date(), timezone: 'UTC', dayFirst: true };

  const refused: string[] = [];
  const ours = timed(
    pages,
    (html, page) => {
      try {
        return extractArticle(html, page.url, context).text;
      } catch (error) {
        if (!isNotAnArticleError(error)) throw error;
        if (!refused.includes(page.id)) refused.push(page.id);
        return '';
      }
    },
    3,
  );
  // High-water RSS of the process after our passes, before the baseline runs (the gzipped pages stay loaded).
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const result = score(pages, ours.texts);
  if (refused.length) console.error(`refused as not an article: ${refused.join(', ')}`);
  if (out) {
    const predictions: Record<string, { articleBody: string }> = {};
    for (const page of pages) predictions[page.id] = { articleBody: ours.texts.get(page.id) ?? '' };
    writeFileSync(out, `${JSON.stringify(predictions, null, 1)}\n`);
  }

  let baseline: Record<string, number> | undefined;
  if (!args.includes('--no-baseline')) {
    const reference = timed(pages, (html) => readabilityText(html), 1);
    const s = score(pages, reference.texts);
    baseline = { precision: round(s.precision), recall: round(s.recall), f1: round(s.f1), msPerPage: round(reference.msPerPage, 2) };
    console.error(`baseline Readability 0.6 + linkedom: ${JSON.stringify(baseline)}`);
  }

  console.log(
    JSON.stringify({
      task: 'extraction',
      n: pages.length,
      precision: round(result.precision),
      recall: round(result.recall),
      f1: round(result.f1),
      msPerPage: round(ours.msPerPage, 2),
      fastestMsPerPage: round(ours.fastestMsPerPage, 2),
      cpuMsPerPage: round(ours.cpuMsPerPage, 2),
      peakRssMb,
      notArticles: refused.length,
      ...(baseline ? { baseline } : {}),
    }),
  );
}
