// What an HTML page holds: a forum thread, one article, or a listing of articles — judged in that order, because a
// thread's posts and an article's prose are unambiguous while "many links" is true of nearly every page. Pages
// whose markup matches no known structure are flattened to text blocks and read with the plain-text rules.
import { isNotAnArticleError } from '../extract/errors.js';
import { consentPageReason } from '../extract/consent-notice.js';
import { unavailablePageReason } from '../extract/not-an-article.js';
import type { DateContext, FeedKind, SourceItem } from '../types.js';
import { discoverFeeds } from './discover-feeds.js';
import { ParseError } from './errors.js';
import { articleItem, articleSignals, readArticle } from './html-article.js';
import { consentNotices, inlineText, loadHtml, pageTitle, type HtmlPage } from './html-doc.js';
import { readForum } from './html-forum.js';
import { phpbbForum } from './phpbb-forum.js';
import { threadPages } from './thread-pages.js';
import { checkHtmlComplexity } from './html-limits.js';
import { readEmbeddedArticles, readListing } from './html-listing.js';
import type { ReadDocument } from './parse-types.js';
import { readLines } from './plain-text.js';
import { classifyLine } from './text-lines.js';
import { htmlToText } from './text.js';
import { looksLikeArticlePath } from './urls.js';

/** A listing needs at least this many article links before it outweighs a page's own (undeclared) prose. */
const minListingLinks = 3;
/** Visible characters below which a page has nothing an article could be made of. */
const minArticleText = 50;

/** `threadUrl`: the thread's followed page, when this is a later page of it (html-forum.ts). */
export function readHtml(html: string, pageUrl: string, dates: DateContext, kind?: FeedKind, threadUrl?: string): ReadDocument {
  if (kind === 'article') return readKnownArticle(html, pageUrl, dates);
  const page = loadHtml(html, pageUrl);
  const site = siteOf(page.url, page.document.documentElement?.getAttribute('lang'));

  const signals = articleSignals(page);
  if (kind === undefined || kind === 'thread') {
    const thread = readForum(page, dates, threadUrl);
    // Comments under a declared article are not a thread: the article outweighs them.
    const comments = thread && kind === undefined && signals.declared && signals.mainText > thread.items.reduce((n, i) => n + (i.text?.length ?? 0), 0);
    if (thread && !comments) return { kind: 'thread', title: thread.title, ...site, items: thread.items, pages: threadPages(page) };
  }
  const articleUrl = looksLikeArticlePath(page.url);
  const article = (): ReadDocument => articleDocument(readArticle(page, dates), site);
  // The publisher's word first: declared articles on article-like URLs (or with some prose) are articles.
  if (kind === undefined && signals.declared && (articleUrl || signals.mainText >= 400)) return article();

  if (kind === undefined || kind === 'listing') {
    // Whole articles embedded side by side (an aggregator) before long prose, which each of them has.
    const embedded = readEmbeddedArticles(page, dates);
    if (embedded.length >= 2) {
      const links = readListing(page, dates).filter((l) => !embedded.some((e) => e.title === l.title));
      return { kind: 'listing', title: pageTitle(page), ...site, items: [...embedded, ...links] };
    }
    // Every article page links to others; only a page without a long run of prose is a listing.
    if (kind === undefined && (signals.mainText >= 1500 || (articleUrl && signals.mainText >= 400))) return article();
    const links = readListing(page, dates);
    if (links.length >= minListingLinks || (kind === 'listing' && links.length > 0)) {
      // An error page served as 200 (a soft 404, a paywall) still links to a few stories: not the section asked for.
      if (links.length < 10) refuseUnavailable(page, textBesideConsent(page), kind);
      const forum = phpbbForum(page);
      return { kind: 'listing', title: pageTitle(page), ...site, items: links, ...(forum ? { forum } : {}) };
    }
  }
  if (kind === undefined && signals.mainText >= 800) return article();

  const fromText = readLines(linesOf(page, dates), page.url, kind);
  if (fromText && (kind === undefined || fromText.kind === kind)) {
    // Prose without posts' dates read as one article or post: a login wall or an error page (a followed thread deleted
    // or closed to guests) is not one, and was posted as news.
    if (fromText.items.length === 1) refuseUnavailable(page, fromText.items[0]!.text ?? '', kind);
    return { ...site, ...fromText, title: fromText.title ?? pageTitle(page) };
  }

  if (kind === undefined && signals.mainText >= 200) return article();
  // Nothing to read but a consent manager's notice: the site showed it instead of the page.
  if (consentNotices(page.document).length > 0) throw new ParseError(`This page has no ${what(kind)}: ${consentPageReason(instead(kind))}.`);
  throw noArticles(html, page.url, kind);
}

