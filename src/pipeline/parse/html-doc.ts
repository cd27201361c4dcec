// The HTML page as a DOM (linkedom), with the page-level facts every HTML reader needs: base URL, metadata, JSON-LD.
import { parseHTML } from 'linkedom';
import { isConsentNotice } from '../extract/consent-notice.js';
import type { DateContext } from '../types.js';
import { parseDate } from '../dates/parse-date.js';
import { checkHtmlComplexity } from './html-limits.js';
import { collapseSpace, htmlToText } from './text.js';
import { resolveUrl } from './urls.js';

// The DOM subset the readers use. The project compiles without lib.dom, and linkedom's own typings are the browser's;
// naming the subset keeps the readers honest about what they touch.
export interface DomElement {
  readonly tagName: string;
  readonly id: string;
  readonly className: string;
  readonly innerHTML: string;
  readonly textContent: string | null;
  readonly parentElement: DomElement | null;
  readonly childNodes: ArrayLike<DomNode>;
  readonly children: ArrayLike<DomElement>;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): DomList;
  closest(selector: string): DomElement | null;
  matches(selector: string): boolean;
  contains(other: DomElement): boolean;
  cloneNode(deep: boolean): DomElement;
  remove(): void;
}

export type DomList = ArrayLike<DomElement> & Iterable<DomElement>;

/** A child node: text (nodeType 3), an element (1, with a tagName), or a comment. */
export interface DomNode {
  readonly nodeType: number;
  readonly textContent: string | null;
  readonly tagName?: string;
}

export interface DomDocument {
  readonly title: string;
  readonly body: DomElement | null;
  readonly documentElement: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): DomList;
}

export interface HtmlPage {
  document: DomDocument;
  /** The fetched URL without fragment. */
  url: string;
  /** Base for relative links: `<base href>` when present, else the page URL. */
  base: string;
  /** The document as fetched, for readers that hand the whole page on (the extract stage). */
  html: string;
  /** JSON-LD objects, `@graph` and arrays flattened. */
  jsonLd: Record<string, unknown>[];
}

export function loadHtml(html: string, pageUrl: string): HtmlPage {
  checkHtmlComplexity(html);
  // linkedom needs a document element; fragments ("<div>…") would otherwise nest head and body oddly.
  const source = /<html[\s>]/i.test(html.slice(0, 4096)) ? html : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
  const document = parseHTML(source).document as unknown as DomDocument;
  const url = pageUrl.replace(/#.*$/, '');
  const baseHref = document.querySelector('base[href]')?.getAttribute('href');
  return { document, url, base: resolveUrl(baseHref, url) ?? url, html, jsonLd: readJsonLd(document) };
}

function readJsonLd(document: DomDocument): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (depth > 4 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const v of value) visit(v, depth + 1);
      return;
    }
    const o = value as Record<string, unknown>;
    out.push(o);
    if (o['@graph']) visit(o['@graph'], depth + 1);
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(script.textContent ?? '') as unknown, 0);
    } catch {
      // Broken JSON-LD is common and says nothing about the page.
    }
  }
  return out;
}

export function ldTypes(o: Record<string, unknown>): string[] {
  const t = o['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

export function meta(document: DomDocument, ...names: string[]): string | undefined {
  for (const name of names) {
    const el = document.querySelector(`meta[property="${name}"], meta[name="${name}"], meta[itemprop="${name}"]`);
    const content = el?.getAttribute('content');
    if (content?.trim()) return collapseSpace(content);
  }
  return undefined;
}

// Hand-written walks for the per-link and per-paragraph checks: linkedom compiles a CSS selector on every
// `closest`/`querySelector` call, which on a 300-card homepage costs more than parsing the page.

export function tagOf(el: DomElement): string {
  return el.tagName.toLowerCase();
}

/** The element itself or its nearest ancestor passing `test`. */
export function closestWhere(el: DomElement | null, test: (el: DomElement) => boolean): DomElement | undefined {
  for (let e = el; e; e = e.parentElement) if (test(e)) return e;
  return undefined;
}

/** Every element below `root`, in document order. */
export function* descendants(root: DomElement): Generator<DomElement> {
  const stack: DomElement[] = [];
  for (let i = root.children.length - 1; i >= 0; i--) stack.push(root.children[i]!);
  while (stack.length) {
    const el = stack.pop()!;
    yield el;
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]!);
  }
}

/** Visible text of an element, paragraphs separated by blank lines. */
export function elementText(el: DomElement | null | undefined): string {
  return el ? htmlToText(el.innerHTML) : '';
}

/** One-line text of an element. */
export function inlineText(el: DomElement | null | undefined): string {
  return el ? collapseSpace(el.textContent ?? '') : '';
}

export function firstMatch(root: DomElement | DomDocument, selectors: readonly string[]): DomElement | undefined {
  for (const s of selectors) {
    const el = root.querySelector(s);
    if (el) return el;
  }
  return undefined;
}

/** A date from `<time datetime>`, `data-time` epoch milliseconds, `content`, `title`, or the element's text. */
export function dateOfElement(el: DomElement | undefined, dates: DateContext): Date | undefined {
  if (!el) return undefined;
  const epoch = el.getAttribute('data-time') ?? el.getAttribute('data-timestamp');
  if (epoch && /^\d{10,13}$/.test(epoch)) {
    const ms = epoch.length === 13 ? Number(epoch) : Number(epoch) * 1000;
    if (ms <= dates.fetchedAt.getTime() + 2 * 864e5) return new Date(ms);
  }
  for (const attr of ['datetime', 'content', 'data-datestring', 'title']) {
    const v = el.getAttribute(attr);
    const d = v ? parseDate(v, dates) : undefined;
    if (d) return d;
  }
  return parseDate(inlineText(el).slice(0, 120), dates);
}

/** The page's title: og:title, else the first `<h1>`, else `<title>` without its " | Site" suffix. */
export function pageTitle(page: HtmlPage): string | undefined {
  const og = meta(page.document, 'og:title', 'twitter:title');
  if (og) return og;
  const h1 = inlineText(page.document.querySelector('h1'));
  if (h1) return h1;
  const title = collapseSpace(page.document.title ?? '');
  return title.replace(/\s+[|–—·-]\s+[^|–—·-]{2,60}$/, '') || undefined;
}

/** The cookie-consent notices below `root` (extract/consent-notice.ts), outermost first. */
export function consentNotices(root: DomElement | DomDocument | null): DomElement[] {
  if (!root) return [];
  return Array.from(root.querySelectorAll('[id], [class]')).filter((el) => isConsentNotice(el.tagName, el.id, el.className, () => inlineText(el)));
}
