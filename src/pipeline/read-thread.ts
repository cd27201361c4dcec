// A forum thread of several pages is read where its new posts are. The followed page (most often the first) stops
// changing once it is full, so a read goes on to the page where the last one stopped, which its remembered keys name
// (item-key.ts threadMark), and on from there by each page's "next" link: posts written between two reads can fill
// more pages than one read takes, and some threads name only their next page. A read fetches at most `maxLaterPages`
// more pages and the next one goes on where it stopped, so that no post is lost however many pages appear. A thread
// not read on its later pages before (a first read, a feed remembered before the mark) is read on the last page its
// pagination names (parse/thread-pages.ts), and back from there while a page holds no post seen before.
import { FetchError, isFetchError } from './fetch/index.js';
import { redactUrl } from './fetch/url-guard.js';
import { ParseError } from './parse/errors.js';
import { isThreadMark, itemKey, threadMark, threadMarkOf } from './parse/item-key.js';
import type { ParseResult } from './parse/parse-types.js';
import { pageKey, pageOfThread, withoutSessionIds } from './parse/thread-pages.js';
import { withoutFragment } from './parse/urls.js';
import type { FetchResult } from './types.js';

export const maxLaterPages = 6;

interface PageRead {
  fetched: FetchResult;
  parsed: ParseResult;
  /** How many of the thread's later pages the read took in. */
  laterPages?: number | undefined;
}

/**
 * The thread's read over its pages (`first` as it is for any other document): the posts of the pages read, oldest
 * first, and among its keys the page it stopped at. `remembered`: the keys the feed's last read kept (also on a whole
 * read, whose parse filters nothing). Its caller keeps no validators after it: the followed page is unchanged while
 * later ones gain posts.
 */
