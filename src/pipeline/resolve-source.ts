// From what a moderator typed to what Gazette should poll: a feed as is; a site that announces a feed → the feed
// (its items are better than scraped ones); otherwise the page itself as an article, listing or thread.
import { SiteWaitError, UserError } from '../errors.js';
import { clipText } from '../text/clip.js';
import { isFetchError } from './fetch/index.js';
import { forumFeeds } from './forum-feeds.js';
import { isParseError } from './parse/errors.js';
import type { DateContext, FeedKind, FetchGuard, Fetcher, FetchResult } from './types.js';
import { createInlineCpu, type CpuRunner } from './worker/cpu-runner.js';

export interface ResolvedSource {
  url: string;
  kind: FeedKind;
  title?: string | undefined;
  siteUrl?: string | undefined;
  /** The address given, when it moved for good (a 301 or 308) to `url`. */
  movedFrom?: string | undefined;
}

export interface ResolveOptions {
  allowFileUrls: boolean;
  /** Wraps each fetch (src/ingest/site-waits.ts: a site's wait); the fetcher given is then already guarded. */
  guard?: FetchGuard | undefined;
}

export function checkSourceUrl(raw: string, allowFileUrls: boolean): string {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UserError('invalid', 'That is not a web address. Give the full address, starting with https://');
  }
  if (url.protocol === 'file:' && !allowFileUrls) throw new UserError('forbidden', 'Local files cannot be sources on this bot.');
  if (!['http:', 'https:', 'file:'].includes(url.protocol)) throw new UserError('invalid', `Gazette reads http and https addresses, not ${url.protocol.replace(':', '')}.`);
  return url.toString();
}

/**
 * An address as a message quotes it: whole up to 300 characters (a 2,000-character one would fill the message), else
 * as much as fits, never half a character (a feed's item link may be an unencoded IRI). An address has no words to cut
 * between, hence the share of 1.
 */
const shown = (url: string) => clipText(url, 300, 1);

/**
 * What to throw when a source could not be fetched or read. The site's failures become words for the member who gave
 * it: the parse and extract stages refuse in UserErrors (ParseError, NotAnArticleError, JobLimitError), and fetch
 * failures say what the network did. Anything else (a bug, a crashed or stopped worker) is Gazette's own failure and
 * is left as it is, for the generic answer and an error log rather than blaming the website.
 */
export function unreadableSource(error: unknown, url: string): unknown {
  if (isFetchError(error)) return new UserError('unreadable', `Could not fetch ${shown(url)}: ${error.message}`);
  return error;
}

/**
 * The address to keep for one that was fetched: where it moved for good, if it did, so that feeds are stored (and
 * found again: src/db/feeds.ts looks them up by address) under one address however they were typed. A temporary
 * redirect says nothing about that. An address with credentials is kept as typed: the address it moved to is
 * reported without them, and the feed would no longer open.
 */
function lastingAddress(typed: string, fetched: FetchResult): string {
  if (!fetched.movedTo) return typed;
  const url = new URL(typed);
  return url.username || url.password ? typed : fetched.movedTo;
}

/**
 * A feed of readers' comments (WordPress announces one on every page, /comments/feed/, "Comments Feed"): never the
 * page's news. A section named "Comment" or "Opinion and Comment" is news.
 */
const commentsFeed = (feed: { url: string; title?: string | undefined }) =>
  /(?:^|\/)comments(?:\/|$)/i.test(new URL(feed.url).pathname) || /\bcomments feed\b|\bflux des commentaires\b|\bcomentarios\b|\bkommentare\b/i.test(feed.title ?? '');

/** The page's path without a trailing slash or file extension: what a feed of its own lives under. */
const pageStem = (url: URL) => url.pathname.replace(/\/+$/u, '').replace(/\.[a-z0-9]+$/iu, '');

/** A site's front page: its root, an index file, or a language's root (/en/, /ka/, /pt-br/). */
const frontPage = (stem: string) => stem === '' || /^\/(?:index|default|home)$/i.test(stem) || /^\/[a-z]{2}(?:-[a-z]{2})?$/i.test(stem);

