// `npm run bench -- clustering --data <file.jsonl> [--out pred.json] [--stored N]`
// Story clustering through the path the bot runs: each item (id, title, text, url, source, ts, story) goes, in file
// order, through the pipeline (processItem: clustering terms, tags, summary) and storeArticle (term statistics, the
// candidate index, the story model, the 72-hour window) on a scratch embedded database, with the clock set to the
// item's time. `story` is the gold label, used only for scoring. `--stored N` first seeds N older stories (bench/lib/
// clustering-seed.ts) so the cost per article is measured with a full database. Prints one JSON line.
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { storeArticle } from '../src/db/articles.js';
import { openDatabase } from '../src/db/client.js';
import { silentLogger } from '../src/logger.js';
import { createPipeline, createSummarizer } from '../src/pipeline/orchestrator.js';
import type { Fetcher } from '../src/pipeline/types.js';
import { scoreClustering } from './lib/clustering-metrics.js';
import { seedStoredStories } from './lib/clustering-seed.js';
import { BenchUsageError } from './lib/usage-error.js';

interface Item {
  id: string;
  title: string;
  text: string;
  url: string;
  source: string;
  ts: number;
  story: string;
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { data: { type: 'string' }, out: { type: 'string' }, stored: { type: 'string', default: '0' } } });
  if (!values.data) throw new BenchUsageError('--data <file.jsonl> is required');
  const items = (await readFile(values.data, 'utf8'))
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Item);
  // Items carry their own text; a page is never fetched (a title-only item stays title-only, as a feed without pages).
  const fetcher: Fetcher = async (url) => {
    throw new Error(`the clustering benchmark fetches nothing (${url})`);
  };
  const pipeline = createPipeline({ fetcher, summarizer: createSummarizer(), logger: silentLogger });
  const db = await openDatabase({ pglite: await PGlite.create() });
  const seeded = Number(values.stored) > 0 ? await seedStoredStories(db.prisma, items, Number(values.stored)) : 0;

  const predicted: Record<string, string> = {};
  const articleOf: Record<string, number> = {};
  let processMs = 0;
  let storeMs = 0;
  // The story choice alone inside the store: finding candidates (the term counts come with the duplicate check) and
  // comparing with them; the rest of the store is the duplicate check, the insert and the commit.
  let placeMs = 0;
  const place: typeof pipeline.placeArticle = async (terms, index) => {
    const t = performance.now();
    try {
      return await pipeline.placeArticle(terms, index);
    } finally {
      placeMs += performance.now() - t;
    }
  };
  for (const item of items) {
    const t0 = performance.now();
    const article = await pipeline.processItem(
      { url: item.url, title: item.title, text: item.text || item.title, sourceName: item.source, publishedAt: new Date(item.ts), needsFetch: false },
      { dates: { fetchedAt: new Date(item.ts), timezone: 'UTC', dayFirst: true }, kind: 'feed' },
    );
    const t1 = performance.now();
    const stored = await storeArticle(db.prisma, { ...article, feedId: null }, place, { now: new Date(item.ts), windowHours: 72 });
    storeMs += performance.now() - t1;
    processMs += t1 - t0;
    articleOf[item.id] = stored.articleId;
  }
  // Read back at the end: a story a later article showed to be one with another was merged into it.
  const finalStory = new Map((await db.prisma.article.findMany({ select: { id: true, storyId: true } })).map((a) => [a.id, a.storyId]));
  for (const [id, articleId] of Object.entries(articleOf)) predicted[id] = String(finalStory.get(articleId));
  await db.close();
  if (values.out) await writeFile(values.out, `${JSON.stringify(predicted)}\n`);
  const scores = scoreClustering(items.map((i) => ({ predicted: predicted[i.id]!, gold: i.story })));
  const n = items.length || 1;
  process.stdout.write(
    `${JSON.stringify({
      task: 'clustering',
      data: values.data.split('/').pop(),
      articles: items.length,
      storedBefore: seeded,
      ...scores,
      msPerArticle: { store: Number((storeMs / n).toFixed(2)), storyChoice: Number((placeMs / n).toFixed(2)), pipeline: Number((processMs / n).toFixed(2)) },
    })}\n`,
  );
}
