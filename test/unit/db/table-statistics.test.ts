// After a poll plans many posts, the planner must learn that they are pending: with the statistics of a quieter moment
// it claims due posts by reading and sorting every pending row; after it stores many stories, the store's functions
// must be planned again for tables that are no longer empty (db/table-statistics.ts).
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client.js';
import { analyzeOutbox } from '../../../src/db/maintenance.js';
import { finishStoring, storeArticle } from '../../../src/db/articles.js';
import { analyzeAfter, tableStatistics } from '../../../src/db/table-statistics.js';
import { createTestDatabase } from '../../helpers/db.js';
import { articleFixture, newStory } from '../../helpers/fixtures.js';

const silent = pino({ level: 'silent' });

describe('tableStatistics', () => {
  it('analyses by autovacuum’s rule, one analysis at a time, counting from the rows the last one found', async () => {
    const calls: number[] = [];
    let finish: (rows: number) => void = () => {};
    const analyze = () => new Promise<number>((resolve) => ((finish = resolve), calls.push(calls.length)));
    const statistics = tableStatistics({} as never, silent, analyze, 'test');
    statistics.grew(30);
    expect(calls).toHaveLength(0);
    statistics.grew(20);
    expect(calls).toHaveLength(1);
    statistics.grew(5_000); // counted, not started while one runs
    expect(calls).toHaveLength(1);
    finish(1_000);
    await statistics.idle();
    expect(analyzeAfter(1_000)).toBe(150);
    statistics.grew(149);
    expect(calls).toHaveLength(2); // the 5,000 counted during the first analysis were enough already
    finish(6_000);
    await statistics.idle();
    statistics.grew(600);
    expect(calls).toHaveLength(2);
    statistics.grew(50);
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

    const statistics = tableStatistics(db.prisma, silent, analyzeOutbox, 'outbox');
    statistics.grew(1_500);
    await statistics.idle();
    expect(await pendingEstimate()).toBeGreaterThan(1_000);
  });

  it('analyses the stories and their lookup keys once enough new stories are stored, so kept plans are made again', async () => {
    const never = async (table: string) => {
      const [row] = await db.prisma.$queryRawUnsafe<{ reltuples: number }[]>(`SELECT reltuples::float8 FROM pg_class WHERE oid = '"${table}"'::regclass`);
      return row!.reltuples < 0;
    };
    // No table analysed yet: PostgreSQL counts -1 tuples for a table no analysis has seen.
    expect(await never('ArticleKey')).toBe(true);
    for (let i = 0; i < analyzeAfter(0) - 1; i++) await storeArticle(db.prisma, articleFixture(), newStory, { now: new Date(), windowHours: 72 });
    await finishStoring(db.prisma);
    expect(await never('Story')).toBe(true);
    await storeArticle(db.prisma, articleFixture(), newStory, { now: new Date(), windowHours: 72 });
    await finishStoring(db.prisma);
    for (const table of ['ArticleKey', 'Story', 'GuildStory']) expect(await never(table), table).toBe(false);
  });
});
