// After a poll plans many posts, the planner must learn that they are pending: with the statistics of a quieter moment
// it claims due posts by reading and sorting every pending row (scheduler/outbox-statistics.ts).
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client.js';
import { analyzeAfter, outboxStatistics } from '../../../src/scheduler/outbox-statistics.js';
import { createTestDatabase } from '../../helpers/db.js';

const silent = pino({ level: 'silent' });

describe('outboxStatistics', () => {
  it('analyses by autovacuum’s rule, one analysis at a time, counting from the rows the last one found', async () => {
    const calls: number[] = [];
    let finish: (rows: number) => void = () => {};
    const analyze = () => new Promise<number>((resolve) => ((finish = resolve), calls.push(calls.length)));
    const statistics = outboxStatistics({} as never, silent, analyze);
    statistics.planned(30);
    expect(calls).toHaveLength(0);
    statistics.planned(20);
    expect(calls).toHaveLength(1);
    statistics.planned(5_000); // counted, not started while one runs
    expect(calls).toHaveLength(1);
    finish(1_000);
    await statistics.idle();
    expect(analyzeAfter(1_000)).toBe(150);
    statistics.planned(149);
    expect(calls).toHaveLength(2); // the 5,000 counted during the first analysis were enough already
    finish(6_000);
    await statistics.idle();
    statistics.planned(600);
    expect(calls).toHaveLength(2);
    statistics.planned(50);
    expect(calls).toHaveLength(3);
  });
});

describe('outbox statistics on the database', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  const pendingEstimate = async () => {
    const [row] = await db.prisma.$queryRawUnsafe<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[]>(
      `EXPLAIN (FORMAT JSON) SELECT id FROM "Delivery" WHERE status = 'pending' AND "nextAttemptAt" <= now()`,
    );
    const plan = row!['QUERY PLAN'];
    return (typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan['Plan Rows'] as number;
  };

  it('tells the planner about a wave of planned posts', async () => {
    await db.prisma.$executeRawUnsafe(`INSERT INTO "Guild" (id, "updatedAt") VALUES ('100000000000000091', now())`);
    await db.prisma.$executeRawUnsafe(`INSERT INTO "Story" (id, title, summary, "firstSeenAt", "lastArticleAt", size) SELECT s, 't', 's', now(), now(), 1 FROM generate_series(9001, 9400) s`);
    const insert = (stories: string, status: string) =>
      db.prisma.$executeRawUnsafe(
        `INSERT INTO "Delivery" ("storyId", "guildId", "channelId", status, "nextAttemptAt", nonce, "updatedAt")
         SELECT s, '100000000000000091', 'c' || k, '${status}'::"DeliveryStatus", now() - interval '1 minute', md5(s || '-' || k), now()
         FROM generate_series(${stories}) s, generate_series(1, 5) k`,
      );
    // A quiet moment: everything posted, and the table analysed.
    await insert('9001, 9100', 'posted');
    await db.prisma.$executeRawUnsafe('ANALYZE "Delivery"');
    // Then a poll plans 1,500 posts.
    await insert('9101, 9400', 'pending');
    expect(await pendingEstimate()).toBeLessThan(100);

    const statistics = outboxStatistics(db.prisma, silent);
    statistics.planned(1_500);
    await statistics.idle();
    expect(await pendingEstimate()).toBeGreaterThan(1_000);
  });
});
