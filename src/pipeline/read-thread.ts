// A forum thread of several pages is read where its new posts are. The followed page (most often the first) stops
// changing once it is full, so a read goes on to the last page its pagination names (parse/thread-pages.ts), and back
// from there while a page holds no post seen before: posts written between two reads can fill more than one page.
// A read fetches at most `maxLaterPages` more pages; the followed page's own posts count only when the walk back
// reaches it.
import { FetchError, isFetchError } from './fetch/index.js';
import { ParseError } from './parse/errors.js';
import { itemKey } from './parse/item-key.js';
import type { ParseResult } from './parse/parse-types.js';
import { pageKey } from './parse/thread-pages.js';
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
 * first. `remembered`: the keys the feed's last read kept (also on a whole read, whose parse filters nothing). Its
 * caller keeps no validators after it: the followed page is unchanged while later ones gain posts.
 */
export async function readThreadPages<R extends PageRead>(first: R, remembered: readonly string[], readPage: (url: string) => Promise<R>): Promise<R> {
  if (first.parsed.kind !== 'thread' || !first.parsed.pages?.next) return first;
  const reads = new Map<string, R>([[pageKey(first.fetched.url || first.fetched.requestedUrl), first]]);
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

  let last = first;
  for (;;) {
    const pages = last.parsed.pages;
    const ahead = pages?.last ?? pages?.next;
    const next = ahead && !reads.has(pageKey(ahead)) ? await read(ahead) : undefined;
    if (!next) break;
    last = next;
  }
  // Back from the last page until one holds a post the last read saw. Not a post the followed page shows too: some
  // engines repeat a thread's first post on every page, and the walk stopped at the last page, whatever was before it.
  const seen = new Set(remembered);
  const followed = new Set(first.parsed.keys);
  const anchored = (page: R) => page === first || page.parsed.keys.some((key) => seen.has(key) && !followed.has(key));
  const chain = [last];
  // A first read remembers nothing: every page would look new, and only the newest posts are wanted.
  while (seen.size && !anchored(chain[0]!)) {
    const prev = chain[0]!.parsed.pages?.prev;
    const page = prev ? await read(prev) : undefined;
    if (!page || chain.includes(page)) break;
    chain.unshift(page);
  }
  // More new pages than a read takes (or a memory that holds none of them): what they show is remembered, none of it
  // posted as news, rather than a thread's history posted at once.
  const flood = seen.size > 0 && !anchored(chain[0]!);

  // The followed page's posts are remembered too, oldest: a thread back to one page (its later posts deleted) or one
  // read without its pagination once would find them unseen, and post them.
  const keys = new Set<string>(first.parsed.keys);
  for (const page of chain) for (const key of page.parsed.keys) keys.add(key);
  // A post is posted once, from the first page it shows on. A later page's post that the followed page shows too (a
  // first post repeated atop every page) was read with that page: on a first read, whose pages filter nothing, it
  // came back from the last page as one of its newest posts (the preview's and the backfill's).
  const taken = new Set<string>(chain.includes(first) ? [] : followed);
  const items = flood
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
