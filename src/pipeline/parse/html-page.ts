// What an HTML page holds: a forum thread, one article, or a listing of articles — judged in that order, because a
// thread's posts and an article's prose are unambiguous while "many links" is true of nearly every page. Pages
// whose markup matches no known structure are flattened to text blocks and read with the plain-text rules.
import type { DateContext, FeedKind } from '../types.js';
import { discoverFeeds } from './discover-feeds.js';
import { ParseError } from './errors.js';
import { articleSignals, readArticle } from './html-article.js';
import { inlineText, loadHtml, pageTitle, type HtmlPage } from './html-doc.js';
import { readForum } from './html-forum.js';
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

export function readHtml(html: string, pageUrl: string, dates: DateContext, kind?: FeedKind): ReadDocument {
  const page = loadHtml(html, pageUrl);
  const site = { siteUrl: /^https?:/i.test(page.url) ? `${new URL(page.url).origin}/` : page.url, language: page.document.documentElement?.getAttribute('lang')?.split('-')[0]?.toLowerCase() || undefined };

  const signals = articleSignals(page);
  if (kind === undefined || kind === 'thread') {
    const thread = readForum(page, dates);
    // Comments under a declared article are not a thread: the article outweighs them.
    const comments = thread && kind === undefined && signals.declared && signals.mainText > thread.items.reduce((n, i) => n + (i.text?.length ?? 0), 0);
    if (thread && !comments) return { kind: 'thread', title: thread.title, ...site, items: thread.items };
  }
  const articleUrl = looksLikeArticlePath(page.url);
  const article = (): ReadDocument => ({ kind: 'article', title: pageTitle(page), ...site, items: [readArticle(page, dates)] });
  if (kind === 'article') {
    // Even a source set up as one article must have something to read.
    if (inlineText(page.document.body).length < minArticleText) throw new ParseError('This page has no article text.');
    return article();
  }
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
      return { kind: 'listing', title: pageTitle(page), ...site, items: links };
    }
  }
  if (kind === undefined && signals.mainText >= 800) return article();

  const fromText = readLines(linesOf(page, dates), page.url, kind);
  if (fromText && (kind === undefined || fromText.kind === kind)) return { ...site, ...fromText, title: fromText.title ?? pageTitle(page) };

  if (kind === undefined && signals.mainText >= 200) return article();
  throw noArticles(html, page.url, kind);
}

/** The page as text blocks (one per paragraph, heading, list item…), for the plain-text rules. */
function linesOf(page: HtmlPage, dates: DateContext) {
  const body = page.document.body;
  if (!body) return [];
  const clone = body.cloneNode(true);
  for (const el of Array.from(clone.querySelectorAll('script, style, noscript, template, svg, nav, [role="navigation"]'))) el.remove();
  return htmlToText(clone.innerHTML)
    .split('\n\n')
    .flatMap((block) => [classifyLine(block, dates), { text: '', kind: 'blank' as const }]);
}

function noArticles(html: string, url: string, kind: FeedKind | undefined): ParseError {
  const feeds = discoverFeeds(html, url).filter((f) => !f.guess);
  const what = kind === 'thread' ? 'forum posts' : 'articles';
  if (feeds.length > 0) return new ParseError(`This page has no ${what} of its own, but it links to a feed: ${feeds[0]!.url}`, feeds);
  return new ParseError(kind === 'thread' ? 'This page has no forum posts.' : 'This page has no articles or feed links.');
}