/**
 * The announced feeds a page is followed through. A forum thread or a news section read as such is followed through
 * a feed of its own only (under its path: /category/politics/ → /category/politics/feed/, or the same path on the
 * site's feed host): a board's or a whole site's feed, announced on each of its pages, is not the thread or the
 * section the moderator gave (it followed every topic of the board). A front page, an article, or a page Gazette
 * cannot read takes them in the order the page gives.
 */
function feedsFor<T extends { url: string }>(announced: T[], pageUrl: string, kind: string | undefined): T[] {
  const page = new URL(pageUrl);
  const stem = pageStem(page);
  if (!(kind === 'thread' || (kind === 'listing' && !frontPage(stem)))) return announced;
  return announced.filter((feed) => {
    const url = new URL(feed.url);
    const under = url.pathname === stem || url.pathname.startsWith(`${stem}/`) || url.pathname.startsWith(`${stem}.`);
    return url.origin === page.origin ? under : url.pathname.includes(`${stem}/`);
  });
}

export async function resolveSource(fetcher: Fetcher, raw: string, options: ResolveOptions, cpu: CpuRunner = createInlineCpu()): Promise<ResolvedSource> {
  const url = checkSourceUrl(raw, options.allowFileUrls);
  const fetched = await fetcher(url).catch((e: unknown) => {
    throw unreadableSource(e, url);
  });
  const dates: DateContext = { fetchedAt: fetched.fetchedAt, timezone: 'UTC', dayFirst: true };
  const lasting = lastingAddress(url, fetched);
  const moved = lasting === url ? {} : { movedFrom: url };
  const isHtml = /html/.test(fetched.contentType);
  let parsed;
  try {
    parsed = await cpu.run('parse', { fetched, dates });
  } catch (error) {
    // Only a web page gets a second chance (the feed it links to); anything else says what is wrong with it.
    if (!isParseError(error) || !isHtml) throw unreadableSource(error, url);
    parsed = undefined;
  }
  if (parsed?.kind === 'feed') return { url: lasting, kind: 'feed', title: parsed.title, siteUrl: parsed.siteUrl, ...moved };
  if (isHtml) {
    // A feed whose site asked Gazette to wait: the next announced feed may be on another site and work; if none does,
    // the wait is what to say (the page itself is not what the moderator would follow).
    let waiting: SiteWaitError | undefined;
    const discovered = (await cpu.run('discover', { html: fetched.body, url: fetched.url })).filter((f) => !commentsFeed(f));
    const announced = discovered.filter((f) => !f.guess);
    // After the announced feeds, one the page links to in its text ("RSS" in its header or footer): a site that
    // announces none was followed as a scraped page though it has a feed.
    const linked = discovered.filter((f) => f.guess && f.linked);
    // One forum's page of a board, whatever it was read as, is followed through that forum's feed or not through one.
    const candidates = forumFeeds([...announced, ...linked], fetched.url, parsed?.forum) ?? [...feedsFor(announced, fetched.url, parsed?.kind), ...feedsFor(linked, fetched.url, parsed?.kind)];
    for (const feed of candidates.slice(0, 3)) {
      try {
        const candidate = await fetcher(feed.url);
        const asFeed = await cpu.run('parse', { fetched: candidate, dates, kind: 'feed' });
        return { url: lastingAddress(feed.url, candidate), kind: 'feed', title: asFeed.title ?? feed.title, siteUrl: asFeed.siteUrl ?? lasting };
      } catch (error) {
        if (error instanceof SiteWaitError) waiting ??= error;
        // An announced feed that does not work: try the next, then fall back to the page itself.
      }
    }
    if (waiting) throw waiting;
  }
  if (!parsed) throw new UserError('unreadable', `${shown(url)} has no articles Gazette can read, and links to no working feed.`);
  return { url: lasting, kind: parsed.kind, title: parsed.title, siteUrl: parsed.siteUrl, ...moved };
}
