// How many feeds one poll ingests at once: one per pipeline worker and one more, never all due feeds together
// (more only queue on the workers and the database, and delay posts and interactions meanwhile).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client.js';
import { addSource } from '../../../src/db/sources.js';
import type { IngestReport, NewsService } from '../../../src/ingest/types.js';
import { silentLogger } from '../../../src/logger.js';
import { ingestConcurrency, startScheduler } from '../../../src/scheduler/scheduler.js';
import { createTestDatabase } from '../../helpers/db.js';

/** Ingests nothing, slowly, and records the most feeds it was ingesting at one time. */
function slowNews(seen: { now: number; most: number; feeds: number[] }): NewsService {
  const ingestFeed = async (feedId: number): Promise<IngestReport> => {
    seen.feeds.push(feedId);
    seen.most = Math.max(seen.most, ++seen.now);
    await new Promise((r) => setTimeout(r, 30));
    seen.now--;
    return { feedId, status: 'ok', newArticles: 0, duplicates: 0, newStories: 0, deliveries: 0, newPosts: [], problems: [] };
  };
  return { ingestFeed } as Partial<NewsService> as NewsService;
}

describe('ingest concurrency', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
    const guildId = '320000000000000001';
    for (let i = 0; i < 7; i++) {
      await addSource(db.prisma, { guildId, actorId: guildId, url: `https://example.org/c-${i}.xml`, kind: 'feed', channelId: '320000000000000002', intervalMinutes: 15 });
    }
  });
  afterAll(() => db.close());

  it('is one feed per pipeline worker and one more; inline (no workers) two', () => {
    expect(ingestConcurrency(1)).toBe(2);
    expect(ingestConcurrency(3)).toBe(4);
    expect(ingestConcurrency(0)).toBe(2);
  });

  it('ingests every due feed of a poll, never more at once than the default', async () => {
    const seen = { now: 0, most: 0, feeds: [] as number[] };
    const scheduler = startScheduler({ prisma: db.prisma, news: slowNews(seen), logger: silentLogger, holder: 'c', onDeliveriesPlanned: () => {}, startCron: false });
    expect(await scheduler.pollOnce()).toBe(7);
    expect(new Set(seen.feeds).size).toBe(7);
    expect(seen.most).toBe(ingestConcurrency(1));
  });

  it('claims feeds as workers free up, and goes on until none is due, past any fixed batch', async () => {
    const guildId = '320000000000000003';
    for (let i = 0; i < 43; i++) {
      await addSource(db.prisma, { guildId, actorId: guildId, url: `https://example.org/many-${i}.xml`, kind: 'feed', channelId: '320000000000000004', intervalMinutes: 15 });
    }
    // Claimed at the first ingest: no more than the feeds being ingested and the next few.
    let claimedAtFirst: number | undefined;
    const seen = { now: 0, most: 0, feeds: [] as number[] };
    const slow = slowNews(seen);
    const news = {
      ingestFeed: async (feedId: number) => {
        claimedAtFirst ??= await db.prisma.feed.count({ where: { nextFetchAt: { gt: new Date() } } });
        return slow.ingestFeed(feedId);
      },
    } as Partial<NewsService> as NewsService;
    const scheduler = startScheduler({ prisma: db.prisma, news, logger: silentLogger, holder: 'c', onDeliveriesPlanned: () => {}, startCron: false });
    expect(await scheduler.pollOnce()).toBe(43); // the seven of the test above are claimed, not due
    expect(new Set(seen.feeds).size).toBe(43);
    expect(claimedAtFirst).toBeLessThanOrEqual(7 + 2 * ingestConcurrency(1));
  });

  it('claims each feed for the full claim time from when it is claimed, however long the poll has run', async () => {
    const guildId = '320000000000000005';
    for (let i = 0; i < 6; i++) {
      await addSource(db.prisma, { guildId, actorId: guildId, url: `https://example.org/long-${i}.xml`, kind: 'feed', channelId: '320000000000000006', intervalMinutes: 15 });
    }
    // Each ingest takes four minutes of the scheduler's clock: the last feeds are claimed long after the poll began.
    let clock = new Date(Date.now() + 86_400_000);
    const heldAtStart: boolean[] = [];
    const news = {
      ingestFeed: async (feedId: number) => {
        const feed = await db.prisma.feed.findUniqueOrThrow({ where: { id: feedId } });
        heldAtStart.push(feed.nextFetchAt.getTime() > clock.getTime());
        clock = new Date(clock.getTime() + 4 * 60_000);
        return { feedId, status: 'ok' as const, newArticles: 0, duplicates: 0, newStories: 0, deliveries: 0, newPosts: [], problems: [] };
      },
    } as Partial<NewsService> as NewsService;
    const scheduler = startScheduler({ prisma: db.prisma, news, logger: silentLogger, holder: 'c', onDeliveriesPlanned: () => {}, startCron: false, now: () => clock, pollClaimMs: 10 * 60_000 });
    expect(await scheduler.pollOnce()).toBeGreaterThanOrEqual(6);
    expect(heldAtStart.every(Boolean)).toBe(true);
  });
});
