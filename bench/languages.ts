// `npm run bench -- languages [--data <file.jsonl>] [--out <file>] [--misses]`: country tagging (and dates, where the
// data gives them) on a labelled multilingual set; prints one JSON line. The default data is bench/data/languages.jsonl
// (FLORES-200 Wikinews articles in 24 languages and English, see bench/data/README.md). Articles go through the
// pipeline's own tagArticle, as in bench/geo.ts; dates through the parser the feed and page readers use.
//
// A data line: { id, language, title, text, countries: ISO 3166-1 alpha-2[], date?: "YYYY-MM-DD", dateText?,
// timezone? } — dateText is the published-date string to read (the title when absent), in timezone (UTC by default).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDate } from '../src/pipeline/dates/parse-date.js';
import { wallClockAt } from '../src/pipeline/dates/zoned-time.js';
import { tagArticle } from '../src/pipeline/tag/index.js';
import { scoreLanguages, type ArticleOutcome } from './lib/languages-metrics.js';
import { explain, mentionsByCountry, tallyMisses } from './lib/languages-misses.js';

interface LanguageArticle {
  id: string;
  language: string;
  title: string;
  text: string;
  countries: string[];
  date?: string;
  dateText?: string;
  timezone?: string;
}

/** The language the gold labels were read from: scored, but outside the overall number. */
const CONTROL = 'en';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function readArticles(path: string): LanguageArticle[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const a = JSON.parse(line) as Partial<LanguageArticle>;
      if (typeof a.id !== 'string' || typeof a.language !== 'string' || typeof a.text !== 'string' || !Array.isArray(a.countries)) {
        throw new Error(`${path}:${i + 1}: needs id, language, text and countries`);
      }
      return { ...a, title: a.title ?? '' } as LanguageArticle;
    });
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar day the parser read, in the article's zone: a publisher's date is a wall-clock day, not an instant. */
function readDay(article: LanguageArticle, fetchedAt: Date): string | undefined {
  const timezone = article.timezone ?? 'UTC';
  const parsed = parseDate(article.dateText ?? article.title, { fetchedAt, timezone, dayFirst: true });
  if (!parsed) return undefined;
  const w = wallClockAt(parsed, timezone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

export async function run(args: string[]): Promise<void> {
  const data = option(args, '--data') ?? fileURLToPath(new URL('./data/languages.jsonl', import.meta.url));
  const out = option(args, '--out');
  const articles = readArticles(data);

  // The first call builds the lexicon and the word segmenters; report it apart so ms per article is the steady cost.
  let started = performance.now();
  tagArticle({ title: 'Warm-up', text: articles[0]?.text ?? '' });
  const firstCallMs = performance.now() - started;
  for (const language of new Set(articles.map((a) => a.language))) {
    const first = articles.find((a) => a.language === language);
    if (first) tagArticle({ title: first.title, text: first.text });
  }

  started = performance.now();
  const predicted = articles.map((a) => tagArticle({ title: a.title, text: a.text, language: a.language.split('-')[0] }).countries);
  const msPerArticle = (performance.now() - started) / Math.max(1, articles.length);

  // Relative dates ("yesterday") need a reading instant; the data's dates are absolute, so now is as good as any.
  const fetchedAt = new Date();
  const outcomes: ArticleOutcome[] = articles.map((a, i) => ({
    id: a.id,
    language: a.language,
    gold: a.countries,
    predicted: predicted[i] ?? [],
    ...(a.date ? { date: { gold: a.date, read: readDay(a, fetchedAt) } } : {}),
  }));
  const score = scoreLanguages(outcomes, CONTROL);

  if (out || args.includes('--misses')) {
    const explained = outcomes.map((o, i) => explain(o, mentionsByCountry(articles[i]?.title ?? '', articles[i]?.text ?? '', articles[i]?.language.split('-')[0])));
    if (out) writeFileSync(out, explained.map((e) => JSON.stringify(e)).join('\n') + '\n');
    if (args.includes('--misses')) {
      for (const [language, t] of Object.entries(tallyMisses(explained))) {
        const show = (m: { country: string; count: number; cut?: number; phrases: string[]; example: string }) =>
          `${m.country}×${m.count}${m.cut ? ` (cut ${m.cut})` : ''}${m.phrases.length ? ` «${m.phrases.slice(0, 3).join('», «')}»` : ''} e.g. ${m.example}`;
        console.error(`${language}\tmissing: ${t.missing.map(show).join('; ') || '—'}\n\twrong: ${t.wrong.map(show).join('; ') || '—'}`);
      }
    }
  }

  console.log(
    JSON.stringify({
      task: 'languages',
      n: score.overall.n,
      overallExcludes: [CONTROL],
      precision: score.overall.precision,
      recall: score.overall.recall,
      f1: score.overall.f1,
      dates: score.overall.dates ?? { n: 0, accuracy: null },
      msPerArticle: Math.round(msPerArticle * 100) / 100,
      firstCallMs: Math.round(firstCallMs),
      languages: score.languages,
    }),
  );
}
