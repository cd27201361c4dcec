// extractArticle: an article page's main text and metadata, without page furniture. Parsing is one htmlparser2
// pass into a light tree; everything after reads that tree without changing it.
import type { DateContext, ExtractedArticle } from '../types.js';
import { canonicalUrl } from '../dedupe/canonical-url.js';
import { parseDate } from '../dates/parse-date.js';
import { parseHtmlTree, type ParsedPage } from './html-tree.js';
import { readJsonLd } from './json-ld.js';
import { jsonLdParagraphs, preferJsonLdBody } from './json-ld-body.js';
import { chooseLanguage } from './language.js';
import { findMainText } from './main-text.js';
import type { Paragraph } from './content-text.js';
import { withinAside } from './content-furniture.js';
import { hostOf, samePublisher, siteOfHost as siteOf } from '../hosts.js';
import { absoluteUrl, findAuthor, findCategories, findImage, findPublished, findTitle, metaLookup, type MetaLookup } from './metadata.js';
import { notAnArticleReason } from './not-an-article.js';
import { NotAnArticleError } from './errors.js';
import { fallbackTitle } from '../parse/text.js';
import { maxUrlLength } from '../parse/urls.js';
import { trimEndWhere } from '../../text/trim.js';

const isSlash = (char: string) => char === '/';

export type ExtractContext = DateContext & { sourceName?: string | undefined };

export function extractArticle(html: string, url: string, context: ExtractContext): ExtractedArticle {
  const page = parseHtmlTree(html);
  const meta = metaLookup(page);
  const ld = readJsonLd(page.jsonLd);
  const base = absoluteUrl(page.baseHref, url) ?? url;
  const host = hostOf(url);
  const siteName = meta('og:site_name', 'application-name', 'al:android:app_name') ?? ld?.publisher;
  const siteNames = [context.sourceName, meta('og:site_name'), ld?.publisher, meta('application-name')].filter(
    (n): n is string => Boolean(n),
  );
  const title = findTitle(page, meta, ld, siteNames, host);

  const main = findMainText(page.root, title, siteOf(host));
  let paragraphs = withoutLeadFurniture(main.paragraphs, context);
  let text = paragraphs.map((p) => p.text).join('\n\n');
  const pageAsides = asideParagraphs(paragraphs, text.length);
  const declared = jsonLdParagraphs(ld?.articleBody);
  if (preferJsonLdBody(text, declared)) {
    paragraphs = declared.map((p) => ({ text: p, element: page.root, linkChars: 0, links: [] }));
    text = declared.join('\n\n');
  }
  // A declared body can quote the same posts: they are named wherever the text holds them word for word.
  const asides = pageAsides.filter((aside) => paragraphs.some((p) => p.text === aside));
  // The publisher's own summary above the story, word for word the page's description: it stays in the text (it is
  // part of the article) but is named, so the post's summary is told from the story itself.
  const description = (meta('og:description', 'description', 'twitter:description') ?? '').replace(/\s+/g, ' ').trim();
  const standfirst = paragraphs.length > 2 && description && paragraphs[0]!.text.replace(/\s+/g, ' ').trim() === description ? paragraphs[0]!.text : undefined;
  const reason = notAnArticleReason({ page, meta, ld, title, paragraphs, text });
  if (reason) throw new NotAnArticleError(reason);

  return {
    url: canonicalUrl(chooseCanonical(page, meta, url) ?? url),
    title: title || fallbackTitle(text),
    author: findAuthor(meta, ld, main.byline),
    publishedAt: findPublished(page, meta, ld, context),
    language: chooseLanguage(
      [page.htmlLang, meta('og:locale'), meta('content-language', 'language', 'dc.language'), ld?.inLanguage],
      text,
    ),
    imageUrl: findImage(page, meta, ld, base),
    categories: findCategories(page, meta),
    text,
    ...(standfirst && { standfirst }),
    ...(asides.length > 0 && { asides }),
    sourceName: context.sourceName?.trim() || cleanSiteName(siteName) || host || url,
  };
}

