// The CPU-bound work of the pipeline as named jobs over structured-cloneable data: what a pipeline worker runs
// (cpu-worker.ts), and what the inline runner (cpu-runner.ts) runs on the calling thread. Their errors cross the thread
// boundary as data (job-errors.ts).
import { summaryInput } from '../article-input.js';
import { articleFromItem, articleFromPage, finishArticle, type ItemContext } from '../article-steps.js';
import { discoverFeeds, parseSource, type DiscoveredFeed, type ParseResult } from '../parse/index.js';
import { summarizeOffline } from '../summarize/index.js';
import type { RegionDefinition } from '../tag/index.js';
import type { DateContext, ExtractedArticle, FeedKind, FetchResult, ProcessedArticle, SourceItem } from '../types.js';
import { stringsWithoutControlCharacters, withoutControlCharacters } from '../../text/control-characters.js';

export interface ParseJob {
  fetched: FetchResult;
  dates: DateContext;
  kind?: FeedKind | undefined;
  seenKeys?: readonly string[] | undefined;
  threadUrl?: string | undefined;
}

export interface ArticleJob extends ItemContext {
  item: SourceItem;
  /** The item's fetched page, when the item alone was a teaser. */
  page?: { body: string; url: string } | undefined;
  /** Summarize offline and finish the article in the same job (no LLM summarizer configured). */
  summarize: boolean;
  regions?: readonly RegionDefinition[] | undefined;
}

export type ArticleJobResult = { needsPage: true } | { article: ExtractedArticle } | { done: ProcessedArticle };

export interface FinishJob {
  article: ExtractedArticle;
  summary: string[];
  regions?: readonly RegionDefinition[] | undefined;
}

function articleJob(job: ArticleJob): ArticleJobResult {
  let extracted: ExtractedArticle;
  if (job.page) extracted = articleFromPage(job.item, job.page, job);
  else {
    const step = articleFromItem(job.item, job);
    if ('needsPage' in step) return step;
    extracted = step.article;
  }
  // A page's text is read here, past the parse stage that cleans a feed's: a NUL in it (PostgreSQL refuses U+0000)
  // failed the item's storing until it was given up.
  const article = stringsWithoutControlCharacters(extracted);
  if (!job.summarize) return { article };
  const summary = summarizeOffline(summaryInput(article));
  return { done: finishArticle(article, summary, job.regions) };
}

export const cpuJobs = {
  parse: (job: ParseJob): ParseResult => parseSource(job.fetched, { dates: job.dates, kind: job.kind, seenKeys: job.seenKeys, threadUrl: job.threadUrl }),
  discover: (job: { html: string; url: string }): DiscoveredFeed[] => discoverFeeds(job.html, job.url),
  article: articleJob,
  // An LLM's summary is text from outside too.
  finish: (job: FinishJob): ProcessedArticle => finishArticle(job.article, job.summary.map(withoutControlCharacters), job.regions),
};

export type CpuJobKind = keyof typeof cpuJobs;
export type CpuJobInput<K extends CpuJobKind> = Parameters<(typeof cpuJobs)[K]>[0];
export type CpuJobOutput<K extends CpuJobKind> = ReturnType<(typeof cpuJobs)[K]>;
