// Article metadata from what publishers put in the page for machines (JSON-LD, Open Graph, Twitter cards, Dublin
// Core, `<time datetime>`) and, failing that, from what they print for readers (the `h1`, a byline, a dateline).
import type { DateContext } from '../types.js';
import { relativeDayWord } from '../dates/month-names.js';
import { parseDate } from '../dates/parse-date.js';
import { siteOfHost } from '../hosts.js';
import { findAll, textOf, walk, type HtmlElement, type ParsedPage } from './html-tree.js';
import type { JsonLdArticle } from './json-ld.js';
import { charIn, trimEndWhere } from '../../text/trim.js';

export type MetaLookup = (...keys: string[]) => string | undefined;

/** Looks up `<meta>` content by name, property, itemprop or http-equiv (first key found wins). */
export function metaLookup(page: ParsedPage): MetaLookup {
  const map = new Map<string, string>();
  for (const meta of page.metas) {
    const content = meta.content?.trim();
    if (!content) continue;
    for (const attr of ['property', 'name', 'itemprop', 'http-equiv']) {
      const key = meta[attr]?.trim().toLowerCase();
      if (key && !map.has(key)) map.set(key, content);
    }
  }
  return (...keys) => {
    for (const key of keys) {
      const value = map.get(key);
      if (value) return value;
    }
    return undefined;
  };
}


