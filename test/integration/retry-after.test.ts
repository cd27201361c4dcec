// A feed that answers 429 or 503 with Retry-After: honoured, but never past the longest backoff, whatever it says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { addSource } from '../../src/db/sources.js';
import { MAX_BACKOFF_MS } from '../../src/pipeline/fetch/backoff.js';
import { parseRetryAfter } from '../../src/pipeline/fetch/errors.js';
import { createTestDatabase } from '../helpers/db.js';
import { startNewsSite, type NewsSite } from '../helpers/news-site.js';
import { testNewsService } from '../helpers/services.js';

const guild = '130000000000000001';
const mod = '230000000000000001';

describe('Retry-After on a failed feed fetch', () => {
  let db: Database;
  let site: NewsSite;
  let services: ReturnType<typeof testNewsService>;

  beforeAll(async () => {
    db = await createTestDatabase();
    services = testNewsService(db.prisma, { maxFailures: 10 });
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

  it.each(['315360000', '99999999999999', 'Fri, 31 Dec 9999 23:59:59 GMT'])('counts the failure and retries within a day when asked to wait %s', async (retryAfter) => {
    const source = await addSource(db.prisma, { guildId: guild, actorId: mod, url: site.feedUrl, kind: 'feed', channelId: '330000000000000001', intervalMinutes: 15 }).catch(async () =>
      db.prisma.source.findFirstOrThrow({ where: { guildId: guild } }),
    );
    const before = (await db.prisma.feed.findUniqueOrThrow({ where: { id: source.feedId } })).consecutiveFailures;
    site.override = (res) => {
      res.statusCode = 503;
      res.setHeader('retry-after', retryAfter);
      res.end('Busy');
    };
    const started = Date.now();
    expect(await services.news.ingestFeed(source.feedId)).toMatchObject({ status: 'failed' });
    const feed = await db.prisma.feed.findUniqueOrThrow({ where: { id: source.feedId } });
    expect(feed.consecutiveFailures).toBe(before + 1);
    expect(feed.nextFetchAt.getTime()).toBeLessThanOrEqual(started + MAX_BACKOFF_MS + 60_000);
    expect(feed.lastError).toMatch(/503/);
  });
});
