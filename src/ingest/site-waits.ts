// Sites that asked Gazette to wait (Retry-After on a page or a feed), as polls, members' shares and moderators'
// previews consult them. The database is the truth (src/db/site-waits.ts), so a restart or another process on the same
// server honours a wait too; this keeps the waits a poll read, and those learnt since, so that a feed's items are
// checked one by one without a query each.
import type { Tx } from '../db/tx.js';
import { recordSiteWait, siteWaits } from '../db/site-waits.js';
import { SiteWaitError } from '../errors.js';
import { hostOf } from '../pipeline/hosts.js';
import { isFetchError } from '../pipeline/orchestrator.js';

/**
 * The longest a site's Retry-After holds it back, whatever it asked: a site asking for days would silence its feeds
 * unseen (news-service.ts also caps a page's wait at its feed's interval, for the other sites' items).
 */
export const maxPageWaitMs = 6 * 3_600_000;

/** Pages waiting past which the ones whose wait is over are forgotten (each is forgotten anyway when next met). */
const maxPagesWaiting = 10_000;

/**
 * How long a site may keep answering "wait" to a page or a feed, since the page's first such answer or the feed's last
 * read, before that counts as failing: a wait spends no attempt (item-retries.ts) and no failure of the feed
 * (feed-outcomes.ts), and a site answering so for good would otherwise hold a page, or silence a feed unseen, forever.
 */
export const maxWaitingMs = 24 * 3_600_000;

/** A site that asked to be left alone a while (429, or 503, with Retry-After): how long (ms), else undefined. */
export function askedToWait(error: unknown): number | undefined {
  return isFetchError(error) && error.status !== undefined && error.retryAfter !== undefined ? error.retryAfter : undefined;
}

/** The site whose answer asked to wait: the one that answered, after redirects, else the one asked. */
function answeringHost(url: string, error: unknown): string {
  return hostOf(isFetchError(error) && error.url ? error.url : url);
}

export class SiteWaits {
  readonly #tx: Tx;
  /** Host → until (ms). */
  readonly #known = new Map<string, number>();
  /**
   * A link → the host that answered it, when it redirected to another (an aggregator's or a shortener's link): the
   * wait is that host's, and the link waits with it. Held by this process: after a restart such a link is asked once
   * and learns the wait again.
   */
  readonly #answeredBy = new Map<string, string>();
  /**
   * A page → until when (ms) it asked to wait with a 503: one page's trouble, which holds that page alone. Held by this
   * process: after a restart such a page is asked once more and learns its wait again.
   */
  readonly #pages = new Map<string, number>();

  constructor(tx: Tx) {
    this.#tx = tx;
  }

