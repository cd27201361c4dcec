// The database's side of /healthz and /metrics: small read-only queries, each on an index.
import type { Prisma } from './client.js';
import { unclaimed } from './feeds.js';

/** Resolves when the database answers a query; rejects otherwise. */
export async function pingDatabase(prisma: Prisma): Promise<void> {
  await prisma.$queryRaw`SELECT 1`;
}

/** Feeds due for a fetch at `now` that some active source follows and no poll holds (what a poll would claim). */
export async function countDueFeeds(prisma: Prisma, now: Date): Promise<number> {
  const [row] = await prisma.$queryRaw<{ due: number }[]>`
    SELECT count(*)::int AS due FROM "Feed" f
    WHERE f."nextFetchAt" <= ${now} AND ${unclaimed(now)} AND EXISTS (SELECT 1 FROM "Source" s WHERE s."feedId" = f.id AND NOT s.paused)`;
  return row?.due ?? 0;
}

/**
 * When each of the first `limit` due feeds became due, in the order a poll claims them (src/db/feeds.ts
 * `claimDueFeeds`). Read just before claiming, so the poll knows how long each feed it claims has waited.
 */
export async function dueFeedTimes(prisma: Prisma, now: Date, limit: number): Promise<Map<number, Date>> {
  const rows = await prisma.$queryRaw<{ id: number; nextFetchAt: Date }[]>`
    SELECT f.id, f."nextFetchAt" FROM "Feed" f
    WHERE f."nextFetchAt" <= ${now} AND ${unclaimed(now)} AND EXISTS (SELECT 1 FROM "Source" s WHERE s."feedId" = f.id AND NOT s.paused)
    ORDER BY f."nextFetchAt", f.id LIMIT ${limit}`;
  return new Map(rows.map((r) => [r.id, r.nextFetchAt]));
}

/** Outbox rows waiting: posts not yet made (pending, due or retrying later) and posts waiting for an edit. */
export async function outboxDepth(prisma: Prisma): Promise<{ posts: number; edits: number }> {
  const [row] = await prisma.$queryRaw<{ posts: number; edits: number }[]>`
    SELECT (SELECT count(*)::int FROM "Delivery" WHERE status = 'pending') AS posts,
           (SELECT count(*)::int FROM "Delivery" WHERE "editDueAt" IS NOT NULL) AS edits`;
  return { posts: row?.posts ?? 0, edits: row?.edits ?? 0 };
}
