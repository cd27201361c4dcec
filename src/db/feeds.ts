// Feeds: one row per fetched URL, shared by every guild that follows it, holding fetch health and validators.
import { Prisma as P, type FeedKind } from '../generated/prisma/client.js';
import type { Tx } from './tx.js';

export async function findOrCreateFeed(tx: Tx, url: string, kind: FeedKind, extra: { title?: string | undefined; siteUrl?: string | undefined } = {}) {
  return tx.feed.upsert({ where: { url }, create: { url, kind, ...extra }, update: {} });
}

/**
 * Claims up to `limit` feeds due for a fetch that some guild still follows, oldest due first, by pushing their next
 * fetch `leaseMs` ahead and holding them till then (`claimedUntil`): a parallel poll (another process, or an
 * overrunning one) will not pick them too, even when a moderator moves the next fetch meanwhile. The ingest then
 * records the real next fetch time and lets the claim go (`releaseClaim`). Due as of `now`; the lease counts from
 * `claimedAt` (a long poll's).
 */
export async function claimDueFeeds(tx: Tx, now: Date, limit: number, leaseMs: number, claimedAt = now): Promise<number[]> {
  const until = claimEnd(claimedAt, leaseMs);
  const rows = await tx.$queryRaw<{ id: number }[]>`
    UPDATE "Feed" f SET "nextFetchAt" = ${until}, "claimedUntil" = ${until}
    FROM (
      SELECT id FROM "Feed" WHERE "nextFetchAt" <= ${now} AND ${unclaimed(now)}
        AND EXISTS (SELECT 1 FROM "Source" s WHERE s."feedId" = "Feed".id AND NOT s.paused)
      ORDER BY "nextFetchAt", id LIMIT ${limit} FOR UPDATE SKIP LOCKED
    ) due
    WHERE f.id = due.id
    RETURNING f.id`;
  return rows.map((r) => r.id);
}

/** The `claimedUntil` a claim made at `claimedAt` sets: the poll hands it to the ingest, which lets go of that claim only. */
export const claimEnd = (claimedAt: Date, leaseMs: number) => new Date(claimedAt.getTime() + leaseMs);

/**
 * Claims one feed for a read outside a poll (`/source add`'s first), as claimDueFeeds does for a poll: held until
 * `claimEnd(now, leaseMs)`, which that read lets go of. A poll reading the feed now keeps it (undefined): reading it
 * beside that poll fetched, summarized and counted its new items twice.
 */
export async function claimFeed(tx: Tx, feedId: number, now: Date, leaseMs: number): Promise<Date | undefined> {
  const until = claimEnd(now, leaseMs);
  const claimed = await tx.$executeRaw`
    UPDATE "Feed" SET "nextFetchAt" = ${until}, "claimedUntil" = ${until} WHERE id = ${feedId} AND ${unclaimed(now)}`;
  return claimed ? until : undefined;
}

/** SQL: no poll holds the feed (never claimed, its claim let go, or lapsed: a poll that died). */
export const unclaimed = (now: Date) => P.sql`("claimedUntil" IS NULL OR "claimedUntil" <= ${now})`;

/**
 * A poll is done with the feed: the next fetch is at `next`, unless it was moved sooner while the feed was held (a
 * moderator resumed a source, a server followed the feed, an interval was shortened): that request holds, so the next
 * poll comes at once after this one rather than beside it. Only the read's own claim (`claim`, as it set it) is let
 * go: a read without one, or whose claim lapsed and was taken over, finishing first cleared the claim of a poll
 * still reading the feed, which another poll could then take beside it.
 */
async function releaseClaim(tx: Tx, feedId: number, next: Date, claim: Date | undefined): Promise<void> {
  await tx.$executeRaw`
    UPDATE "Feed" SET "claimedUntil" = CASE WHEN "claimedUntil" = ${claim ?? null} THEN NULL ELSE "claimedUntil" END,
      "nextFetchAt" = CASE WHEN "claimedUntil" > "nextFetchAt" THEN LEAST("nextFetchAt", ${next}) ELSE ${next} END
    WHERE id = ${feedId}`;
}

/** The shortest interval asked for by the feed's active followers (minutes), or undefined when none follow it. */
export async function pollIntervalMinutes(tx: Tx, feedId: number): Promise<number | undefined> {
  const agg = await tx.source.aggregate({ where: { feedId, paused: false }, _min: { intervalMinutes: true } });
  return agg._min.intervalMinutes ?? undefined;
}

