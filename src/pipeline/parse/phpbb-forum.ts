// A phpBB forum's page known by its markup, not its address: boards are installed under any directory (/forum/,
// /community/) and rewritten by SEO extensions (/border-crossings-f2/), but phpBB's styles mark every page
// `<body id="phpbb" class="… section-viewforum …">`, the class naming the script that made it whatever the address.
// What forum-feeds.ts needs to follow that forum through its own feed: the board's directory and the forum's number.
import type { BoardForum } from '../types.js';
import type { HtmlPage } from './html-doc.js';
import { resolveUrl } from './urls.js';

/** The board and forum of a phpBB forum's page, undefined for any other page. */
export function phpbbForum(page: HtmlPage): BoardForum | undefined {
  const body = page.document.body;
  if (!body || body.id !== 'phpbb' || !body.className.split(/\s+/).includes('section-viewforum')) return undefined;
  // The breadcrumb's "Board index" (prosilver's accesskey h, and its navbar reference): the board's own directory, as
  // the page's own may be a rewritten forum's.
  const index = resolveUrl(page.document.querySelector('a[accesskey="h"], [data-navbar-reference="index"] a')?.getAttribute('href'), page.base);
  const board = new URL('.', index ?? page.url).toString();
  // The forum's number where the page names it: its "Search this forum" box, or its title's link. Rewritten links
  // name none; the feed the page announces for its forum may (forum-feeds.ts).
  const searched = page.document.querySelector('input[name="fid[0]"]')?.getAttribute('value');
  const titled = resolveUrl(page.document.querySelector('.forum-title a[href], a.forum-title[href]')?.getAttribute('href'), page.base);
  const forum = [searched, titled && new URL(titled).searchParams.get('f')].find((v) => v && /^\d+$/.test(v));
  return { board, ...(forum ? { forum } : {}) };
}
