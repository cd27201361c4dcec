// Housekeeping the embedded database needs done for it: PGlite runs no autovacuum, so without this its tables are
// never vacuumed and the planner never gets statistics. On a PostgreSQL server it is harmless and cheap.
import type { Prisma } from './client.js';

/** Forgets clustering lookup keys of articles older than the window: they can no longer be candidates. */
export async function pruneArticleKeys(prisma: Prisma, olderThan: Date): Promise<number> {
  return prisma.$executeRaw`DELETE FROM "ArticleKey" WHERE "createdAt" < ${olderThan}`;
}

/**
 * Empties the text of articles stored before `olderThan` (RETENTION_DAYS): the bulk of the database. Titles,
 * summaries, stories, votes, tags and posts stay, so lookups, search and rankings are unchanged; only a later split or
 * merge of such a story clusters its articles by their titles.
 */
export async function pruneArticleBodies(prisma: Prisma, olderThan: Date, batch = 1000): Promise<number> {
  // In batches, each its own statement: the first night after RETENTION_DAYS is set may reach a whole archive, and one
  // statement over it would hold the embedded database (and every command waiting on it) for its whole run.
  // Each batch starts after the last one's highest id: from the start every time, a batch read past every article
  // emptied before it, and the first night over a large archive read rows quadratically often.
  let pruned = 0;
  let after = 0;
  for (;;) {
    const rows = await prisma.$queryRaw<{ id: number }[]>`
      UPDATE "Article" SET text = '' WHERE id IN (
        SELECT id FROM "Article" WHERE id > ${after} AND "createdAt" < ${olderThan} AND text <> '' ORDER BY id LIMIT ${batch})
      RETURNING id`;
    pruned += rows.length;
    if (rows.length < batch) return pruned;
    after = Math.max(...rows.map((r) => r.id));
  }
}

export async function vacuumAnalyze(prisma: Prisma): Promise<void> {
  // VACUUM cannot run inside a transaction; $executeRawUnsafe sends it on its own.
  await prisma.$executeRawUnsafe('VACUUM (ANALYZE)');
}

/**
 * Refreshes the planner's statistics of the outbox table and returns how many rows it now counts. Run when many
 * deliveries were planned since the last time (db/table-statistics.ts); SKIP_LOCKED leaves it to another
 * process already analysing it.
 */
export async function analyzeOutbox(prisma: Prisma): Promise<number> {
  await prisma.$executeRawUnsafe('ANALYZE (SKIP_LOCKED) "Delivery"');
  return tableRows(prisma, '"Delivery"');
}

/**
 * Refreshes the statistics of the tables the store's functions read as stories grow (their lookup keys, the stories,
 * the servers they were planned in), which also makes the database plan those functions again (ADR 29); returns how
 * many stories it now counts. Run when many stories were stored since the last time (db/table-statistics.ts).
 */
export async function analyzeStories(prisma: Prisma): Promise<number> {
  // Only the columns those functions look rows up by: the table's size (what a plan made on an empty table gets wrong)
  // is counted whatever the columns, and a story's centroid is large to sample.
  await prisma.$executeRawUnsafe('ANALYZE (SKIP_LOCKED) "ArticleKey" (key, "createdAt", "storyId"), "Story" (id), "GuildStory" ("guildId", "storyId")');
  return tableRows(prisma, '"Story"');
}

async function tableRows(prisma: Prisma, table: '"Delivery"' | '"Story"'): Promise<number> {
  const [row] = await prisma.$queryRaw<{ rows: number }[]>`SELECT greatest(reltuples, 0)::float8 AS rows FROM pg_class WHERE oid = ${table}::regclass`;
  return row?.rows ?? 0;
}
