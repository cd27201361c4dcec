// Is this page one article? The publisher usually says so (JSON-LD NewsArticle, og:type article); the markup says
// it too, as one long run of paragraphs. Such a page becomes a single item carrying the whole HTML for the extract
// stage, with the metadata the page states about itself.
import { parseDate } from '../dates/parse-date.js';
import type { DateContext, SourceItem } from '../types.js';
import { closestWhere, inlineText, ldTypes, meta, pageTitle, tagOf, type DomElement, type HtmlPage } from './html-doc.js';
import { cleanTitle } from './text.js';
import { resolveUrl, sameSite } from './urls.js';

const articleType = /^(?:(?:News|Reportage|Analysis|Opinion|Review|Background|Satirical|AskPublic|Backgrounder|Scholarly|Tech)?Article|BlogPosting|LiveBlogPosting|Report)$/;

export interface ArticleSignals {
  /** The page declares itself an article (JSON-LD or Open Graph). */
  declared: boolean;
  /** Characters of paragraph text under the single element holding the most of it (see proseLength). */
  mainText: number;
}

// A Chinese or Japanese character carries about what three Latin letters do (a word is one to three of them, and no
// spaces separate words): the thresholds below are in Latin letters, so those characters count three times.
const ideographic = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;

/** Length of prose in Latin-letter equivalents. */
export function proseLength(text: string): number {
  return text.length + 2 * (text.match(ideographic)?.length ?? 0);
}

export function articleSignals(page: HtmlPage): ArticleSignals {
  const declared = page.jsonLd.some((o) => ldTypes(o).some((t) => articleType.test(t))) || /^article$/i.test(meta(page.document, 'og:type') ?? '');
  const perParent = new Map<unknown, number>();
  let mainText = 0;
  for (const p of Array.from(page.document.querySelectorAll('p'))) {
    const len = proseLength(inlineText(p));
    if (len < 40) continue;
    // Paragraphs inside a link are teasers on a card, not an article's prose.
    if (closestWhere(p, outsideProse)) continue;
    const parent = p.parentElement;
    const total = (perParent.get(parent) ?? 0) + len;
    perParent.set(parent, total);
    if (total > mainText) mainText = total;
  }
  // Older CMSs write paragraphs as text between <br>s inside one element.
  const breaks = new Map<DomElement, number>();
  for (const br of Array.from(page.document.querySelectorAll('br'))) {
    const parent = br.parentElement;
    if (parent) breaks.set(parent, (breaks.get(parent) ?? 0) + 1);
  }
  for (const [el, count] of breaks) {
    if (count < 3 || closestWhere(el, outsideProse)) continue;
    mainText = Math.max(mainText, ownText(el));
  }
  return { declared, mainText };
}

const notProse = new Set(['a', 'nav', 'footer', 'aside']);
const outsideProse = (el: DomElement) => notProse.has(tagOf(el));

const inlineTags = new Set(['B', 'I', 'EM', 'STRONG', 'SPAN', 'FONT', 'U', 'SMALL', 'SUB', 'SUP', 'MARK', 'Q', 'CITE', 'ABBR']);

/** Length of an element's own prose: its text nodes and inline formatting, not links or nested blocks. */
function ownText(el: DomElement): number {
  let n = 0;
  for (const node of Array.from(el.childNodes)) {
    if (node.nodeType === 3 || (node.nodeType === 1 && inlineTags.has(node.tagName?.toUpperCase() ?? ''))) {
      n += proseLength((node.textContent ?? '').replace(/\s+/g, ' ').trim());
    }
  }
  return n;
}

function ldArticle(page: HtmlPage): Record<string, unknown> | undefined {
  return page.jsonLd.find((o) => ldTypes(o).some((t) => articleType.test(t)));
}

function ldString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return ldString(value[0]);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return ldString(o.name ?? o.url ?? o['@id']);
  }
  return undefined;
}

export function readArticle(page: HtmlPage, dates: DateContext): SourceItem {
  const doc = page.document;
  const ld = ldArticle(page);
  const canonical = resolveUrl(doc.querySelector('link[rel="canonical"]')?.getAttribute('href'), page.base);
  const url = canonical && sameSite(canonical, page.url) ? canonical : page.url;
  const title = cleanTitle(ldString(ld?.headline)) ?? cleanTitle(pageTitle(page));
  const published =
    meta(doc, 'article:published_time', 'og:published_time', 'datePublished', 'pubdate', 'publishdate', 'date', 'dc.date', 'DC.date.issued') ??
    ldString(ld?.datePublished) ??
    doc.querySelector('time[datetime]')?.getAttribute('datetime') ??
    undefined;
  const author = ldString(ld?.author) ?? meta(doc, 'author', 'article:author', 'parsely-author') ?? (inlineText(doc.querySelector('[rel="author"]')) || undefined);
  const section = meta(doc, 'article:section');
  const tags = Array.from(doc.querySelectorAll('meta[property="article:tag"]')).map((m) => m.getAttribute('content')?.trim()).filter((t): t is string => !!t);
  const categories = [...new Set([section, ...tags].filter((t): t is string => !!t))].slice(0, 8);
  const image = resolveUrl(meta(doc, 'og:image', 'twitter:image') ?? ldString(ld?.image), page.base);
  return {
    url,
    title,
    // A URL as author ("https://example.com/staff/jane") is a profile link, not a name.
    author: author && !/^https?:/i.test(author) ? author : undefined,
    publishedAt: published ? parseDate(published, dates) : undefined,
    imageUrl: image,
    categories: categories.length ? categories : undefined,
    html: page.html,
    needsFetch: false,
  };
}
