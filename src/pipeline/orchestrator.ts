// The one module that knows every stage. It reads a source (fetch → parse), turns an item into an article ready to
// store (fetch its page → extract → summarize → tag → clustering terms), and holds the story model that decides which
// story an article joins.
// Storage and delivery are the callers' business: the CLI preview stores nothing, the scheduler stores everything.
import { UserError } from '../errors.js';
import type { Logger } from '../logger.js';
import { placeArticle, rebuildCentroid } from './dedupe/story-choice.js';
import type { ParseResult } from './parse/parse-types.js';
import { isTeaser, summaryInput } from './article-input.js';
import type { Summarizer } from './summarize/index.js';
import { checkSourceUrl, resolveSource, unreadableSource, type ResolveOptions, type ResolvedSource } from './resolve-source.js';
import type { RegionDefinition } from './tag/index.js';
import type { DateContext, FeedKind, FetchGuard, Fetcher, FetchOptions, FetchResult, PlaceArticle, ProcessedArticle, RebuildCentroid, SourceItem } from './types.js';
import { createInlineCpu, type CpuRunner } from './worker/cpu-runner.js';
import type { ArticleJobResult } from './worker/jobs.js';
import { isNotAnArticleError } from './extract/errors.js';
import { isFetchError } from './fetch/index.js';
import { readThreadPages, withCredentialsOf } from './read-thread.js';
import { withoutFragment } from './parse/urls.js';
import { PipelineStoppedError } from './worker/pool.js';

// What callers of the pipeline need from individual stages, re-exported so that only this module imports stages.
export { isThreadMark, itemKey, keysToRemember, linkKey, rememberedItems, sameTitle, seenBefore } from './parse/item-key.js';
export { backoffDelayMs, createFetcher, FetchError, fetcherOptionsFromConfig, isFetchError } from './fetch/index.js';
export { createSummarizer } from './summarize/index.js';
export { createTranslator, type Translator } from './translate/translator.js';
export { clusterTerms } from './dedupe/cluster-terms.js';
export { isNameTerm } from './dedupe/name-keys.js';
export { defaultRegions, type RegionDefinition } from './tag/index.js';
// Moderator commands: OPML import/export, typed tags, region and country names.
// OPML's parser (feedsmith) is loaded when a moderator imports or exports sources, not at every start.
export const opmlTools = () => import('./parse/opml.js');
export type { OpmlSource } from './parse/opml.js';
export { countryName, countryTag, flagEmoji, MAX_TAG_LENGTH, matchRegion, normalizeTag, regionTag, regionTagName, resolveTag, topicTag, type ResolvedTag } from './tag/index.js';
// Dates in a guild's time zone (digests).
export { wallClockAt } from './dates/zoned-time.js';
export { checkSourceUrl, unreadableSource, type ResolvedSource } from './resolve-source.js';
export { hostOf } from './hosts.js';
export { canonicalUrl } from './dedupe/canonical-url.js';
export { filterMatcher, filterValues, filterWordSequence, formatFilter, maxFilterLength, parseFilter, storedFilterNames, wordGap, type FieldResolver, type Filter, type FilterField, type FilterTarget } from './filter/filter.js';
export { createInlineCpu, type CpuRunner } from './worker/cpu-runner.js';
export { createCpuPool, JobLimitError, type CpuPoolOptions } from './worker/pool.js';

/**
 * The bot's stop cut the work off (a fetch, or a job of the pipeline's workers): that says nothing of the source or
 * its items, so it is held against neither.
 */
export function cutOffByStop(error: unknown): boolean {
  return (isFetchError(error) && error.code === 'stopped') || error instanceof PipelineStoppedError;
}

export interface PipelineDeps {
  fetcher: Fetcher;
  summarizer: Summarizer;
  logger: Logger;
  regions?: readonly RegionDefinition[];
  /** Where parsing, extraction, offline summaries and tagging run: worker threads (`createCpuPool`) or, by default, inline. */
  cpu?: CpuRunner | undefined;
}

export interface SourceToRead {
  url: string;
  kind?: FeedKind | undefined;
  timezone?: string | undefined;
  dayFirst?: boolean | undefined;
  seenKeys?: readonly string[] | undefined;
  /** What the feed's last read remembered, when `seenKeys` is left empty to read it whole: where a thread's new posts start. */
  remembered?: readonly string[] | undefined;
  validators?: FetchOptions | undefined;
  guard?: FetchGuard | undefined;
  publicOnly?: boolean | undefined;
}

/** How one item is read: its source's dates, kind and outlet, and the guard of its fetch when outside a poll. */
export interface ItemRead {
  dates: DateContext;
  kind: FeedKind;
  siteName?: string | undefined;
  guard?: FetchGuard | undefined;
  /** A member's link (FetchOptions.publicOnly): every page read for it too. */
  publicOnly?: boolean | undefined;
}

export interface ArticleReadOptions {
  allowFileUrls: boolean;
  guard?: FetchGuard | undefined;
  publicOnly?: boolean | undefined;
}

export interface ReadSource {
  fetched: FetchResult;
  parsed: ParseResult;
  dates: DateContext;
  /** A forum thread's pages read after the followed one (read-thread.ts): the followed page's validators say nothing. */
  laterPages?: number | undefined;
}

