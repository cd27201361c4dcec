// `npm run bench -- summarization --data <file.jsonl> [--out <file.json>] [--summarizer offline|llm]`
// Scores the offline summarizer (or the configured LLM one) on CNN/DailyMail lines `{id, url, article, reference}`
// with ROUGE-1/2/Lsum F1 as rouge_score computes them, next to Lead-3 scored by the same code.
//
// Two choices a reader should know about:
// - The references are tokenized highlights whose sentences end with " . " (no newlines), so for Lsum they are
//   split after a space-separated ".", "!" or "?". Predictions are joined with "\n" between sentences.
// - The data has no titles, so the title given to the summarizer is the headline slug of the article's URL
//   (".../article-123/Greece-denies-fail-pay-loan.html" → "Greece denies fail pay loan"), the closest stand-in for
//   the title the pipeline always has.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { createOfflineSummarizer, createSummarizer, joinSummary, splitSentences, type Summarizer } from '../src/pipeline/summarize/index.js';
import { rougeScores, type RougeScores } from './lib/rouge.js';
import { BenchUsageError } from './lib/usage-error.js';

interface Row {
  id: string;
  url: string;
  article: string;
  reference: string;
}

export function referenceSentences(reference: string): string[] {
  return reference
    .split(/(?<= [.!?]) /u)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function titleFromUrl(url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return '';
  }
  const segments = path.split('/').filter((s) => s !== '' && !/^index\.html?$/iu.test(s));
  const slug = [...segments].reverse().find((s) => s.includes('-')) ?? '';
  return slug.replace(/\.html?$/iu, '').replace(/[-_]+/gu, ' ').trim();
}

class Totals {
  private sums = { rouge1: 0, rouge2: 0, rougeLsum: 0 };
  private n = 0;
  add(scores: RougeScores): void {
    this.sums.rouge1 += scores.rouge1.fmeasure;
    this.sums.rouge2 += scores.rouge2.fmeasure;
    this.sums.rougeLsum += scores.rougeLsum.fmeasure;
    this.n++;
  }
  mean(): { rouge1: number; rouge2: number; rougeLsum: number } {
    const pct = (x: number): number => Math.round((10_000 * x) / Math.max(this.n, 1)) / 100;
    return { rouge1: pct(this.sums.rouge1), rouge2: pct(this.sums.rouge2), rougeLsum: pct(this.sums.rougeLsum) };
  }
}

function chooseSummarizer(kind: string): Summarizer {
  if (kind === 'offline') return createOfflineSummarizer();
  const config = loadConfig();
  return createSummarizer({
    url: config.SUMMARIZER_URL,
    model: config.SUMMARIZER_MODEL,
    apiKey: config.SUMMARIZER_API_KEY,
    timeoutMs: config.SUMMARIZER_TIMEOUT_MS,
    logger: createLogger('warn'),
  });
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { data: { type: 'string' }, out: { type: 'string' }, summarizer: { type: 'string', default: 'offline' } },
  });
  if (!values.data) throw new BenchUsageError('--data <file.jsonl> is required');
  const rows = readFileSync(values.data, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Row);
  const summarizer = chooseSummarizer(values.summarizer ?? 'offline');

  const ours = new Totals();
  const lead3 = new Totals();
  const out: Record<string, string[]> = {};
  let words = 0;
  let chars = 0;
  let sentenceCount = 0;
  let overLimit = 0;
  let ms = 0;
  for (const row of rows) {
    const target = referenceSentences(row.reference).join('\n');
    const started = performance.now();
    const sentences = await summarizer.summarize({ title: titleFromUrl(row.url), text: row.article, language: 'en' });
    ms += performance.now() - started;
    const joined = joinSummary(sentences);
    if (joined.length > 600 || sentences.length > 4 || sentences.join(' ').length > 600) overLimit++;
    out[row.id] = sentences;
    words += joined.split(/\s+/u).filter((w) => w !== '').length;
    chars += joined.length;
    sentenceCount += sentences.length;
    ours.add(rougeScores(target, sentences.join('\n')));
    lead3.add(rougeScores(target, splitSentences(row.article, 'en').slice(0, 3).join('\n')));
  }
  if (values.out) writeFileSync(values.out, `${JSON.stringify(out, null, 1)}\n`);
  const n = rows.length;
  const round1 = (x: number): number => Math.round(x * 10) / 10;
  console.log(
    JSON.stringify({
      task: 'summarization',
      summarizer: summarizer.name,
      n,
      ...ours.mean(),
      lead3: lead3.mean(),
      avgWords: round1(words / n),
      avgChars: round1(chars / n),
      avgSentences: Math.round((100 * sentenceCount) / n) / 100,
      overLimit,
      msPerArticle: round1(ms / n),
    }),
  );
}
