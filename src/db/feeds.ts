// Feeds: one row per fetched URL, shared by every guild that follows it, holding fetch health and validators.
import type { FeedKind } from '../generated/prisma/client.js';
import type { Tx } from './tx.js';

export async function findOrCreateFeed(tx: Tx, url: string, kind: FeedKind, extra: { title?: string | undefined; siteUrl?: string | undefined } = {}) {
  return tx.feed.upsert({ where: { url }, create: { url, kind, ...extra }, update: {} });
}

/** Feeds due for a fetch that at least one guild still follows, oldest due first. */
export async function dueFeeds(tx: Tx, now: Date, limit = 50) {
  return tx.feed.findMany({
    where: { nextFetchAt: { lte: now }, sources: { some: { paused: false } } },
    orderBy: { nextFetchAt: 'asc' },
    take: limit,
  });
}

/** The shortest interval asked for by the feed's active followers (minutes), or undefined when none follow it. */
export async function pollIntervalMinutes(tx: Tx, feedId: number): Promise<number | undefined> {
  const agg = await tx.source.aggregate({ where: { feedId, paused: false }, _min: { intervalMinutes: true } });
  return agg._min.intervalMinutes ?? undefined;
}

export interface FetchSuccess {
  etag?: string | undefined;
  lastModified?: string | undefined;
  seenKeys?: string[] | undefined;
  title?: string | undefined;
  siteUrl?: string | undefined;
  nextFetchAt: Date;
}

export async function recordFetchSuccess(tx: Tx, feedId: number, now: Date, result: FetchSuccess) {
  return tx.feed.update({
    where: { id: feedId },
    data: {
      lastFetchAt: now,
      lastSuccessAt: now,
      consecutiveFailures: 0,
      lastError: null,
      nextFetchAt: result.nextFetchAt,
      ...(result.etag !== undefined && { etag: result.etag }),
      ...(result.lastModified !== undefined && { lastModified: result.lastModified }),
      ...(result.seenKeys && { seenKeys: result.seenKeys }),
      ...(result.title && { title: result.title }),
      ...(result.siteUrl && { siteUrl: result.siteUrl }),
    },
  });
}

/**
 * Records a failed fetch in words a moderator can act on. After `maxFailures` in a row every source on the feed
 * pauses itself with the reason, so a dead feed stops costing requests until someone resumes it.
 */
export async function recordFetchFailure(
  tx: Tx,
  feedId: number,
  now: Date,
  failure: { message: string; nextFetchAt: Date; maxFailures: number },
): Promise<{ consecutiveFailures: number; paused: boolean }> {
  const feed = await tx.feed.update({
    where: { id: feedId },
    data: { lastFetchAt: now, lastError: failure.message, consecutiveFailures: { increment: 1 }, nextFetchAt: failure.nextFetchAt },
  });
  const paused = feed.consecutiveFailures >= failure.maxFailures;
  if (paused) {
    await tx.source.updateMany({
      where: { feedId, paused: false },
      data: { paused: true, pausedReason: `Paused after ${feed.consecutiveFailures} failed fetches in a row. Last error: ${failure.message}` },
    });
  }
  return { consecutiveFailures: feed.consecutiveFailures, paused };
}

export async function getFeed(tx: Tx, feedId: number) {
  return tx.feed.findUnique({ where: { id: feedId } });
}
