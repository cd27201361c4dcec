// The CPU half of turning a feed item into an article ready to store: the item's own text or its page's, then tags,
// language, content hash and clustering terms. Pure functions over plain data, so the orchestrator can run them on
// the main thread or in a pipeline worker (worker/jobs.ts) alike; fetching and an LLM summary stay with the caller.
import { isTeaserText, minOwnText } from './article-input.js';
import { hostOf } from './hosts.js';
import { canonicalUrl } from './dedupe/canonical-url.js';
import { clusterTerms } from './dedupe/cluster-terms.js';
import { contentHash } from './dedupe/text-features.js';
import { chooseLanguage, extractArticle, isNotAnArticleError } from './extract/index.js';
import { fallbackTitle, htmlToText } from './parse/text.js';
import { clipText } from '../text/clip.js';
import { joinSummary } from './summarize/index.js';
import { defaultRegions, tagArticle, type RegionDefinition } from './tag/index.js';
import type { DateContext, ExtractedArticle, ProcessedArticle, SourceItem } from './types.js';

export interface ItemContext {
  dates: DateContext;
  siteName?: string | undefined;
}

/** The item's article, or word that its page must be fetched first (a teaser). */
export type ItemArticle = { article: ExtractedArticle } | { needsPage: true };

export function articleFromItem(item: SourceItem, context: ItemContext): ItemArticle {
  const { dates, siteName } = context;
  const ownText = item.text ?? (item.html ? htmlToText(item.html) : '');
  // The same rule as isTeaser, which tells it beforehand where the item's text is at hand.
  if (item.needsFetch && isTeaserText(ownText)) return { needsPage: true };
  const ownUrl = canonicalUrl(item.url, { keepFragment: !item.needsFetch && /#./.test(item.url) });
  // The standfirst goes with the text it opens, so summaryInput leaves it out on every path (issue 9).
  const fromItem = (text: string, standfirst: string | undefined, language: string | undefined, asides: string[] | undefined): ExtractedArticle => ({
    url: ownUrl,
    guid: item.guid,
    title: articleTitle(item.title?.trim() || fallbackTitle(text)),
    author: item.author,
    publishedAt: item.publishedAt,
    imageUrl: item.imageUrl,
    language,
    text,
    ...(standfirst && { standfirst }),
    ...(asides && { asides }),
    sourceName: item.sourceName ?? siteName ?? hostName(item.url),
  });
  if (item.html && ownText.length >= minOwnText) {
    // Full content in the feed: extraction removes the furniture some feeds embed (share links, promos).
    try {
      const extracted = extractArticle(item.html, item.url, { ...dates, sourceName: item.sourceName ?? siteName });
      return { article: { ...fromItem(extracted.text, extracted.standfirst, extracted.language, extracted.asides), imageUrl: item.imageUrl ?? extracted.imageUrl } };
    } catch (error) {
      if (!isNotAnArticleError(error)) throw error;
    }
  }
  return { article: fromItem(ownText, item.standfirst, item.language ?? itemTextLanguage(ownText), item.asides) };
}

/**
 * The language of an item's own text (feed items declare none), found here rather than after the summary: the
 * summarizer needs it to split sentences ("am 23. Februar" is a date in German, not a sentence end) and the LLM to
 * answer in it. Detection needs some text: on a headline alone franc guesses wildly.
 */
function itemTextLanguage(text: string): string | undefined {
  return text.length >= 200 ? chooseLanguage([], text) : undefined;
}

/** The article on the item's fetched page (`page.url` after redirects). */
export function articleFromPage(item: SourceItem, page: { body: string; url: string }, context: ItemContext): ExtractedArticle {
  const { dates, siteName } = context;
  const extracted = extractArticle(page.body, page.url, { ...dates, sourceName: item.sourceName ?? siteName });
  return {
    ...extracted,
    guid: item.guid,
    // The feed's own metadata is usually cleaner than what a page says about itself.
    title: articleTitle(item.title?.trim() || extracted.title),
    author: extracted.author ?? item.author,
    // A listing's day for it (a day heading, its address) is the day alone: the page's own time is the better date.
    publishedAt: item.publishedDayOnly ? (extracted.publishedAt ?? item.publishedAt) : (item.publishedAt ?? extracted.publishedAt),
    imageUrl: extracted.imageUrl ?? item.imageUrl,
    sourceName: item.sourceName ?? siteName ?? extracted.sourceName,
  };
}

/** Summary, tags, language, content hash and clustering terms of an extracted article. */
export function finishArticle(article: ExtractedArticle, summaryParts: string[], regions: readonly RegionDefinition[] = defaultRegions): ProcessedArticle {
  const summary = joinSummary(summaryParts);
  // Found with the text (articleFromItem, extraction) before the summary: detecting again would only cost time.
  const { language } = article;
  const tags = tagArticle({ title: article.title, text: article.text, language }, regions);
  return {
    ...article,
    language,
    summary: summary || article.title,
    ...tags,
    contentHash: contentHash(article.title, article.text),
    terms: clusterTerms({ title: article.title, text: article.text, language, countries: tags.countries }),
  };
}

/** Longest headline kept. Discord shows at most 256 characters of one; a feed's title of 1.9 MB overflowed the search
 * document (PostgreSQL's 1 MB tsvector) and ran every later step over it. */
export const maxTitleLength = 300;

function articleTitle(title: string): string {
  return clipText(title, maxTitleLength);
}

function hostName(url: string): string {
  // A local file has no host: its name is the best label there is.
  if (url.startsWith('file:')) return decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '') || 'local file';
  return hostOf(url) || 'unknown source';
}
