// Listing pages: a section front, a tag page, a homepage. Items are the site's own article links with their anchor
// text as headline (navigation, footers and index links left out), enriched from the card around the link (date,
// image, teaser). Cards that embed a whole article (aggregators) carry their text and need no fetch.
import { canonicalUrl } from '../dedupe/canonical-url.js';
import type { DateContext, SourceItem } from '../types.js';
import { dateOfElement, elementText, firstMatch, inlineText, ldTypes, tagOf, type DomElement, type HtmlPage } from './html-doc.js';
import { fullTextThreshold } from './feed.js';
import { cleanTitle, slugify, uniqueSlug } from './text.js';
import { cardFacts, cardOf, headingOf, linkOwners, secondaryLinks } from './listing-cards.js';
import { dateOfUrl, dayHeadingDates } from './listing-dates.js';
import { withoutSessionIds } from './thread-pages.js';
import { looksLikeArticleUrl, looksLikeHeadline, resolveUrl, sameSite } from './urls.js';

interface Candidate {
  url: string;
  key: string;
  title?: string | undefined;
  /** The title came from a heading (`<h2><a>…</a></h2>`), the strongest sign of a headline. */
  fromHeading: boolean;
  anchor: DomElement;
  order: number;
}

// The title links of a forum's list of topics, as the engines mark them: phpBB's `a.topictitle`, vBulletin's
// `a#thread_title_123`, MyBB's `span.subject_new > a`, XenForo's primary link in `.structItem-title`.
const topicTitles = 'a.topictitle[href], a[id^="thread_title_"][href], span.subject_new > a[href], span.subject_old > a[href], .structItem-title a[data-tp-primary][href]';

export function readListing(page: HtmlPage, dates: DateContext): SourceItem[] {
  const links: { a: DomElement; url: string; key: string }[] = [];
  // A forum's list of topics is its topics, each one item, whatever their addresses look like: a board installed under
  // /forum/ (a path no news article has) links to /forum/viewtopic.php?t=4521, and its other links ("Go to last post",
  // members, pages of a topic) are none. A topic link carries a guest's session id, new at each read: left out.
  const topics = new Set(Array.from(page.document.querySelectorAll(topicTitles)));
  for (const a of topics.size ? topics : Array.from(page.document.querySelectorAll('a[href]'))) {
    const href = resolveUrl(a.getAttribute('href'), page.base);
    const url = href && topics.size ? withoutSessionIds(href) : href;
    if (url && (topics.size ? sameSite(url, page.url) : looksLikeArticleUrl(url, page.url))) links.push({ a, url, key: canonicalUrl(url) });
  }
  const secondary = secondaryLinks(links);
  // A related link owns nothing of the card it sits in: the card is its headline's.
  const owners = linkOwners(links.filter((l) => !secondary.has(l.a)));
  const byKey = new Map<string, Candidate>();
  let order = 0;
  for (const { a, key } of links) {
    if (inChrome(a)) continue;
    const heading = headingOf(a);
    // A topic's title is one however short ("Visa run"): the engine says so.
    const title = topics.has(a) ? cleanTitle(inlineText(a)) : headlineOf(a, heading);
    const existing = byKey.get(key);
    if (!existing) {
      byKey.set(key, { url: key, key, title, fromHeading: !!heading && !!title, anchor: a, order: order++ });
    } else if (title && (!existing.title || (!!heading && !existing.fromHeading) || (secondary.has(existing.anchor) && !secondary.has(a)))) {
      Object.assign(existing, { title, fromHeading: !!heading, anchor: a });
    }
  }
  const candidates = [...byKey.values()].filter((c) => c.title).sort((a, b) => a.order - b.order);
  const items = candidates.map((c) => itemOf(c, secondary.has(c.anchor) ? undefined : cardOf(c.anchor, c.key, owners), page, dates, candidates.length, secondary));
  // A card's own date first; else its group's day heading, else the day in its address. Not the group's day for a
  // related link: another story, often an older one (its address says when), only mentioned in that day's card.
  const days = dayHeadingDates(page.document.body, new Set(candidates.filter((c) => !secondary.has(c.anchor)).map((c) => c.anchor)), dates, inChrome);
  candidates.forEach((c, i) => {
    const item = items[i]!;
    if (item.publishedAt) return;
    item.publishedAt = days.get(c.anchor) ?? dateOfUrl(c.url, dates);
    if (item.publishedAt) item.publishedDayOnly = true;
  });
  return topics.size ? items : [...items, ...fromItemList(page, byKey)];
}

