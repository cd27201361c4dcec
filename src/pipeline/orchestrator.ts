// The one module that knows every stage. It reads a source (fetch → parse), turns an item into an article ready to
// store (fetch its page → extract → summarize → tag → fingerprint), and says whether two articles tell one story.
// Storage and delivery are the callers' business: the CLI preview stores nothing, the scheduler stores everything.
import type { Logger } from '../logger.js';
import { canonicalUrl } from './dedupe/canonical-url.js';
import { extractEntities } from './dedupe/entities.js';
import { candidateKeys, compareArticles, type ClusterFeatures, type StoryMatch } from './dedupe/same-story.js';
import { contentHash, minhashSignature } from './dedupe/text-features.js';
import { extractArticle, isNotAnArticleError } from './extract/index.js';
import { parseSource, type ParseResult } from './parse/index.js';
import { htmlToText } from './parse/text.js';
import { joinSummary, type Summarizer } from './summarize/index.js';
import { resolveSource, type ResolveOptions, type ResolvedSource } from './resolve-source.js';
import { defaultRegions, isPlaceName as isPlace, tagArticle, type RegionDefinition } from './tag/index.js';
import type { DateContext, ExtractedArticle, FeedKind, Fetcher, FetchOptions, FetchResult, ProcessedArticle, SourceItem } from './types.js';

// What callers of the pipeline need from individual stages, re-exported so that only this module imports stages.
export { itemKey } from './parse/index.js';
export { backoffDelayMs, createFetcher, fetcherOptionsFromConfig, isFetchError } from './fetch/index.js';
export { createSummarizer } from './summarize/index.js';
export { defaultRegions, type RegionDefinition } from './tag/index.js';
// Moderator commands: OPML import/export, typed tags, region and country names.
export { buildOpml, parseOpml, type OpmlSource } from './parse/index.js';
export { countryName, normalizeTag, resolveTag, type ResolvedTag } from './tag/index.js';
export type { ResolvedSource } from './resolve-source.js';

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
  entities: string[];
  /** Index keys for finding clustering candidates (see candidateKeys). */
  nameKeys: string[];
  bands: string[];
}

export interface Pipeline {
  /** What to poll for what a moderator typed: the feed a site announces, or the page itself. Throws UserError. */
  resolve(url: string, options: ResolveOptions): Promise<ResolvedSource>;
  readSource(source: SourceToRead): Promise<ReadSource>;
  processItem(item: SourceItem, read: { dates: DateContext; kind: FeedKind; siteName?: string | undefined }): Promise<ArticleForStore>;
  sameStory(a: ClusterFeatures, b: ClusterFeatures): StoryMatch;
}

// An item carrying less text than this is a teaser: its page is fetched for the real text.
const minOwnText = 400;

export function createPipeline(deps: PipelineDeps): Pipeline {
  const regions = deps.regions ?? defaultRegions;
  // Clustering asks this for every name of every candidate on every comparison; names repeat endlessly, so memoise.
  const places = new Map<string, boolean>();
  const isPlaceName = (name: string) => {
    let place = places.get(name);
    if (place === undefined) {
      if (places.size > 50_000) places.clear();
      place = isPlace(name);
      places.set(name, place);
    }
    return place;
  };

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
    const hashed = `${article.title}\n${article.text}`;
    const fingerprint = minhashSignature(hashed);
    const entities = extractEntities(hashed).map((e) => e.name);
    return {
      ...article,
      summary: summary || article.title,
      ...tags,
      contentHash: contentHash(article.text),
      fingerprint,
      entities,
      ...candidateKeys({ fingerprint, entities }, { isPlaceName }),
    };
  }

  return {
    resolve: (url, options) => resolveSource(deps.fetcher, url, options),
    readSource,
    processItem,
    sameStory: (a, b) => compareArticles(a, b, { isPlaceName }),
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
