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
});
