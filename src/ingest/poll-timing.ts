// When a feed is read again, and how: timing rules of the poll (news-service.ts) that depend on nothing but numbers.

/**
 * How long a feed whose only items left are ones that failed waits before they are tried again. A minute apart, an
 * item's three attempts (item-retries.ts) spanned two minutes: a site down for three lost the article for good.
 */
export const retryItemsAfterMs = 5 * 60_000;

/**
 * How long a feed waits for the items a read left (before a site's own wait is counted): a minute when any is left
 * untried or a backfill is owed, retryItemsAfterMs (within the feed's interval) when all of them failed.
 */
export function itemsLeftDelayMs(run: { unfinished: ReadonlySet<string>; retrying: ReadonlySet<string> }, owed: ReadonlySet<unknown>, intervalMs: number): number {
  const onlyRetrying = owed.size === 0 && [...run.unfinished].every((k) => run.retrying.has(k));
  return onlyRetrying ? Math.min(retryItemsAfterMs, intervalMs) : 60_000;
}

/**
 * Whether this read sends no validators although it could: the first of each day, a day counted from an hour of the
 * feed's own (spread by its id). A server whose 304s are wrong (a generator's fixed ETag or Last-Modified) otherwise
 * silenced its feed for good, looking healthy; once a day it is read whole, and what it holds is read as any poll's.
 */
export function dailyWholeRead(feedId: number, lastSuccessAt: Date | null, now: Date): boolean {
  if (!lastSuccessAt) return false;
  const day = 86_400_000;
  const offset = (feedId * 3_600_000) % day;
  return Math.floor((now.getTime() + offset) / day) !== Math.floor((lastSuccessAt.getTime() + offset) / day);
}
