// A feed that answers 429 or 503 with Retry-After: honoured as a wait, not a failure, but never past six hours, whatever
// it says; a site that keeps the feed unread for a day fails it after all (src/ingest/feed-outcomes.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { addSource } from '../../src/db/sources.js';
import { MAX_BACKOFF_MS } from '../../src/pipeline/fetch/backoff.js';
import { parseRetryAfter } from '../../src/pipeline/fetch/errors.js';
import { maxPageWaitMs, maxWaitingMs } from '../../src/ingest/site-waits.js';
import type { Metrics } from '../../src/metrics/metrics.js';
import { createTestDatabase } from '../helpers/db.js';
import { startNewsSite, type NewsSite } from '../helpers/news-site.js';
import { testNewsService } from '../helpers/services.js';

const guild = '130000000000000001';
const mod = '230000000000000001';

describe('Retry-After on a failed feed fetch', () => {
  let db: Database;
  let site: NewsSite;
  let services: ReturnType<typeof testNewsService>;
  /** Each fetch's gazette_feed_fetches_total label. */
  const fetches: string[] = [];
  /** How far the service's clock is ahead of the real one. */
  let skew = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    services = testNewsService(db.prisma, { maxFailures: 10, now: () => new Date(Date.now() + skew), metrics: { countFetch: (result: string) => void fetches.push(result), countArticlesStored: () => undefined } as Partial<Metrics> as Metrics });
    site = await startNewsSite('Busy Site');
  });
  afterAll(async () => {
    await services.fetcher.close();
    await Promise.all([site.close(), db.close()]);
  });

  it('reads seconds and dates, capped at the longest backoff; nonsense is ignored', () => {
    const now = Date.UTC(2025, 6, 1);
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Tue, 01 Jul 2025 00:02:00 GMT', now)).toBe(120_000);
    expect(parseRetryAfter('315360000', now)).toBe(MAX_BACKOFF_MS);
    expect(parseRetryAfter('Fri, 31 Dec 9999 23:59:59 GMT', now)).toBe(MAX_BACKOFF_MS);
    expect(parseRetryAfter('9'.repeat(400), now)).toBeUndefined();
  });

  it.each(['315360000', '99999999999999', 'Fri, 31 Dec 9999 23:59:59 GMT'])('waits, six hours at most, and counts no failure when asked to wait %s', async (retryAfter) => {
    const source = await addSource(db.prisma, { guildId: guild, actorId: mod, url: site.feedUrl, kind: 'feed', channelId: '330000000000000001', intervalMinutes: 15 }).catch(async () =>
      db.prisma.source.findFirstOrThrow({ where: { guildId: guild } }),
    );
    const before = await db.prisma.feed.findUniqueOrThrow({ where: { id: source.feedId } });
    site.override = (res) => {
      res.statusCode = 503;
      res.setHeader('retry-after', retryAfter);
      res.end('Busy');
    };
    const started = Date.now() + skew;
    fetches.length = 0;
    expect(await services.news.ingestFeed(source.feedId)).toMatchObject({ status: 'ok', postponed: 'site-wait' });
    expect(fetches).toEqual(['site-wait']);
    const feed = await db.prisma.feed.findUniqueOrThrow({ where: { id: source.feedId } });
    expect(feed).toMatchObject({ consecutiveFailures: before.consecutiveFailures, lastError: before.lastError });
    expect(feed.nextFetchAt.getTime()).toBeGreaterThanOrEqual(started + maxPageWaitMs - 1_000);
    expect(feed.nextFetchAt.getTime()).toBeLessThanOrEqual(started + maxPageWaitMs + 60_000);
  });

  it.each([503, 429])('reads a feed whose site answers %i asking for a few seconds no sooner than its interval', async (status) => {
    // Held to the site's seconds, a feed answering so at every poll was fetched at each tick (30 s) for a day.
    const source = await db.prisma.source.findFirstOrThrow({ where: { guildId: guild } });
    site.override = (res) => {
      res.statusCode = status;
      res.setHeader('retry-after', '2');
      res.end('Busy');
    };
    const started = Date.now() + skew;
    expect(await services.news.ingestFeed(source.feedId)).toMatchObject({ postponed: 'site-wait' });
    const feed = await db.prisma.feed.findUniqueOrThrow({ where: { id: source.feedId } });
    expect(feed.nextFetchAt.getTime()).toBeGreaterThanOrEqual(started + 15 * 60_000 - 1_000);
    await db.prisma.siteWait.deleteMany({});
  });

  it('counts the wait as a failure once the site has kept the feed unread for a day, so a feed answering so for good pauses', async () => {
    const source = await db.prisma.source.findFirstOrThrow({ where: { guildId: guild } });
    site.override = (res) => {
      res.statusCode = 429;
      res.setHeader('retry-after', '3600');
      res.end('Slow down');
    };
    const read = await db.prisma.feed.findUniqueOrThrow({ where: { id: source.feedId } });
    skew = (read.lastSuccessAt ?? read.createdAt).getTime() + maxWaitingMs + 1_000 - Date.now();
    fetches.length = 0;
    expect(await services.news.ingestFeed(source.feedId)).toMatchObject({ status: 'failed', error: expect.stringMatching(/429/) });
    expect(fetches).toEqual(['http-status']);
    const feed = await db.prisma.feed.findUniqueOrThrow({ where: { id: source.feedId } });
    expect(feed.consecutiveFailures).toBe(read.consecutiveFailures + 1);
    expect(feed.nextFetchAt.getTime()).toBeLessThanOrEqual(Date.now() + skew + MAX_BACKOFF_MS + 60_000);
  });
});