export function absoluteUrl(href: string | undefined, base: string): string | undefined {
  if (!href) return undefined;
  const trimmed = href.trim();
  if (!trimmed || /^(data|javascript|about|blob):/i.test(trimmed)) return undefined;
  try {
    const url = new URL(trimmed, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}


const titleSeparator = /\s+[|–—·•:»«\-/\\]{1,2}\s+/g;

function compact(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Removes " | Site Name" / " - Site" (or a "Site | " prefix) when that part names the site. */
export function stripSiteName(title: string, siteNames: string[], host: string): string {
  const names = siteNames.map(compact).filter(Boolean);
  const hostLabel = compact(siteOfHost(host).split('.')[0] ?? host);
  const namesSite = (part: string): boolean => {
    const c = compact(part);
    if (!c) return false;
    if (names.includes(c) || c === hostLabel || c === compact(host)) return true;
    // "Cleveland.com", "The Hill" for site "TheHill": a short part that contains the name.
    const short = part.trim().split(/\s+/).length <= 3;
    return short && (names.some((n) => n.length > 3 && c.includes(n)) || (hostLabel.length > 2 && c.includes(hostLabel)));
  };
  let result = title.trim();
  for (let round = 0; round < 2; round++) {
    const separators = [...result.matchAll(titleSeparator)];
    if (!separators.length) break;
    const last = separators[separators.length - 1]!;
    const head = result.slice(0, last.index);
    const tail = result.slice(last.index + last[0].length);
    const first = separators[0]!;
    const prefix = result.slice(0, first.index);
    const rest = result.slice(first.index + first[0].length);
    // A pipe almost always separates the site's name; dashes only when the part names the site.
    if (namesSite(tail) || (/\|/.test(last[0]) && tail.split(/\s+/).length <= 4 && head.split(/\s+/).length >= 3)) {
      result = head.trim();
    } else if (namesSite(prefix) && rest.split(/\s+/).length >= 3) {
      result = rest.trim();
    } else break;
  }
  return result;
}

export function findTitle(page: ParsedPage, meta: MetaLookup, ld: JsonLdArticle | undefined, siteNames: string[], host: string): string {
  const h1 = findAll(page.root, (el) => el.tag === 'h1').map(textOf).find(Boolean);
  // An h1 that the <title> does not contain is usually the site's name or logo text, not the headline.
  const h1Headline = h1 && (!page.title || compact(page.title).includes(compact(h1))) ? h1 : undefined;
  const candidates = [meta('og:title', 'twitter:title'), ld?.headline, h1Headline, page.title, meta('title', 'dc.title')];
  for (const candidate of candidates) {
    const clean = candidate?.replace(/\s+/g, ' ').trim();
    if (clean) return stripSiteName(clean, siteNames, host);
  }
  return '';
}

const byPrefix = /^(by|from|written by|words by|reported by|story by|about|text|par|por|sobre|von|di|door|av|автор|текст|от)\s*:?\s+/i;
// What follows a name in a byline: a handle, a date or time, "1 day ago", "Updated…", a separator.
const afterName =
  /\s+@\w+|\s+[|•·]\s+|\s+-\s+(?=\d)|\s+\d+\s+(?:second|minute|hour|day|week|month)s?\s+ago\b|\s+(?:updated|published|posted)\b|\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\s+\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\s+\d{1,2}:\d{2}/i;

/** "By Jane Doe @jdoe Nov 18, 2019 at 9:24 pm" → "Jane Doe"; undefined for URLs, e-mails and non-names. */
export function cleanAuthor(raw: string | undefined): string | undefined {
  // A byline is short: a longer one is not a name, and the patterns below need not run over it.
  if (!raw || raw.length > 1000) return undefined;
  let text = raw.replace(/\s+/g, ' ').trim().replace(byPrefix, '');
  const cut = afterName.exec(text);
  if (cut) text = text.slice(0, cut.index);
  text = trimEndWhere(text, charIn(/[\s,;:|-]/)).trim();
  if (!text || text.length > 100) return undefined;
  if (/^(https?:|www\.)|\/\/|\S+@\S+\.\w+/i.test(text)) return undefined;
  if (!/\p{L}/u.test(text)) return undefined;
  return text;
}

export function findAuthor(meta: MetaLookup, ld: JsonLdArticle | undefined, byline: string | undefined): string | undefined {
  if (ld?.authors.length) {
    const names = [...new Set(ld.authors.map(cleanAuthor).filter((n): n is string => Boolean(n)))];
    if (names.length) return names.join(', ');
  }
  const candidates = [
    meta(
      'author', 'article:author', 'og:article:author', 'byl', 'dc.creator', 'dcterms.creator', 'parsely-author',
      'sailthru.author', 'twitter:creator',
    ),
    byline,
  ];
  for (const candidate of candidates) {
    // Twitter handles and profile URLs are not names.
    if (candidate?.startsWith('@')) continue;
    const name = cleanAuthor(candidate);
    if (name) return name;
  }
  return undefined;
}

const publishedKeys = ['article:published_time', 'og:article:published_time', 'datepublished'];
const dateKeys = [
  'published_time', 'article.published', 'date', 'pubdate', 'publishdate', 'publish-date', 'publish_date',
  'published-date', 'dc.date', 'dc.date.issued', 'dcterms.created', 'dcterms.date', 'sailthru.date', 'parsely-pub-date',
  'timestamp', 'og:published_time', 'datecreated',
];
const modifiedKeys = ['article:modified_time', 'og:updated_time', 'datemodified', 'last-modified'];

/** The publication date: declared ones first, then a date printed near the headline, a modification date last. */
export function findPublished(page: ParsedPage, meta: MetaLookup, ld: JsonLdArticle | undefined, context: DateContext): Date | undefined {
  const declared = parseDate(ld?.datePublished, context) ?? parseDate(meta(...publishedKeys), context);
  if (declared) return declared;
  return (
    machineTime(page.root, context) ??
    parseDate(meta(...dateKeys), context) ??
    visibleDate(page.root, context) ??
    parseDate(meta(...modifiedKeys), context)
  );
}

/**
 * A `<time datetime>`: one marked as the publication time (itemprop, pubdate, a "publish" class) first, then the
 * first inside an `<article>`, then the first anywhere — a sidebar of latest news often comes before the story.
 */
function machineTime(root: HtmlElement, context: DateContext): Date | undefined {
  let marked: HtmlElement | undefined;
  let inArticle: HtmlElement | undefined;
  let first: HtmlElement | undefined;
  const visit = (el: HtmlElement, insideArticle: boolean): void => {
    for (const child of el.children) {
      if (typeof child === 'string' || marked) continue;
      if (child.tag === 'time' && child.attrs.datetime) {
        first ??= child;
        if (insideArticle) inArticle ??= child;
        const words = `${child.attrs.itemprop ?? ''} ${child.attrs.class ?? ''}`;
        if (child.attrs.pubdate !== undefined || /datePublished|publish/i.test(words)) marked = child;
        continue;
      }
      visit(child, insideArticle || child.tag === 'article');
    }
  };
  visit(root, false);
  const chosen = marked ?? inArticle ?? first;
  return chosen ? parseDate(chosen.attrs.datetime, context) : undefined;
}

const dateMarker = /date|time|publish|posted|stamp/i;
const bylineMarker = /dateline|byline|meta/i;
const publishedWord = /\b(?:first published|published|posted|publicado|publié|veröffentlicht|pubblicato)\b\s*(?:on\s+)?:?\s*|(?:опубликовано|опубліковано)\s*:?\s*/iu;
// Every language's word, with Unicode-aware edges (`\b` never matched around "вчера").
const relativeWords = new RegExp(relativeDayWord, 'giu');

/**
 * A date printed near the headline: first `<time>` and elements whose class says date/time/published, then
 * bylines and meta lines. A text with a full year is read without relative words ("USA TODAY Published Nov 19, 2019"
 * is not today).
 */
function visibleDate(root: HtmlElement, context: DateContext): Date | undefined {
  // The article's own first (its byline's date before a date anywhere), then the page outside sidebars and menus: a
  // "Latest" box's dates came before the story's "Published …" line and were taken for it.
  let article: HtmlElement | undefined;
  walk(root, (el) => {
    if (article) return false;
    if (el.tag === 'article' || el.tag === 'main') article = el;
  });
  for (const scope of article ? [article, root] : [root]) {
    const found = markedDate(scope, context);
    if (found) return found;
  }
  return undefined;
}

/** The first date in an element marked as one (by class, id or itemprop), outside sidebars and menus. */
function markedDate(root: HtmlElement, context: DateContext): Date | undefined {
  for (const marker of [dateMarker, bylineMarker]) {
    let found: Date | undefined;
    let looked = 0;
    walk(root, (el) => {
      if (found || looked > 30 || el.tag === 'aside' || el.tag === 'nav') return false;
      const words = `${el.attrs.class ?? ''} ${el.attrs.id ?? ''} ${el.attrs.itemprop ?? ''}`;
      if (el.tag !== 'time' && !(words.length > 2 && marker.test(words))) return;
      const text = textOf(el);
      if (!text || text.length > 160) return;
      looked++;
      const dated = /\b(19|20)\d{2}\b/.test(text) ? text.replace(relativeWords, ' ') : text;
      // "Updated: 5 July · Published: 1 July": the date after the word for publishing, when the line has one.
      const published = publishedWord.exec(dated);
      found = (published && parseDate(dated.slice(published.index + published[0].length), context)) || parseDate(dated, context);
      return false;
    });
    if (found) return found;
  }
  return undefined;
}

export function findImage(page: ParsedPage, meta: MetaLookup, ld: JsonLdArticle | undefined, base: string): string | undefined {
  const candidates = [
    meta('og:image:secure_url', 'og:image:url', 'og:image'),
    meta('twitter:image', 'twitter:image:src'),
    ld?.image,
    page.links.find((l) => l.rel.split(/\s+/).includes('image_src'))?.href,
  ];
  for (const candidate of candidates) {
    const url = absoluteUrl(candidate, base);
    if (url) return url;
  }
  return undefined;
}

/** The publisher's section and tags for the article (`article:section`, every `article:tag`), at most 8. */
export function findCategories(page: ParsedPage, meta: MetaLookup): string[] | undefined {
  const tags = page.metas.filter((m) => m.property?.trim().toLowerCase() === 'article:tag').map((m) => m.content?.trim());
  const categories = [...new Set([meta('article:section'), ...tags].filter((t): t is string => !!t))].slice(0, 8);
  return categories.length ? categories : undefined;
}
