// How a poll that did not end as a read feed is recorded: its fetch failed, cut off by the bot's stop (held against
// nothing), or read but not stored (held against the feed, as a failed fetch is); and a failed read's metric label.
// Split from news-service.ts, which runs the poll.
import type { Prisma } from '../db/client.js';
import { postponeFeed, recordFetchFailure } from '../db/feeds.js';
import { describeError, UserError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/metrics.js';
import { backoffDelayMs, cutOffByStop, isFetchError, JobLimitError } from '../pipeline/orchestrator.js';
import { askedToWait, maxPageWaitMs, maxWaitingMs, type SiteWaits } from './site-waits.js';
import type { IngestReport } from './types.js';

/**
 * The feed's own fetch failed: held against it (it backs off and pauses itself after maxFailures in a row), unless
 * the bot's stop cut it off, or its site asked to wait. A site asking to wait (429 or 503 with Retry-After) is not
 * failing: the feed is read again once the wait is over (not before its interval, at most maxPageWaitMs on), its
 * failures, notice and backoff as they were. Counted, a busy site's rate limit backed its feed off and, repeated,
 * paused it as if it were dead.
 * Only once the site has kept the feed unread for maxWaitingMs is its answer a failure again, so that a feed answering
 * "wait" for good is paused, and its moderators told, as a dead one is. A 429 is the whole site's rate limit: its
 * pages and other feeds are left alone too, by every poll, share and preview.
 */
export async function fetchFailed(
  prisma: Prisma,
  deps: { waits: SiteWaits; maxFailures: number; metrics?: Metrics | undefined },
  poll: { feed: { id: number; url: string; consecutiveFailures: number; lastSuccessAt: Date | null; createdAt: Date }; started: Date; claim: Date | undefined; interval: number; error: unknown; log: Logger },
  report: IngestReport,
): Promise<IngestReport> {
  const { feed, started, claim, interval, error, log } = poll;
  if (cutOffByStop(error)) {
    deps.metrics?.countFetch(fetchFailureKind(error));
    return cutOff(prisma, started, claim, log, report);
  }
  // A feed's own 429 is its site's rate limit, which counts every request to the host: the site's pages and other
  // feeds wait too. A 503 may be that one feed's trouble, on a host that serves many publishers' feeds: only it waits.
  const siteWait = isFetchError(error) && error.status === 429 ? await deps.waits.learnFrom(feed.url, error, started.getTime()) : undefined;
  const wait = askedToWait(error);
  const unreadSince = (feed.lastSuccessAt ?? feed.createdAt).getTime();
  const waiting = wait !== undefined && started.getTime() - unreadSince < maxWaitingMs;
  // Counted apart, so that a dashboard of failing fetches does not show a site's rate limit as its feed failing.
  deps.metrics?.countFetch(waiting ? 'site-wait' : fetchFailureKind(error));
  if (waiting) {
    // Not sooner than its interval, though: a site answering "wait 2 s" at every poll had the feed fetched at each
    // scheduler tick (30 s) for a day, where a failure's backoff had let it be.
    const waitMs = Math.max(interval, siteWait?.ms ?? Math.min(wait, maxPageWaitMs));
    await postponeFeed(prisma, feed.id, new Date(started.getTime() + waitMs), claim);
    log.info({ err: error }, 'the feed asked Gazette to wait: read again after the wait');
    return { ...report, postponed: 'site-wait' };
  }
  const message = describeError(error);
  const failures = feed.consecutiveFailures + 1;
  const retryAfter = isFetchError(error) ? (error.retryAfter ?? 0) : 0;
  const next = new Date(started.getTime() + Math.max(retryAfter, backoffDelayMs(failures, interval)));
  const outcome = await recordFetchFailure(prisma, feed.id, started, { message, nextFetchAt: next, maxFailures: deps.maxFailures, claim });
  log.warn({ err: error, failures: outcome.consecutiveFailures, paused: outcome.paused }, 'feed fetch failed');
  return { ...report, status: 'failed', error: message, paused: outcome.paused };
}

/**
 * The bot's stop cut the poll off (its fetch, or its items'): counted as a failure, every deploy backed slow feeds
 * off and could pause one. Nothing of the feed is recorded but that no poll holds it; the next start reads it again.
 * Never throws: the database closed by the stop is no failure of the feed either (its claim lapses by itself). The
 * report says so (`postponed`), with what the poll did store before the stop.
 */
export async function cutOff(prisma: Prisma, started: Date, claim: Date | undefined, log: Logger, report: IngestReport): Promise<IngestReport> {
  await postponeFeed(prisma, report.feedId, started, claim).then(
    () => log.info('the stop cut the feed poll off; it is read again at the next start'),
    (error: unknown) => log.warn({ err: error }, 'the stop cut the feed poll off, and its claim could not be let go'),
  );
  return { ...report, postponed: 'stop' };
}

/** A failed feed read as a metric label: the fetcher's error code, or what kind of failure it was otherwise. */
export function fetchFailureKind(error: unknown): string {
  if (cutOffByStop(error)) return 'stopped';
  if (isFetchError(error)) return error.code;
  if (error instanceof JobLimitError) return 'job-limit';
  return error instanceof UserError ? 'parse' : 'other';
}

/**
 * The feed was read, but what it holds could not be stored (the database refused it, or a bug): that is the feed's
 * failure, as a failed fetch is, so it backs off and, failing on, pauses itself and its moderators are told. Only
 * logged, it was read again each time its claim lapsed, for good and unseen, and a new feed never kept its items.
 * When even the failure cannot be recorded (the database is down), the error goes to the scheduler's log.
 */
export async function readButNotStored(
  prisma: Prisma,
  maxFailures: number,
  poll: { feed: { id: number; consecutiveFailures: number }; started: Date; claim: Date | undefined; interval: number; error: unknown; log: Logger },
) {
  const { feed, started, claim, interval, error, log } = poll;
  log.error({ err: error }, 'feed read, but storing what it holds failed');
  const message = error instanceof UserError ? error.message : "Gazette read the feed but could not store what it holds (an error on Gazette's side); it tries again later.";
  const nextFetchAt = new Date(started.getTime() + backoffDelayMs(feed.consecutiveFailures + 1, interval));
  const outcome = await recordFetchFailure(prisma, feed.id, started, { message, nextFetchAt, maxFailures, claim }).catch(() => {
    throw error;
  });
  return { status: 'failed' as const, error: message, paused: outcome.paused };
}