  /**
   * Reads the database's waits on these hosts, learnt by another process or before a restart; once a poll, before
   * it decides what to fetch. A wait another process learns while the poll runs is met at the next one.
   */
  async refresh(hosts: Iterable<string>, now: number): Promise<void> {
    for (const [host, until] of await siteWaits(this.#tx, [...hosts], new Date(now))) this.#raise(host, until.getTime());
  }

  /**
   * A site asked to be left alone until `until` (ms): its pages, and a feed on it, are not fetched before then, by
   * any poll of any process. An attempt is spent only on an answer, so a page is given up after its attempts, each
   * made once the site's wait was over, and not while a feed polled every 15 minutes met a site asking for an hour.
   */
  async learn(host: string, until: number): Promise<void> {
    this.#raise(host, until);
    await recordSiteWait(this.#tx, host, new Date(until));
  }

  /**
   * Records the wait `error` asks for (Retry-After), at most maxPageWaitMs from `now` (ms), and returns how long, or
   * undefined when it asks for none. A 429, the site's rate limit, holds the site that answered (after redirects: a
   * shortened or aggregator link must not put its own host on hold for the publisher's), its feeds and every page. A
   * 503 holds the page alone: it may be that page's trouble on a host that serves others, as a feed's 503 is that
   * feed's (feed-outcomes.ts) and a preview's that page's (`guard`); one article's 503 held its feed for six hours.
   */
  async learnFrom(url: string, error: unknown, now: number): Promise<{ ms: number } | undefined> {
    const wait = askedToWait(error);
    if (wait === undefined) return undefined;
    const ms = Math.min(wait, maxPageWaitMs);
    if (isFetchError(error) && error.status === 429) {
      const host = answeringHost(url, error);
      if (host !== hostOf(url)) this.#answeredBy.set(url, host);
      await this.learn(host, now + ms);
    } else {
      if (this.#pages.size >= maxPagesWaiting) for (const [page, until] of this.#pages) if (until <= now) this.#pages.delete(page);
      this.#pages.set(url, Math.max(now + ms, this.#pages.get(url) ?? 0));
    }
    return { ms };
  }

  /**
   * One fetch outside a poll (a member's share, a moderator's preview, a source being resolved): refused while its
   * site asks Gazette to wait, nothing fetched; an answer asking to wait is said the same way, and a 429 recorded, so
   * polls and every process honour it. Both throw SiteWaitError, whose words the member or moderator is shown.
   */
  async guard<T>(url: string, fetch: () => Promise<T>, now: () => number): Promise<T> {
    const host = hostOf(url);
    // A local file has no site to ask.
    if (!host) return fetch();
    // Its own site's wait, and that of the site it led to when that one asked to wait (a shortener's link: the next
    // share of it asked the publisher again inside its wait).
    const hosts = this.hostsOf(url);
    await this.refresh(hosts, now());
    for (const waiting of hosts) {
      const until = this.until(waiting, now());
      if (until !== undefined) throw new SiteWaitError(waiting, new Date(until));
    }
    try {
      return await fetch();
    } catch (error) {
      const wait = askedToWait(error);
      // "Retry-After: 0" (or a date past) asks for no wait: the answer is told as it is, not as "try again now".
      if (!wait) throw error;
      const at = now();
      // Only a 429, the site's rate limit, is the whole site's wait (learnFrom): a 503 may be one feed's or page's
      // trouble on a host that serves others; it is said all the same.
      if (isFetchError(error) && error.status === 429) await this.learnFrom(url, error, at);
      throw new SiteWaitError(answeringHost(url, error), new Date(at + Math.min(wait, maxPageWaitMs)));
    }
  }

  /** The database's wait on one site (its feed, before a poll reads it): until when (ms), as `until` answers. */
  async read(host: string, now: number): Promise<number | undefined> {
    await this.refresh([host], now);
    return this.until(host, now);
  }

  /** The hosts whose wait holds a link: its own, and the one it redirected to when that one asked to wait. */
  hostsOf(url: string): string[] {
    const to = this.#answeredBy.get(url);
    return to ? [hostOf(url), to] : [hostOf(url)];
  }

  /**
   * Until when (ms) a link waits (its own site's wait, that of the site it redirected to, or its own page's), or
   * undefined.
   */
  untilFor(url: string, now: number): number | undefined {
    const waits = this.hostsOf(url).flatMap((host) => this.until(host, now) ?? []);
    // Where a link led is kept only while that site's wait lasts.
    if (!waits.length) this.#answeredBy.delete(url);
    const page = this.#pages.get(url);
    if (page !== undefined && page > now) waits.push(page);
    else this.#pages.delete(url);
    return waits.length ? Math.max(...waits) : undefined;
  }

  /** Until when (ms) the site asked to be left alone, or undefined when it did not or the wait is over. */
  until(host: string, now: number): number | undefined {
    const until = this.#known.get(host);
    if (until === undefined) return undefined;
    if (until > now) return until;
    this.#known.delete(host);
    return undefined;
  }

  // Raised, never lowered: a poll reading the database while another poll of this process records a wait must not
  // drop the one just learnt.
  #raise(host: string, until: number) {
    this.#known.set(host, Math.max(until, this.#known.get(host) ?? 0));
  }
}
