// A page of one forum of a board (phpBB's `viewforum.php?f=2`) is that forum, not the board: it is followed through
// the forum's own feed, which phpBB announces beside the board's ones when feeds of forums are on, and serves at an
// address of its own (3.0: `feed.php?f=2`, 3.1 and later: `app.php/feed/forum/2`). The board's feeds (every topic of
// every forum, its news, its new topics) are announced on each of its pages, first: taken in the page's order, they
// made one forum's page follow the whole board. A forum's page is known by its address, or by phpBB's markup where
// the address is rewritten (parse/phpbb-forum.ts).
import { withoutSessionIds } from './parse/thread-pages.js';
import type { BoardForum } from './types.js';

interface Feed {
  url: string;
  title?: string | undefined;
}

interface KnownForum {
  /** The board's directory (`https://x.example/forum/`): its feeds are there. */
  board: string;
  forum: string;
}

/**
 * The board and forum a page is of, when it is one forum's page of a phpBB board: by its address
 * (`viewforum.php?f=2`), else by its markup (`marked`: parse/phpbb-forum.ts), its number from the page or, when its
 * links are rewritten (`/border-crossings-f2/`), from the one forum's feed it announces.
 */
function forumOf(pageUrl: string, announced: readonly Feed[], marked: BoardForum | undefined): KnownForum | undefined {
  const url = new URL(pageUrl);
  const forum = url.searchParams.get('f');
  if (/\/viewforum\.php$/i.test(url.pathname) && forum && /^\d+$/.test(forum)) return { board: new URL('.', url).toString(), forum };
  if (!marked) return undefined;
  const announcedForums = new Set(announced.flatMap((feed) => forumOfFeed(feed.url) ?? []));
  const number = marked.forum ?? (announcedForums.size === 1 ? [...announcedForums][0] : undefined);
  return number ? { board: marked.board, forum: number } : undefined;
}

/** The forum a feed is of alone: `f=2` in its query (feed.php), or `/feed/forum/2` its path (app.php). */
function forumOfFeed(feedUrl: string): string | undefined {
  const url = new URL(feedUrl);
  const f = url.searchParams.get('f');
  if (/\/feed\.php$/i.test(url.pathname) && f && /^\d+$/.test(f)) return f;
  return /\/feed\/forum\/(\d+)\/?$/.exec(url.pathname)?.[1];
}

/** A feed of this forum alone. */
function ofForum(feedUrl: string, { forum }: KnownForum): boolean {
  const url = new URL(feedUrl);
  return url.searchParams.get('f') === forum || new RegExp(`/feed/forum/${forum}/?$`).test(url.pathname);
}

/**
 * The feeds a forum's page is followed through, undefined when the page is not a forum's: those it announces for this
 * forum, then those the software offers for it. Offered in the form of the board feed the page announces (feeds on,
 * and which phpBB), or both forms when it announces none (a style may leave them out of its header). Guests' session
 * ids left out: a feed kept with one names a session long gone.
 */
export function forumFeeds(announced: readonly Feed[], pageUrl: string, marked?: BoardForum): Feed[] | undefined {
  const page = forumOf(pageUrl, announced, marked);
  if (!page) return undefined;
  const own = announced.filter((feed) => ofForum(feed.url, page)).map((feed) => ({ ...feed, url: withoutSessionIds(feed.url) }));
  const boardFeed = (path: string) => announced.some((feed) => new URL(feed.url).pathname.startsWith(new URL(path, page.board).pathname));
  const forms = [
    { board: 'app.php/feed', forum: `app.php/feed/forum/${page.forum}` },
    { board: 'feed.php', forum: `feed.php?f=${page.forum}` },
  ];
  const announcedForms = forms.filter((form) => boardFeed(form.board));
  const offered = (announcedForms.length ? announcedForms : forms).map((form) => ({ url: new URL(form.forum, page.board).toString() }));
  return [...own, ...offered].filter((feed, i, all) => all.findIndex((f) => f.url === feed.url) === i);
}
