// A forum thread longer than one page: its new posts arrive on its last page, and the page a moderator followed (most
// often the first) never changes again. What a thread page's pagination says — its next and previous pages and the
// furthest page it names — so that a read can go where the new posts are (orchestrator.ts, read-thread.ts).
import type { ThreadPages } from '../types.js';
import type { DomElement, HtmlPage } from './html-doc.js';
import { resolveUrl, withoutFragment } from './urls.js';

// A pagination block, by the names the engines give it: XenForo `pageNav`, phpBB and MyBB `pagination`, SMF
// `pagelinks`/`pagesection`, vBulletin `pagenav`/`b-pagenav`, and ARIA landmarks named for pages.
const paginationName = /pag(?:e-?nav|ination|elinks|esection|er\b|ing)|pagenav/i;
const nextText = /^(?:next|next page|nästa|weiter|suivant|siguiente|далее|следующая|შემდეგი|հաջորդ|sonraki|tiếp|ถัดไป|[›»>→]+)\s*[›»>→]*$/i;
const lastText = /^(?:last|last page|[›»>→]{2})\s*[›»>→]*$/i;
const prevText = /^(?:[‹«<←]+\s*)?(?:prev|previous|previous page|zurück|précédent|anterior|назад|предыдущая|წინა|նախորդ|önceki|trước|ก่อนหน้า|[‹«<←]+)$/i;

/** The thread's other pages, as the page names them; undefined when it names none. */
export function threadPages(page: HtmlPage): ThreadPages | undefined {
  const own = pageKey(page.url);
  const link = (href: string | null | undefined): string | undefined => {
    const url = resolveUrl(href, page.base);
    if (!url) return undefined;
    const clean = withoutSessionIds(withoutFragment(url));
    return pageKey(clean) !== own && pageOfThread(page.url, clean) ? clean : undefined;
  };
  const byRel = (rel: string) => {
    for (const el of page.document.querySelectorAll('link[rel][href], a[rel][href]')) {
      if ((el.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes(rel)) {
        const url = link(el.getAttribute('href'));
        if (url) return url;
      }
    }
    return undefined;
  };
  const anchors = paginationAnchors(page).flatMap((a) => {
    const url = link(a.getAttribute('href'));
    return url ? [{ url, text: (a.textContent ?? '').replace(/\s+/g, ' ').trim(), className: a.className }] : [];
  });
  const next = byRel('next') ?? anchors.find((a) => /next/i.test(a.className) || nextText.test(a.text))?.url;
  const prev = byRel('prev') ?? byRel('previous') ?? anchors.find((a) => /prev/i.test(a.className) || prevText.test(a.text))?.url;
  if (!next) return prev ? { prev } : undefined;
  const last = byRel('last') ?? anchors.find((a) => /\blast\b|pagination_last/i.test(a.className) || lastText.test(a.text))?.url ?? furthest(next, anchors.map((a) => a.url));
  return { next, ...(prev ? { prev } : {}), ...(last && last !== next ? { last } : {}) };
}

/** Anchors inside a pagination block (its own name, or an ancestor's within four levels). */
function paginationAnchors(page: HtmlPage): DomElement[] {
  const named = (el: DomElement) => paginationName.test(`${el.className} ${el.id} ${el.getAttribute('aria-label') ?? ''}`);
  return Array.from(page.document.querySelectorAll('a[href]')).filter((a) => {
    let el: DomElement | null = a;
    for (let depth = 0; el && depth < 5; depth++, el = el.parentElement) if (named(el)) return true;
    return false;
  });
}

/**
 * The page furthest along among those shaped as the next one: the same address but for one number (`page-7`,
 * `start=140`, `topic=12.140`), which must be the same number for all of them.
 */
function furthest(next: string, urls: readonly string[]): string | undefined {
  const shape = (url: string) => url.replace(/\d+/g, '#');
  const numbers = (url: string) => (url.match(/\d+/g) ?? []).map(Number);
  const base = numbers(next);
  const bySlot = new Map<number, { url: string; value: number }[]>();
  for (const url of urls) {
    if (shape(url) !== shape(next)) continue;
    const n = numbers(url);
    const differ = n.flatMap((v, i) => (v !== base[i] ? [i] : []));
    if (differ.length !== 1) continue;
    const slot = differ[0]!;
    bySlot.set(slot, [...(bySlot.get(slot) ?? []), { url, value: n[slot]! }]);
  }
  const [slot, pages] = [...bySlot].sort((a, b) => b[1].length - a[1].length)[0] ?? [];
  if (slot === undefined || !pages) return undefined;
  const best = pages.reduce((a, b) => (b.value > a.value ? b : a));
  return best.value > base[slot]! ? best.url : undefined;
}

// Links beside a thread's pages that lead to another thread: SMF's "« previous | next »" topic links, phpBB's and
// vBulletin's "view next/previous topic", a "jump to the first unread post".
const otherThread = /[?&;](?:prev_next|goto|view)=|[?&;]action=(?:next|prev)|[?&;]do=(?:next|prev)/i;
// Where a thread's own number is in a query (phpBB and vBulletin `t`, SMF `topic=12.40`, MyBB `tid`, …).
const threadParams = ['t', 'topic', 'tid', 'threadid', 'thread', 'id'];

/**
 * Whether `url` is a page of the thread `page` shows: on its host (http or https), at its address with a page number
 * added or changed (`/threads/x.1/page-3`, `thread-5-page-2.html`, `viewtopic.php?t=77&start=20`, `topic=12.15`),
 * the thread's number unchanged.
 */
export function pageOfThread(page: string, url: string): boolean {
  if (otherThread.test(url)) return false;
  const [a, b] = [new URL(page), new URL(url)];
  if (a.hostname !== b.hostname || threadPath(a.pathname) !== threadPath(b.pathname)) return false;
  const threadNumber = (u: URL, name: string) => /^\d+/.exec(u.searchParams.get(name) ?? '')?.[0];
  // vBulletin's friendly addresses put the thread first, as a bare key: `showthread.php?123-kutaisi-bridge/page2`.
  const bare = (u: URL) => /^\?(\d+)-/.exec(u.search)?.[1];
  if (bare(a) !== bare(b)) return false;
  return threadParams.every((name) => !a.searchParams.has(name) || threadNumber(a, name) === threadNumber(b, name));
}

/** A thread's path without its page: `/threads/x.1/page-3` and `/threads/x.1/` are `/threads/x.1`. */
function threadPath(path: string): string {
  return path
    .replace(/\.(?:html?|php)$/i, '')
    .replace(/\/+$/, '')
    .replace(/[/-]page[-/]?\d+$/i, '')
    .replace(/\/+$/, '');
}

/** A page's address compared without its fragment, trailing slash or session id. */
export function pageKey(url: string): string {
  return withoutSessionIds(withoutFragment(url)).replace(/\/(?=$|\?)/, '');
}

/**
 * phpBB (`sid`) and vBulletin (`s`) put a guest's session in every link when no cookie is kept, as Gazette keeps
 * none: followed, each read's pages would be new addresses, and their posts new items.
 */
export function withoutSessionIds(url: string): string {
  // SMF writes parameters after `;` inside the query (`?topic=12.0;PHPSESSID=…`), which URLSearchParams does not split.
  const u = new URL(url.replace(/;(?:phpsessid|sesc|sid)=[^;&#]*/gi, ''));
  for (const [name, value] of [...u.searchParams]) {
    if (/^(?:sid|phpsessid|sessionid|s)$/i.test(name) && /^[0-9a-z,-]{20,}$/i.test(value)) u.searchParams.delete(name);
  }
  return u.toString();
}
