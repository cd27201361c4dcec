// Stopping lets the jobs in flight finish and starts no more: a poll cut off mid-way would log against a closed
// database, and a digest between its claim and its post would be lost for the day (src/scheduler/scheduler.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client.js';
import { addSource } from '../../../src/db/sources.js';
import type { IngestReport, NewsService } from '../../../src/ingest/types.js';
import { silentLogger } from '../../../src/logger.js';
import { startScheduler } from '../../../src/scheduler/scheduler.js';
import { createTestDatabase } from '../../helpers/db.js';

describe('stopping the scheduler', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
    for (let i = 0; i < 4; i++) {
      await addSource(db.prisma, { guildId: '330000000000000001', actorId: 'mod', url: `https://example.org/stop-${i}.xml`, kind: 'feed', channelId: '330000000000000002', intervalMinutes: 15 });
    }
  });
  afterAll(() => db.close());

  it('waits for the feeds being ingested, and starts none of the others', async () => {
    const started: number[] = [];
    const finished: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const news = {
      ingestFeed: async (feedId: number): Promise<IngestReport> => {
        started.push(feedId);
        await gate;
        finished.push(feedId);
        return { feedId, status: 'ok', newArticles: 0, duplicates: 0, newStories: 0, deliveries: 0, newPosts: [], problems: [] };
      },
    } as Partial<NewsService> as NewsService;
    const scheduler = startScheduler({ prisma: db.prisma, news, logger: silentLogger, holder: 'stop', onDeliveriesPlanned: () => {}, pollCron: '* * * * * *', concurrency: 2 });
    for (let i = 0; i < 300 && started.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(started).toHaveLength(2);
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(stopped).toBe(false); // the two ingests are still running
    release();
    await stopping;
    expect(finished.sort()).toEqual(started.sort());
    expect(started).toHaveLength(2); // the other two due feeds were not started
  });

  it('lets go of feeds it claimed and the stop kept it from starting', async () => {
    const news = { ingestFeed: async () => expect.unreachable('no feed is ingested once stopping') } as Partial<NewsService> as NewsService;
    let stopping: Promise<void> | undefined;
    // The stop comes while the poll claims its feeds: the claim's answer arrives after it.
    const prisma = new Proxy(db.prisma, {
      get(target, name) {
        if (name !== '$queryRaw') return Reflect.get(target, name);
        return async (sql: TemplateStringsArray, ...values: unknown[]) => {
          const rows = await target.$queryRaw(sql, ...values);
          if (sql.join('').includes('SET "nextFetchAt"')) stopping ??= scheduler.stop();
          return rows;
        };
      },
    });
    const scheduler = startScheduler({ prisma, news, logger: silentLogger, holder: 'stop-claims', onDeliveriesPlanned: () => {}, pollCron: '0 0 0 1 1 *', concurrency: 2 });
    const before = new Date();
    expect(await scheduler.pollOnce()).toBe(0);
    await stopping;
    const left = await db.prisma.feed.findMany({ where: { url: { in: ['https://example.org/stop-2.xml', 'https://example.org/stop-3.xml'] } } });
    expect(left).toHaveLength(2);
    for (const feed of left) {
      expect(feed.claimedUntil).toBeNull();
      expect(feed.nextFetchAt.getTime()).toBeLessThanOrEqual(Date.now());
      expect(feed.nextFetchAt.getTime()).toBeGreaterThanOrEqual(before.getTime());
    }
  });
});
