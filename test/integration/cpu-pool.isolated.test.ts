// The pipeline's worker pool with real worker threads: hostile jobs are ended at their limits in plain words and the
// pool keeps serving; errors keep their classes across the thread boundary; pooled and inline pipelines agree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSource } from '../../src/db/sources.js';
import { isUserError } from '../../src/errors.js';
import { createNewsService } from '../../src/ingest/news-service.js';
import { silentLogger } from '../../src/logger.js';
import { isNotAnArticleError } from '../../src/pipeline/extract/index.js';
import { createCpuPool, createInlineCpu, createPipeline, createSummarizer, JobLimitError, type CpuRunner } from '../../src/pipeline/orchestrator.js';
import { isParseError } from '../../src/pipeline/parse/index.js';
import type { FetchResult } from '../../src/pipeline/types.js';
import { createTestDatabase } from '../helpers/db.js';
import { startHttpServer } from '../helpers/http-server.js';
import { startNewsSite, seedTexts, type NewsSite } from '../helpers/news-site.js';
import { testFetcher } from '../helpers/services.js';

const dates = { fetchedAt: new Date('2025-07-29T12:00:00Z'), timezone: 'UTC', dayFirst: true };
const fetched = (body: string, contentType: string): FetchResult => ({
  requestedUrl: 'https://site.example/doc',
  url: 'https://site.example/doc',
  status: 200,
  notModified: false,
  contentType,
  body,
  fetchedAt: dates.fetchedAt,
});
// The worker's test-only hostile jobs ('test-spin', 'test-allocate'): present only when this variable is set as the
// worker starts (src/pipeline/worker/cpu-worker.ts), so it stays set while replacements start.
const runHook = (pool: CpuRunner, kind: 'test-spin' | 'test-allocate') => (pool.run as (kind: string, input: unknown) => Promise<unknown>)(kind, {});
const feed = (items: number) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title><link>https://site.example/</link>${Array.from(
    { length: items },
    (_, i) => `<item><title>Item ${i}</title><link>https://site.example/a/${i}</link><description>Item ${i} says something about the news of the day.</description></item>`,
  ).join('')}</channel></rss>`;

describe('pipeline worker pool', () => {
  let pool: CpuRunner;
  beforeAll(() => {
    process.env.GAZETTE_WORKER_TEST_HOOKS = '1';
    pool = createCpuPool({ workers: 1, timeoutMs: 1_500, memoryMb: 64, logger: silentLogger });
  });
  afterAll(async () => {
    delete process.env.GAZETTE_WORKER_TEST_HOOKS;
    await pool.close();
  });

  it('ends a job that never finishes at its deadline, in words, and serves the next job', async () => {
    await pool.run('parse', { fetched: fetched(feed(1), 'application/rss+xml'), dates }); // the worker is up
    const error = await runHook(pool, 'test-spin').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobLimitError);
    expect(isUserError(error)).toBe(true);
    expect((error as Error).message).toBe('The page took too long to read (over 1.5 s)');
    const next = await pool.run('parse', { fetched: fetched(feed(3), 'application/rss+xml'), dates });
    expect(next.items).toHaveLength(3);
  }, 30_000);

  it('ends a job that needs more memory than its worker may have, and recovers', async () => {
    // A pool of its own whose time limit cannot come first: on a busy machine, filling 64 MB took longer than 1.5 s.
    const roomy = createCpuPool({ workers: 1, timeoutMs: 60_000, memoryMb: 64, logger: silentLogger });
    try {
      const error = await runHook(roomy, 'test-allocate').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(JobLimitError);
      expect((error as JobLimitError).limit).toBe('memory');
      expect((error as Error).message).toBe('The page needs too much memory to read (over 64 MB)');
      const next = await roomy.run('parse', { fetched: fetched(feed(2), 'application/rss+xml'), dates });
      expect(next.items).toHaveLength(2);
    } finally {
      await roomy.close();
    }
  }, 90_000);

  it('rebuilds ParseError with its feeds and NotAnArticleError on the main thread', async () => {
    const page = `<!doctype html><html><head><title>Home</title><link rel="alternate" type="application/rss+xml" href="/feed.xml" title="All news"></head><body><p>Welcome.</p></body></html>`;
    const error = await pool.run('parse', { fetched: fetched(page, 'text/html'), dates, kind: 'feed' }).catch((e: unknown) => e);
    expect(isParseError(error)).toBe(true);
    expect(isParseError(error) && error.feeds.map((f) => f.url)).toContain('https://site.example/feed.xml');
    const teaser = { url: 'https://site.example/login', title: 'Log in', needsFetch: true };
    const notArticle = await pool
      .run('article', { item: teaser, dates, summarize: true, page: { body: '<html><body><form><input type="password"></form></body></html>', url: teaser.url } })
      .catch((e: unknown) => e);
    expect(isNotAnArticleError(notArticle)).toBe(true);
    expect(isUserError(notArticle)).toBe(true);
  }, 30_000);
});

describe('a real document over the deadline', () => {
  it('is refused in words; the source health would say why', async () => {
    const pool = createCpuPool({ workers: 1, timeoutMs: 100, memoryMb: 128 });
    try {
      await pool.run('parse', { fetched: fetched(feed(1), 'application/rss+xml'), dates });
      const huge = fetched(feed(40_000), 'application/rss+xml'); // about 6 MB: over a second of parsing
      await expect(pool.run('parse', { fetched: huge, dates })).rejects.toThrow('The page took too long to read (over 0.1 s)');
      expect((await pool.run('parse', { fetched: fetched(feed(1), 'application/rss+xml'), dates })).items).toHaveLength(1);
    } finally {
      await pool.close();
    }
  }, 30_000);
});

describe('the pipeline with a pool', () => {
  let site: NewsSite;
  let pool: CpuRunner;
  beforeAll(async () => {
    const { aljazeera, alarabiya } = seedTexts();
    const published = new Date('2025-07-29T08:00:00Z');
    site = await startNewsSite('Seed News', [
      { slug: 'aljazeera', title: 'Thailand and Cambodia trade fire', text: aljazeera, published },
      { slug: 'alarabiya', title: 'Cambodia accuses Thailand', text: alarabiya, published, fullInFeed: true },
    ]);
    pool = createCpuPool({ workers: 2, timeoutMs: 10_000, memoryMb: 128 });
  });
  afterAll(async () => {
    await pool.close();
    await site.close();
  });

  it('produces the same articles as inline', async () => {
    const fetcher = testFetcher();
    const inline = createPipeline({ fetcher, summarizer: createSummarizer(), logger: silentLogger });
    const pooled = createPipeline({ fetcher, summarizer: createSummarizer(), logger: silentLogger, cpu: pool });
    const [a, b] = await Promise.all([inline.readSource({ url: site.feedUrl }), pooled.readSource({ url: site.feedUrl })]);
    expect(b.parsed).toEqual(a.parsed);
    expect(b.parsed.items).toHaveLength(2);
    for (const item of a.parsed.items) {
      const read = { dates: a.dates, kind: a.parsed.kind, siteName: a.parsed.title };
      const [x, y] = await Promise.all([inline.processItem(item, read), pooled.processItem(item, read)]);
      expect(y).toEqual(x);
      expect(y.summary.length).toBeGreaterThan(50);
      expect(y.countries).toContain('KH');
    }
    await fetcher.close();
  }, 60_000);

  it('awaits a network summarizer on the main thread and finishes the article in a worker', async () => {
    const fetcher = testFetcher();
    const llm = { name: 'stand-in LLM', summarize: () => Promise.resolve(['Thailand and Cambodia exchanged fire.', 'Both sides blame each other.']) };
    const inline = createPipeline({ fetcher, summarizer: llm, logger: silentLogger });
    const pooled = createPipeline({ fetcher, summarizer: llm, logger: silentLogger, cpu: pool });
    const read = await pooled.readSource({ url: site.feedUrl });
    const context = { dates: read.dates, kind: read.parsed.kind, siteName: read.parsed.title };
    for (const item of read.parsed.items) {
      const [x, y] = await Promise.all([inline.processItem(item, context), pooled.processItem(item, context)]);
      expect(y).toEqual(x);
      expect(y.summary).toBe('Thailand and Cambodia exchanged fire. Both sides blame each other.');
    }
    await fetcher.close();
  }, 60_000);
});

describe('the main thread while a worker parses', () => {
  it('keeps its event loop free', async () => {
    const huge = fetched(feed(40_000), 'application/rss+xml');
    // Timers that fire while the parse runs: none when it runs on this thread, many when a worker runs it. (Counted,
    // not timed, so a slow machine changes how many, not whether.)
    const ticksDuring = async (work: () => Promise<unknown>) => {
      let ticks = 0;
      const tick = setInterval(() => ticks++, 1);
      await work();
      clearInterval(tick);
      return ticks;
    };
    const pool = createCpuPool({ workers: 1, timeoutMs: 60_000, memoryMb: 256 });
    try {
      await pool.run('parse', { fetched: fetched(feed(1), 'application/rss+xml'), dates });
      expect(await ticksDuring(() => createInlineCpu().run('parse', { fetched: huge, dates }))).toBe(0);
      expect(await ticksDuring(() => pool.run('parse', { fetched: huge, dates }))).toBeGreaterThan(10);
    } finally {
      await pool.close();
    }
  }, 60_000);
});

describe('a source whose document is too slow to read', () => {
  it('gets a health message that says why, and the next poll still works', async () => {
    const db = await createTestDatabase();
    let items = 40_000;
    const server = await startHttpServer({
      '/feed.xml': (_req, res) => {
        res.setHeader('content-type', 'application/rss+xml');
        res.end(feed(items));
      },
    });
    const fetcher = testFetcher({ maxBytes: 8 << 20 });
    const cpu = createCpuPool({ workers: 1, timeoutMs: 300, memoryMb: 128 });
    try {
      const pipeline = createPipeline({ fetcher, summarizer: createSummarizer(), logger: silentLogger, cpu });
      const news = createNewsService({ prisma: db.prisma, pipeline, logger: silentLogger, clusterWindowHours: 72, maxFailures: 3, defaultPollMinutes: 15, allowFileUrls: false });
      const url = `${server.origin}/feed.xml`;
      const source = await addSource(db.prisma, { guildId: '110000000000000001', actorId: '210000000000000001', url, kind: 'feed', channelId: '310000000000000001', intervalMinutes: 15 });
      const report = await news.ingestFeed(source.feedId);
      expect(report).toMatchObject({ status: 'failed', error: 'The page took too long to read (over 0.3 s)' });
      expect(await db.prisma.feed.findUniqueOrThrow({ where: { id: source.feedId } })).toMatchObject({ lastError: 'The page took too long to read (over 0.3 s)', consecutiveFailures: 1 });
      items = 3;
      expect(await news.ingestFeed(source.feedId)).toMatchObject({ status: 'ok' });
      expect(await db.prisma.feed.findUniqueOrThrow({ where: { id: source.feedId } })).toMatchObject({ consecutiveFailures: 0 });
    } finally {
      await cpu.close();
      await fetcher.close();
      await server.close();
      await db.close();
    }
  }, 60_000);
});

describe('a feed read as the pool closes (the bot stopping)', () => {
  it('is not held against the feed: no failure, no notice, no backoff', async () => {
    const db = await createTestDatabase();
    const server = await startHttpServer({
      '/feed.xml': (_req, res) => {
        res.setHeader('content-type', 'application/rss+xml');
        res.end(feed(3));
      },
    });
    const fetcher = testFetcher();
    const cpu = createCpuPool({ workers: 1, timeoutMs: 10_000, memoryMb: 128 });
    try {
      const pipeline = createPipeline({ fetcher, summarizer: createSummarizer(), logger: silentLogger, cpu });
      const news = createNewsService({ prisma: db.prisma, pipeline, logger: silentLogger, clusterWindowHours: 72, maxFailures: 3, defaultPollMinutes: 15, allowFileUrls: false });
      const source = await addSource(db.prisma, { guildId: '110000000000000001', actorId: '210000000000000001', url: `${server.origin}/feed.xml`, kind: 'feed', channelId: '310000000000000001', intervalMinutes: 15 });
      // The fetch is done, its parse job refused: the stop closed the pool in between.
      await cpu.close();
      // The report says the read was put off by the stop, not that the feed failed.
      expect(await news.ingestFeed(source.feedId)).toMatchObject({ status: 'ok', postponed: 'stop', newArticles: 0 });
      const after = await db.prisma.feed.findUniqueOrThrow({ where: { id: source.feedId } });
      expect(after).toMatchObject({ consecutiveFailures: 0, lastError: null, lastSuccessAt: null });
      expect(after.nextFetchAt.getTime()).toBeLessThanOrEqual(Date.now()); // due again at once
    } finally {
      await cpu.close();
      await fetcher.close();
      await server.close();
      await db.close();
    }
  }, 60_000);
});