/**
 * Paragraphs of embeds and captions (withinAside): kept in the text, named so the summary leaves them out. When they
 * would be most of the text, the page's markup is misleading (a story inside an "embed" wrapper) and none is named.
 */
function asideParagraphs(paragraphs: Paragraph[], total: number): string[] {
  const asides = paragraphs.filter((p) => withinAside(p.element)).map((p) => p.text);
  return asides.reduce((n, text) => n + text.length, 0) < total / 2 ? asides : [];
}

// A byline's label on a line of its own ("Opinion Columnist", "Senior Correspondent"): who wrote it, not the story.
const bylineLabel = /^(?:[\p{Lu}][\p{L}'’-]*\s+){0,3}(?:columnist|correspondent|contributor|writer|reporter|editor|analyst|commentator)s?$/iu;

/**
 * The story as its writer wrote it, without a byline label or a date line before it ("Opinion Columnist"). Only the first two
 * paragraphs are looked at, and never the last one left. (A standfirst stays: the benchmark's annotators count it
 * as part of the article body.)
 */
function withoutLeadFurniture<P extends { text: string }>(paragraphs: P[], dates: DateContext): P[] {
  let start = 0;
  while (start < Math.min(2, paragraphs.length - 1) && isLeadFurniture(paragraphs[start]!.text.trim(), dates)) start++;
  return start ? paragraphs.slice(start) : paragraphs;
}

/** A byline label, or the date on a line of its own ("1 июля 2025 г.", "2025 ж. 1 шілде"): said elsewhere in a post. */
function isLeadFurniture(text: string, dates: DateContext): boolean {
  if (bylineLabel.test(text)) return true;
  return text.length <= 40 && /\d/.test(text) && text.split(/\s+/).length <= 5 && parseDate(text, dates) !== undefined;
}

/** "LinkNaija | Nigeria's popular news platform" → "LinkNaija"; a URL is no name. */
function cleanSiteName(name: string | undefined): string | undefined {
  const text = name?.replace(/\s+/g, ' ').trim();
  if (!text || /^(https?:\/\/|www\.)/i.test(text)) return undefined;
  return text.split(/\s+[|–—]\s+|\s+-\s+/)[0]!.trim() || undefined;
}

/**
 * The page's own canonical URL (`<link rel=canonical>`, else og:url) when it is on the same site and plausible;
 * a canonical pointing at another site, at the home page or at a section above the article is a template bug (or
 * another publisher's claim), not a redirect to follow: the article would be stored under that address, and another
 * article claiming it dropped as its duplicate.
 */
function chooseCanonical(page: ParsedPage, meta: MetaLookup, url: string): string | undefined {
  const given = safeUrl(url);
  if (!given) return undefined;
  const candidates = [page.links.find((l) => l.rel.split(/\s+/).includes('canonical'))?.href, meta('og:url')];
  for (const candidate of candidates) {
    const absolute = absoluteUrl(candidate, url);
    const parsed = absolute ? safeUrl(absolute) : undefined;
    // An address no article has (a 200 KB path of slashes took 18 s to clean below).
    if (!parsed || parsed.href.length > maxUrlLength) continue;
    if (!samePublisher(parsed.href, given.href)) continue;
    if (/[{}]|%7B|%7D|\$\{/i.test(parsed.href)) continue;
    const homepage = trimEndWhere(parsed.pathname, isSlash) === '' && !parsed.search;
    if (homepage && trimEndWhere(given.pathname, isSlash) !== '') continue;
    if (sectionAbove(parsed, given)) continue;
    return parsed.href;
  }
  return undefined;
}

/**
 * A canonical two or more path segments above the page (`/world/` for `/world/2025/07/story`): a section's address,
 * which a template gave every article. One segment up is an AMP or print page's article (`/story/amp` → `/story`).
 */
function sectionAbove(canonical: URL, page: URL): boolean {
  const segments = (u: URL) => u.pathname.split('/').filter(Boolean);
  const [c, p] = [segments(canonical), segments(page)];
  return c.length + 2 <= p.length && c.every((part, i) => part === p[i]);
}

function safeUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