export async function readThreadPages<R extends PageRead>(first: R, remembered: readonly string[], readPage: (url: string) => Promise<R>): Promise<R> {
  if (first.parsed.kind !== 'thread' || !first.parsed.pages?.next) return first;
  const firstUrl = first.fetched.url || first.fetched.requestedUrl;
  const reads = new Map<string, R>([[pageKey(firstUrl), first]]);
  let budget = maxLaterPages;
  const read = async (url: string): Promise<R | undefined> => {
    const known = reads.get(pageKey(url));
    if (known || budget === 0) return known;
    budget--;
    const page = await readPage(url).catch((error: unknown) => {
      throw laterPageError(error, url);
    });
    if (page.parsed.kind !== 'thread') throw new ParseError(`Its page ${shortUrl(url)} is not a page of forum posts.`);
    reads.set(pageKey(url), page);
    return page;
  };
  // Back from a page until one holds a post the last read saw. Not a post the followed page shows too: some engines
  // repeat a thread's first post on every page.
  const seen = new Set(remembered);
  const followed = new Set(first.parsed.keys);
  const anchored = (page: R) => page === first || page.parsed.keys.some((key) => seen.has(key) && !followed.has(key));
  const walkBack = async (chain: R[]) => {
    while (!anchored(chain[0]!)) {
      const prev = chain[0]!.parsed.pages?.prev;
      const page = prev ? await read(prev) : undefined;
      if (!page || chain.includes(page)) break;
      chain.unshift(page);
    }
  };

  const mark = threadMarkOf(remembered);
  let from = mark && pageOfThread(firstUrl, mark.url) && pageKey(mark.url) !== pageKey(firstUrl) ? mark : undefined;
  const resumed = from && !from.seeking ? await read(from.url).catch(unlessGone) : undefined;
  // The page the last read stopped at, gone (the thread shortened): read as one never read on its later pages.
  if (!resumed && !from?.seeking) from = undefined;
  let chain: R[];
  let history = false;
  let seeking = false;
  if (resumed) {
    // Back while the page holds nothing seen (posts left for a later poll, or moved by earlier ones' deletion), then
    // on by "next" only: a jump to the last page would pass over the pages between.
    chain = [resumed];
    await walkBack(chain);
    for (let next = resumed.parsed.pages?.next; next && !reads.has(pageKey(next)); ) {
      const page = await read(next);
      if (!page) break;
      chain.push(page);
      next = page.parsed.pages?.next;
    }
  } else {
    // On to the furthest page named, from where an unfinished search for the thread's end stopped.
    let last = (from?.seeking ? await read(from.url).catch(unlessGone) : undefined) ?? first;
    for (;;) {
      const pages = last.parsed.pages;
      const ahead = pages?.last ?? pages?.next;
      const next = ahead && !reads.has(pageKey(ahead)) ? await read(ahead) : undefined;
      if (!next) break;
      last = next;
    }
    chain = [last];
    // Still short of the thread's end: the next read goes on from here, and what this one passed is history.
    seeking = !!last.parsed.pages?.next;
    // A first read remembers nothing: every page would look new, and only the newest posts are wanted.
    if (seen.size && !from) await walkBack(chain);
    // A search for the thread's end posts nothing on its way or where it ends: the thread's history is not news. Nor do
    // more new pages than a read takes when the read knows no page it stopped at (a feed remembered before the mark).
    history = !!from?.seeking || (seen.size > 0 && (seeking || !anchored(chain[0]!)));
  }

  // The followed page's posts are remembered too, oldest: a thread back to one page (its later posts deleted) or one
  // read without its pagination once would find them unseen, and post them. The page read last is remembered after them.
  const keys = new Set<string>(first.parsed.keys);
  for (const page of chain) for (const key of page.parsed.keys) if (!isThreadMark(key)) keys.add(key);
  keys.add(threadMark(markUrl(chain.at(-1)!), seeking));
  // A post is posted once, from the first page it shows on. A later page's post that the followed page shows too (a
  // first post repeated atop every page) was read with that page: on a first read, whose pages filter nothing, it
  // came back from the last page as one of its newest posts (the preview's and the backfill's).
  const taken = new Set<string>(chain.includes(first) ? [] : followed);
  const items = history
    ? []
    : chain.flatMap((page) =>
        page.parsed.items.filter((item) => {
          const key = itemKey(item, 'thread');
          if (taken.has(key)) return false;
          taken.add(key);
          return true;
        }),
      );
  const { pages: _pages, ...parsed } = first.parsed;
  return { ...first, parsed: { ...parsed, items, keys: [...keys] }, laterPages: reads.size - 1 };
}

/** A page's address as a mark keeps it: without a password (the followed address's is added to it) or session. */
function markUrl(page: PageRead): string {
  return redactUrl(new URL(withoutSessionIds(withoutFragment(page.fetched.url || page.fetched.requestedUrl))));
}

/** No page where the last read stopped: the thread has fewer pages now. Any other failure fails the read. */
function unlessGone(error: unknown): undefined {
  const gone = isFetchError(error) && (error.status === 404 || error.status === 410);
  if (!gone) throw error;
  return undefined;
}

/**
 * A later page of a thread behind a password: its links carry none (the fetcher leaves them out of the address it
 * answers with), and the followed address's go with it to its own host only.
 */
export function withCredentialsOf(followed: string, url: string): string {
  const [from, to] = [new URL(followed), new URL(url)];
  // Never over plain http from an https address: the password would cross the network in clear.
  if ((!from.username && !from.password) || to.username || to.host !== from.host || to.protocol !== from.protocol) return url;
  to.username = from.username;
  to.password = from.password;
  return to.toString();
}

/** A later page's failure says which page: the moderator followed another. */
function laterPageError(error: unknown, url: string): unknown {
  const what = `Its page ${shortUrl(url)} could not be read: `;
  if (error instanceof ParseError) return new ParseError(`${what}${error.message}`);
  if (isFetchError(error) && error.code !== 'stopped') {
    return new FetchError(error.code, `${what}${error.message}`, { status: error.status, retryAfter: error.retryAfter, url: error.url, cause: error });
  }
  return error;
}

/** The page's path: it is on the followed page's site, and its address could carry the moderator's credentials. */
function shortUrl(url: string): string {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}
