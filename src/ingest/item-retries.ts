// Which items of a feed are tried again at the next poll, and how often. An item whose page failed for a passing
// reason (the site was down, the database was busy) is not remembered as seen, so the next poll reads it again; one
// that keeps failing is given up after a few polls, so a dead link cannot hold its feed on a one-minute retry forever.
import { UserError } from '../errors.js';
import { isFetchError, JobLimitError } from '../pipeline/orchestrator.js';
import { maxWaitingMs } from './site-waits.js';

/** Polls an item may fail before it is remembered as seen and left alone. */
export const maxItemAttempts = 3;

/**
 * Whether an item's failure may pass: the network (a timeout, a dropped connection, DNS, a 5xx, 429 or 408), a fetch
 * cut off by a stop, a worker job that ran out of time on a busy machine, or anything unexpected (a database error
 * while storing). A page that is not an article, or a refusal (a blocked address, a page too large), will fail the
 * same way again.
 */
export function worthRetrying(error: unknown): boolean {
  if (isFetchError(error)) {
    // A 404 too: feeds announce articles before their pages are live (a 410 says the page is gone for good).
    if (error.code === 'http-status') return (error.status ?? 500) >= 500 || [429, 408, 404].includes(error.status ?? 0);
    // A fetch cancelled, or cut off by the bot's stop, says nothing about the page.
    return ['timeout', 'connection', 'dns', 'aborted', 'stopped'].includes(error.code);
  }
  if (error instanceof JobLimitError) return error.limit === 'time';
  return !(error instanceof UserError);
}

/**
 * Failed attempts per feed and item, held by this process: a restart, or another process polling the feed, starts
 * an item's count again, which is still bounded (a few more attempts), and keeping them here spares every item a
 * write. Sites' waits, which a restart must not forget, are in the database (site-waits.ts).
 */
export class ItemRetries {
  readonly #failures = new Map<number, Map<string, number>>();
  /** Per feed and item, since when (ms) its site has been answering it "wait" (Retry-After), without reading it. */
  readonly #waitingSince = new Map<number, Map<string, number>>();

  /** Counts a failure; true when the item should be tried again at the next poll. */
  failed(feedId: number, key: string, error: unknown): boolean {
    if (!worthRetrying(error)) {
      this.succeeded(feedId, key);
      return false;
    }
    const feed = this.#failures.get(feedId) ?? new Map<string, number>();
    const attempts = (feed.get(key) ?? 0) + 1;
    if (attempts >= maxItemAttempts) {
      this.succeeded(feedId, key);
      return false;
    }
    this.#failures.set(feedId, feed.set(key, attempts));
    return true;
  }

  /**
   * Its site asked to wait (429 or 503 with Retry-After): no failure, so no attempt spent; true when the item should
   * be tried once the wait is over. Spending attempts, a site rate-limiting a busy poll lost its articles for good after
   * three such answers, though it never failed. Bounded all the same: a page still answered "wait" maxWaitingMs after
   * its first such answer is given up, as a failing one is, so it cannot hold its feed on retries forever.
   */
  waited(feedId: number, key: string, now: number): boolean {
    const feed = this.#waitingSince.get(feedId) ?? new Map<string, number>();
    const since = feed.get(key) ?? now;
    if (now - since >= maxWaitingMs) {
      this.succeeded(feedId, key);
      return false;
    }
    this.#waitingSince.set(feedId, feed.set(key, since));
    return true;
  }

  /**
   * Gives back the attempt a poll spent on these items: every item it tried failed for a reason that may pass, so the
   * site was down and the feed backs off (and pauses after its failures) as a failing fetch does. Counted, three
   * attempts spanned under an hour of such back-off, and a site down that long lost its new articles for good. An item
   * given up by that attempt is counted again from its last attempt.
   */
  refund(feedId: number, keys: Iterable<string>) {
    const feed = this.#failures.get(feedId) ?? new Map<string, number>();
    for (const key of keys) feed.set(key, Math.max(0, (feed.get(key) ?? maxItemAttempts) - 1));
    if (feed.size) this.#failures.set(feedId, feed);
  }

  /** The item was read, or given up: its failures and waits are forgotten. */
  succeeded(feedId: number, key: string) {
    for (const counts of [this.#failures, this.#waitingSince]) {
      const feed = counts.get(feedId);
      feed?.delete(key);
      if (feed && !feed.size) counts.delete(feedId);
    }
  }

  /** Forgets items no longer in the feed's document, so the counts stay as small as the feeds. */
  keepOnly(feedId: number, keys: ReadonlySet<string>) {
    for (const counts of [this.#failures, this.#waitingSince]) {
      const feed = counts.get(feedId);
      if (!feed) continue;
      for (const key of feed.keys()) if (!keys.has(key)) feed.delete(key);
      if (!feed.size) counts.delete(feedId);
    }
  }
}
