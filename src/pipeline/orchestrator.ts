// The one module that knows every stage. It reads a source (fetch → parse), turns an item into an article ready to
// store (fetch its page → extract → summarize → tag → clustering terms), and holds the story model that decides which
// story an article joins.
// Storage and delivery are the callers' business: the CLI preview stores nothing, the scheduler stores everything.
import type { Logger } from '../logger.js';
import { canonicalUrl } from './dedupe/canonical-url.js';
import { clusterTerms } from './dedupe/cluster-terms.js';
import { placeArticle, rebuildCentroid } from './dedupe/story-choice.js';
import { contentHash } from './dedupe/text-features.js';
import { chooseLanguage, extractArticle, isNotAnArticleError } from './extract/index.js';
import { parseSource, type ParseResult } from './parse/index.js';
import { htmlToText } from './parse/text.js';
import { joinSummary, type Summarizer } from './summarize/index.js';
import { resolveSource, type ResolveOptions, type ResolvedSource } from './resolve-source.js';
import { defaultRegions, tagArticle, type RegionDefinition } from './tag/index.js';
import type { DateContext, ExtractedArticle, FeedKind, Fetcher, FetchOptions, FetchResult, PlaceArticle, ProcessedArticle, RebuildCentroid, SourceItem } from './types.js';

// What callers of the pipeline need from individual stages, re-exported so that only this module imports stages.
export { itemKey } from './parse/index.js';
export { backoffDelayMs, createFetcher, fetcherOptionsFromConfig, isFetchError } from './fetch/index.js';
export { createSummarizer } from './summarize/index.js';
export { clusterTerms } from './dedupe/cluster-terms.js';
export { defaultRegions, type RegionDefinition } from './tag/index.js';
// Moderator commands: OPML import/export, typed tags, region and country names.
export { buildOpml, parseOpml, type OpmlSource } from './parse/index.js';
export { countryName, countryTag, flagEmoji, matchRegion, normalizeTag, regionTag, resolveTag, topicTag, type ResolvedTag } from './tag/index.js';
// Dates in a guild's time zone (digests).
export { wallClockAt } from './dates/zoned-time.js';
export { checkSourceUrl, type ResolvedSource } from './resolve-source.js';

export interface PipelineDeps {
  fetcher: Fetcher;
  summarizer: Summarizer;
  logger: Logger;
  regions?: readonly RegionDefinition[];
}

export interface SourceToRead {
  url: string;
  kind?: FeedKind | undefined;
  timezone?: string | undefined;
  dayFirst?: boolean | undefined;
  seenKeys?: readonly string[] | undefined;
  validators?: FetchOptions | undefined;
}

export interface ReadSource {
  fetched: FetchResult;
  parsed: ParseResult;
  dates: DateContext;
}

export interface ArticleForStore extends ProcessedArticle {
  guid?: string | undefined;
}


export interface Pipeline {
  /** What to poll for what a moderator typed: the feed a site announces, or the page itself. Throws UserError. */
  resolve(url: string, options: ResolveOptions): Promise<ResolvedSource>;
  readSource(source: SourceToRead): Promise<ReadSource>;
  processItem(item: SourceItem, read: { dates: DateContext; kind: FeedKind; siteName?: string | undefined }): Promise<ArticleForStore>;
  /** Which story an article joins (dedupe/story-choice.ts), for the database and the preview alike. */
  placeArticle: PlaceArticle;
  /** A story's centroid from its articles, after a moderator split or merged stories. */
  rebuildCentroid: RebuildCentroid;
}

// An item carrying less text than this is a teaser: its page is fetched for the real text.
const minOwnText = 400;

export function createPipeline(deps: PipelineDeps): Pipeline {
  const regions = deps.regions ?? defaultRegions;

  async function readSource(source: SourceToRead): Promise<ReadSource> {
    const fetched = await deps.fetcher(source.url, source.validators);
    const dates: DateContext = { fetchedAt: fetched.fetchedAt, timezone: source.timezone ?? 'UTC', dayFirst: source.dayFirst ?? true };
    const parsed = parseSource(fetched, { dates, kind: source.kind, seenKeys: source.seenKeys, logger: deps.logger });
    return { fetched, parsed, dates };
  }

  async function articleOf(item: SourceItem, dates: DateContext, siteName: string | undefined): Promise<ExtractedArticle> {
    const ownText = item.text ?? (item.html ? htmlToText(item.html) : '');
    const ownUrl = canonicalUrl(item.url, { keepFragment: !item.needsFetch && /#./.test(item.url) });
    const fromItem = (text: string): ExtractedArticle => ({
      url: ownUrl,
      guid: item.guid,
      title: item.title?.trim() || text.slice(0, 120),
      author: item.author,
      publishedAt: item.publishedAt,
      imageUrl: item.imageUrl,
      text,
      sourceName: item.sourceName ?? siteName ?? hostName(item.url),
    });
    if (!item.needsFetch || ownText.length >= minOwnText * 4) {
      if (item.html && ownText.length >= minOwnText) {
        // Full content in the feed: extraction removes the furniture some feeds embed (share links, promos).
        try {
          const extracted = extractArticle(item.html, item.url, { ...dates, sourceName: item.sourceName ?? siteName });
          return { ...fromItem(extracted.text), language: extracted.language, imageUrl: item.imageUrl ?? extracted.imageUrl };
        } catch (error) {
          if (!isNotAnArticleError(error)) throw error;
        }
      }
      return fromItem(ownText);
    }
    const page = await deps.fetcher(item.url);
    const extracted = extractArticle(page.body, page.url, { ...dates, sourceName: item.sourceName ?? siteName });
    return {
      ...extracted,
      guid: item.guid,
      // The feed's own metadata is usually cleaner than what a page says about itself.
      title: item.title?.trim() || extracted.title,
      author: extracted.author ?? item.author,
      publishedAt: item.publishedAt ?? extracted.publishedAt,
      imageUrl: extracted.imageUrl ?? item.imageUrl,
      sourceName: item.sourceName ?? siteName ?? extracted.sourceName,
    };
  }

  async function processItem(item: SourceItem, read: { dates: DateContext; kind: FeedKind; siteName?: string | undefined }): Promise<ArticleForStore> {
    const article = await articleOf(item, read.dates, read.siteName);
    const summary = joinSummary(await deps.summarizer.summarize({ title: article.title, text: article.text, language: article.language }));
    const tags = tagArticle({ title: article.title, text: article.text }, regions);
    // Feed items carry no declared language; detection needs some text: on a headline alone franc guesses wildly.
    const language = article.language ?? (article.text.length >= 200 ? chooseLanguage([], article.text) : undefined);
    return {
      ...article,
      language,
      summary: summary || article.title,
      ...tags,
      contentHash: contentHash(article.text),
      terms: clusterTerms({ title: article.title, text: article.text, language }),
    };
  }

  return {
    resolve: (url, options) => resolveSource(deps.fetcher, url, options),
    readSource,
    processItem,
    placeArticle,
    rebuildCentroid,
  };
}

function hostName(url: string): string {
  try {
    const parsed = new URL(url);
    // A local file has no host: its name is the best label there is.
    if (parsed.protocol === 'file:') return decodeURIComponent(parsed.pathname.split('/').pop() ?? '') || 'local file';
    return parsed.hostname.replace(/^www\./, '') || 'unknown source';
  } catch {
    return 'unknown source';
  }
}