export interface Pipeline {
  /** What to poll for what a moderator typed: the feed a site announces, or the page itself. Throws UserError. */
  resolve(url: string, options: ResolveOptions): Promise<ResolvedSource>;
  readSource(source: SourceToRead): Promise<ReadSource>;
  /** One page a member shared, fetched once and read as one article (its item needs no other fetch). Throws UserError. */
  readArticle(url: string, options: ArticleReadOptions): Promise<ReadSource>;
  processItem(item: SourceItem, read: ItemRead): Promise<ProcessedArticle>;
  /** Which story an article joins (dedupe/story-choice.ts), for the database and the preview alike. */
  placeArticle: PlaceArticle;
  /** A story's centroid from its articles, after a moderator split or merged stories. */
  rebuildCentroid: RebuildCentroid;
}

export function createPipeline(deps: PipelineDeps): Pipeline {
  const regions = deps.regions;
  const cpu = deps.cpu ?? createInlineCpu();
  // The offline summarizer is CPU work and runs with the other stages; an LLM is awaited here, on the network.
  const summarizeInJob = deps.summarizer.cpuOnly === true;
  const fetcherWith = (guard: FetchGuard | undefined, publicOnly?: boolean): Fetcher => {
    const fetcher: Fetcher = publicOnly ? (url, options) => deps.fetcher(url, { ...options, publicOnly }) : deps.fetcher;
    return guard ? (url, options) => guard(url, () => fetcher(url, options)) : fetcher;
  };

  async function readSource(source: SourceToRead): Promise<ReadSource> {
    const readPage = async (url: string, validators: FetchOptions | undefined, kind: FeedKind | undefined, threadUrl?: string): Promise<ReadSource> => {
      const fetched = await fetcherWith(source.guard, source.publicOnly)(url, validators);
      const dates: DateContext = { fetchedAt: fetched.fetchedAt, timezone: source.timezone ?? 'UTC', dayFirst: source.dayFirst ?? true };
      const parsed = await cpu.run('parse', { fetched, dates, kind, seenKeys: source.seenKeys, threadUrl });
      deps.logger.debug({ url: fetched.url || fetched.requestedUrl, kind: parsed.kind, items: parsed.items.length, found: parsed.keys.length }, 'parsed source');
      return { fetched, parsed, dates };
    };
    const first = await readPage(source.url, source.validators, source.kind);
    // A thread's later pages: its posts are known by the followed page and their ids (parse/html-forum.ts).
    const threadUrl = withoutFragment(first.fetched.url || first.fetched.requestedUrl);
    return readThreadPages(first, source.remembered ?? source.seenKeys ?? [], (url) => readPage(withCredentialsOf(source.url, url), undefined, 'thread', threadUrl));
  }

  async function readArticle(url: string, options: ArticleReadOptions): Promise<ReadSource> {
    const checked = checkSourceUrl(url, options.allowFileUrls);
    const read = await readSource({ url: checked, kind: 'article', guard: options.guard, publicOnly: options.publicOnly }).catch((error: unknown) => {
      throw unreadableSource(error, checked);
    });
    // A feed, or a plain-text page of several dated articles, is read as what it is whatever kind was asked for: its
    // first item is not what the member shared.
    if (read.parsed.kind === 'feed') throw new UserError('invalid', 'That address is a feed, not an article; moderators add feeds with /source add.');
    if (read.parsed.kind !== 'article') throw new UserError('invalid', 'That page lists several articles; share the address of one of them.');
    return read;
  }

  async function processItem(item: SourceItem, read: ItemRead): Promise<ProcessedArticle> {
    const job = { item, dates: read.dates, siteName: read.siteName, summarize: summarizeInJob, regions };
    // A teaser's page is fetched before any job: asking a worker first would only hear that it is a teaser.
    let step: ArticleJobResult = isTeaser(item) ? { needsPage: true } : await cpu.run('article', job);
    if ('needsPage' in step) {
      try {
        const page = await fetcherWith(read.guard, read.publicOnly)(item.url);
        step = await cpu.run('article', { ...job, page: { body: page.body, url: page.url } });
      } catch (error) {
        // A page that is no article Gazette can read, and will not be (a video, a PDF, a page too large): the feed's
        // own headline and text stand for it, rather than the item being skipped and never posted.
        if (!pageNeverReadable(error) || !item.title?.trim()) throw error;
        step = await cpu.run('article', { ...job, item: { ...item, needsFetch: false } });
      }
    }
    if ('done' in step) return step.done;
    if ('needsPage' in step) throw new Error('An article job asked for its page twice');
    const { article } = step;
    const summary = await deps.summarizer.summarize(summaryInput(article));
    return cpu.run('finish', { article, summary, regions });
  }

  return {
    resolve: (url, options) => resolveSource(fetcherWith(options.guard), url, options, cpu),
    readSource,
    readArticle,
    processItem,
    placeArticle,
    rebuildCentroid,
  };
}

/** A page that fails the same way every time: no article in it (NotAnArticleError), not text, or too large. */
function pageNeverReadable(error: unknown): boolean {
  if (isFetchError(error)) return error.code === 'unsupported-content' || error.code === 'too-large';
  return isNotAnArticleError(error);
}