const what = (kind: FeedKind | undefined) => (kind === 'thread' ? 'forum posts' : 'articles');
const instead = (kind: FeedKind | undefined) => (kind === 'thread' ? 'the thread' : kind === 'listing' ? 'the articles' : 'the article');

/**
 * A page known to be one article (an article source, `/news submit`): read by the extract stage alone, one htmlparser2
 * parse and no DOM (ADR 17). The DOM is built only to word a refusal, when the page turns out to hold no text at all.
 */
function readKnownArticle(html: string, pageUrl: string, dates: DateContext): ReadDocument {
  checkHtmlComplexity(html);
  const url = pageUrl.replace(/#.*$/, '');
  let item: SourceItem;
  try {
    item = articleItem(html, url, dates);
  } catch (error) {
    // Even a source set up as one article must have something to read.
    if (isNotAnArticleError(error) && inlineText(loadHtml(html, url).document.body).length < minArticleText) throw new ParseError('This page has no article text.');
    throw error;
  }
  return articleDocument(item, siteOf(url, htmlLang(html)));
}

/** An article page as a document: its title is the article's (the extract stage's reading of it, ADR 17). */
function articleDocument(item: SourceItem, site: ReturnType<typeof siteOf>): ReadDocument {
  return { kind: 'article', title: item.title, ...site, items: [item] };
}

function siteOf(url: string, lang: string | null | undefined) {
  return { siteUrl: /^https?:/i.test(url) ? `${new URL(url).origin}/` : url, language: lang?.split('-')[0]?.toLowerCase() || undefined };
}

/** `<html lang>` without a DOM, read where loadHtml would find the document element (the first 4 KB). */
function htmlLang(html: string): string | undefined {
  const tag = /<html(?=[\s>])[^>]*>/i.exec(html.slice(0, 4096))?.[0];
  const lang = tag && /\slang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i.exec(tag);
  return lang ? (lang[1] ?? lang[2] ?? lang[3]) : undefined;
}

/** The page as text blocks (one per paragraph, heading, list item…), for the plain-text rules. */
function linesOf(page: HtmlPage, dates: DateContext) {
  const body = page.document.body;
  if (!body) return [];
  const clone = body.cloneNode(true);
  for (const el of Array.from(clone.querySelectorAll('script, style, noscript, template, svg, nav, [role="navigation"]'))) el.remove();
  for (const el of consentNotices(clone)) el.remove();
  return htmlToText(clone.innerHTML)
    .split('\n\n')
    .flatMap((block) => [classifyLine(block, dates), { text: '', kind: 'blank' as const }]);
}

/** The page's text but a consent notice's: a section with a cookie banner is not a consent page. */
function textBesideConsent(page: HtmlPage): string {
  const body = page.document.body;
  if (!body) return '';
  const clone = body.cloneNode(true);
  for (const el of consentNotices(clone)) el.remove();
  return inlineText(clone);
}

/** Throws, in words, when the page says it is an error, login or cookie-consent page. */
function refuseUnavailable(page: HtmlPage, text: string, kind: FeedKind | undefined): void {
  const reason = unavailablePageReason(pageTitle(page) ?? '', text, instead(kind));
  if (reason) throw new ParseError(`This page has no ${what(kind)}: ${reason}.`);
}

function noArticles(html: string, url: string, kind: FeedKind | undefined): ParseError {
  const feeds = discoverFeeds(html, url).filter((f) => !f.guess);
  if (feeds.length > 0) return new ParseError(`This page has no ${what(kind)} of its own, but it links to a feed: ${feeds[0]!.url}`, feeds);
  return new ParseError(kind === 'thread' ? 'This page has no forum posts.' : 'This page has no articles or feed links.');
}