// Class or id names sites give their chrome: sidebars, "most read" boxes, the page's own header and footer. Whole
// names (or their first part), so that "card-header" or "content-with-sidebar" is not chrome.
const chromeName = /^(?:(?:site|page|global)-?(?:header|footer)|footer|masthead|sidebar|most-?(?:read|popular|viewed)|popular|trending)(?:[-_].*)?$/i;

function namedChrome(e: DomElement): boolean {
  return [...(e.getAttribute('class') ?? '').split(/\s+/), e.getAttribute('id') ?? ''].some((name) => name !== '' && chromeName.test(name));
}

/**
 * Inside navigation, a sidebar ("most read", related boxes: other sections' stories), or the page's header or footer.
 * A <header> or <footer> is the page's only outside any article, main or section (as HTML maps them to landmarks): a
 * card's own header, `div.card > header > h2 > a`, holds the card's headline.
 */
function inChrome(a: DomElement): boolean {
  let landmark = false;
  for (let e = a.parentElement; e; e = e.parentElement) {
    const tag = tagOf(e);
    const role = e.getAttribute('role');
    if (tag === 'nav' || tag === 'aside' || role === 'navigation' || role === 'complementary' || role === 'contentinfo' || role === 'banner' || e.getAttribute('aria-hidden') === 'true') return true;
    if (namedChrome(e)) return true;
    if (tag === 'header' || tag === 'footer') landmark = true;
    else if (tag === 'article') return false;
    else if (tag === 'main' || tag === 'section') landmark = false;
  }
  return landmark;
}

function headlineOf(a: DomElement, heading: DomElement | undefined): string | undefined {
  const candidates = [
    heading && a.contains(heading) ? inlineText(heading) : undefined,
    inlineText(a),
    a.getAttribute('title'),
    a.getAttribute('aria-label'),
    heading ? inlineText(heading) : undefined,
  ];
  for (const c of candidates) {
    const t = cleanTitle(c ?? undefined);
    if (t && looksLikeHeadline(t)) return t;
  }
  return undefined;
}

function itemOf(c: Candidate, card: DomElement | undefined, page: HtmlPage, dates: DateContext, count: number, secondary: ReadonlySet<DomElement>): SourceItem {
  const item: SourceItem = { url: c.url, title: c.title, needsFetch: true };
  if (!card) return item;
  const facts = cardFacts(card, secondary);
  item.publishedAt = dateOfElement(facts.time ?? facts.dated, dates);
  item.imageUrl = facts.img ? imageUrlOf(facts.img, page.base) : undefined;
  const author = inlineText(facts.author);
  if (author && author.length <= 80) item.author = author.replace(/^by\s+/i, '');
  const category = inlineText(facts.category);
  if (category && category.length <= 40 && category !== c.title) item.categories = [category];
  // A card holding a whole article (an aggregator's page) is the article: its text needs no fetch. On a page of one
  // or two links a long card is more likely the page's own article around them, so require a real listing.
  const body = facts.paragraphs.filter((t) => t && t !== c.title).join('\n\n');
  if (body.length >= fullTextThreshold && count >= 2) {
    item.text = body;
    item.html = card.innerHTML.trim();
    item.needsFetch = false;
  } else if (body) {
    item.text = body;
  }
  return item;
}