/** What a read of the feed leaves for the next read, kept whether or not its items could be stored. */
export interface FeedRead {
  /** The response's validators for the next poll's conditional request; null forgets them (read it whole). */
  etag?: string | null | undefined;
  lastModified?: string | null | undefined;
  seenKeys?: string[] | undefined;
  title?: string | undefined;
  siteUrl?: string | undefined;
}

export interface FetchSuccess extends FeedRead {
  /** A health note although the fetch worked ("The feed has no items."). */
  notice?: string | undefined;
  nextFetchAt: Date;
  /** The read's claim on the feed (`claimEnd`: a poll's, or `claimFeed`'s), let go. */
  claim?: Date | undefined;
  /** The sources whose pending backfill (`pendingBackfills`) this read posted: they are owed nothing more. */
  backfilled?: number[] | undefined;
}

/** The backfills still owed to the feed's active sources (`Source.backfillPending`): how many newest items each. */
export async function pendingBackfills(tx: Tx, feedId: number): Promise<{ sourceId: number; count: number }[]> {
  const rows = await tx.source.findMany({ where: { feedId, paused: false, backfillPending: { gt: 0 } }, select: { id: true, backfillPending: true }, orderBy: { id: 'asc' } });
  return rows.map((r) => ({ sourceId: r.id, count: r.backfillPending }));
}

function readFields(read: FeedRead) {
  return {
    ...(read.etag !== undefined && { etag: read.etag }),
    ...(read.lastModified !== undefined && { lastModified: read.lastModified }),
    ...(read.seenKeys && { seenKeys: read.seenKeys, pagesRemembered: true }),
    ...(read.title && { title: read.title }),
    ...(read.siteUrl && { siteUrl: read.siteUrl }),
  };
}

export async function recordFetchSuccess(tx: Tx, feedId: number, now: Date, result: FetchSuccess): Promise<void> {
  await tx.feed.update({
    where: { id: feedId },
    data: { lastFetchAt: now, lastSuccessAt: now, consecutiveFailures: 0, lastError: result.notice ?? null, ...readFields(result) },
  });
  // Cleared before the claim goes, so the next poll cannot post a backfill this one has posted.
  if (result.backfilled?.length) await tx.source.updateMany({ where: { id: { in: result.backfilled } }, data: { backfillPending: 0 } });
  await releaseClaim(tx, feedId, result.nextFetchAt, result.claim);
}

/**
 * The bot's stop cut a poll of the feed off, or its site asked Gazette to wait: that says nothing of the feed, so its
 * health (failures, backoff, notice), what it remembers (seen items, validators) and the backfills it owes stay as
 * they were; the claim goes, the feed due again at `next`.
 */
export async function postponeFeed(tx: Tx, feedId: number, next: Date, claim?: Date): Promise<void> {
  await releaseClaim(tx, feedId, next, claim);
}

/** How a source that paused itself says so; src/db/source-alerts.ts tells it from a moderator's pause by this. */
export const selfPauseReasonPrefix = 'Paused after ';

/**
 * Records a failed fetch in words a moderator can act on. After `maxFailures` in a row every source on the feed
 * pauses itself with the reason, so a dead feed stops costing requests until someone resumes it. This is the one
 * place that rule lives (the retry delay before that is `backoffDelayMs` in src/pipeline/fetch/backoff.ts). A feed
 * read whose every item failed counts too, and keeps what it read (`read`: the items given up, the validators).
 */
export async function recordFetchFailure(
  tx: Tx,
  feedId: number,
  now: Date,
  failure: { message: string; nextFetchAt: Date; maxFailures: number; read?: FeedRead | undefined; claim?: Date | undefined },
): Promise<{ consecutiveFailures: number; paused: boolean }> {
  const feed = await tx.feed.update({
    where: { id: feedId },
    data: { lastFetchAt: now, lastError: failure.message, consecutiveFailures: { increment: 1 }, ...readFields(failure.read ?? {}) },
  });
  await releaseClaim(tx, feedId, failure.nextFetchAt, failure.claim);
  const paused = feed.consecutiveFailures >= failure.maxFailures;
  if (paused) {
    await tx.source.updateMany({
      where: { feedId, paused: false },
      data: { paused: true, pausedReason: `${selfPauseReasonPrefix}${feed.consecutiveFailures} failed fetches in a row. Last error: ${failure.message}` },
    });
  }
  return { consecutiveFailures: feed.consecutiveFailures, paused };
}

export async function getFeed(tx: Tx, feedId: number) {
  return tx.feed.findUnique({ where: { id: feedId } });
}