function imageOf(card: DomElement, base: string): string | undefined {
  const img = card.querySelector('img');
  return img ? imageUrlOf(img, base) : undefined;
}

function imageUrlOf(img: DomElement, base: string): string | undefined {
  const src = img.getAttribute('src');
  const lazy = img.getAttribute('data-src') ?? img.getAttribute('data-lazy-src') ?? img.getAttribute('data-original');
  const srcset = (img.getAttribute('srcset') ?? img.getAttribute('data-srcset'))?.split(',')[0]?.trim().split(/\s+/)[0];
  // Lazy-loading pages put a 1×1 placeholder in src and the picture in data-src.
  const chosen = lazy ?? (src && !src.startsWith('data:') ? src : srcset);
  return resolveUrl(chosen, base);
}

/** Articles listed in JSON-LD (`ItemList` of `ListItem`s) that the markup did not link in a readable way. */
function fromItemList(page: HtmlPage, seen: Map<string, Candidate>): SourceItem[] {
  const out: SourceItem[] = [];
  for (const o of page.jsonLd) {
    if (!ldTypes(o).includes('ItemList') || !Array.isArray(o.itemListElement)) continue;
    for (const el of o.itemListElement as unknown[]) {
      if (typeof el !== 'object' || el === null) continue;
      const entry = el as Record<string, unknown>;
      const inner = (typeof entry.item === 'object' && entry.item !== null ? entry.item : entry) as Record<string, unknown>;
      const url = resolveUrl(typeof inner.url === 'string' ? inner.url : typeof entry.url === 'string' ? entry.url : undefined, page.base);
      const title = cleanTitle(typeof inner.headline === 'string' ? inner.headline : typeof inner.name === 'string' ? inner.name : undefined);
      if (!url || !title) continue;
      const key = canonicalUrl(url);
      if (seen.get(key)?.title) continue;
      seen.set(key, { url, key, title, fromHeading: false, anchor: page.document.body!, order: 0 });
      out.push({ url, title, needsFetch: true });
    }
  }
  return out;
}

/**
 * `<article>` blocks that carry a headline and a body but no link of their own (an aggregator's tag page showing
 * whole articles): items with a URL synthesized from the page URL and the headline.
 */
export function readEmbeddedArticles(page: HtmlPage, dates: DateContext): SourceItem[] {
  const items: SourceItem[] = [];
  const slugs = new Set<string>();
  const numbered = new Map<string, number>();
  for (const card of Array.from(page.document.querySelectorAll('article'))) {
    if (card.querySelector('article')) continue;
    const title = cleanTitle(inlineText(card.querySelector('h1, h2, h3, h4')));
    if (!title) continue;
    const text = elementText(stripHeadings(card)).replace(new RegExp(`^${escapeRegex(title)}\\s*`), '').trim();
    if (text.length < 200) continue;
    const slug = uniqueSlug(slugify(title) || 'article', slugs, numbered);
    const outlet = inlineText(firstMatch(card, ['[class*="source"]', '[class*="outlet"]', '[class*="publisher"]', '[itemprop="publisher"]']));
    const category = inlineText(firstMatch(card, ['[rel="tag"]', '[class*="category"]']));
    items.push({
      url: `${page.url}#${slug}`,
      title,
      sourceName: outlet && outlet.length <= 60 ? outlet : undefined,
      publishedAt: dateOfElement(firstMatch(card, ['time[datetime]', 'time', '[class*="date"]']), dates),
      categories: category && category.length <= 40 ? [category] : undefined,
      imageUrl: imageOf(card, page.base),
      text,
      needsFetch: false,
    });
  }
  return items;
}

function stripHeadings(card: DomElement): DomElement {
  const clone = card.cloneNode(true);
  const meta = 'h1, h2, h3, h4, time, [class*="source"], [class*="outlet"], [class*="publisher"], [rel="tag"], [class*="category"], [class*="meta"], figure, button, script, style';
  for (const el of Array.from(clone.querySelectorAll(meta))) el.remove();
  return clone;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
