// The CPU-bound work of the pipeline as named jobs over structured-cloneable data: what a pipeline worker runs
// (cpu-worker.ts), and what the inline runner runs on the calling thread. Errors cross the thread boundary as data and
// are rebuilt on the other side, so `isParseError`, `isNotAnArticleError` and `isUserError` keep working.
import { UserError, type UserErrorCode } from '../../errors.js';
import { articleFromItem, articleFromPage, finishArticle, summaryInput, type ItemContext } from '../article-steps.js';
import { NotAnArticleError } from '../extract/errors.js';
import { FetchError, type FetchErrorCode } from '../fetch/errors.js';
import { ParseError } from '../parse/errors.js';
import { discoverFeeds, parseSource, type DiscoveredFeed, type ParseResult } from '../parse/index.js';
import { summarizeOffline } from '../summarize/index.js';
import type { RegionDefinition } from '../tag/index.js';
import type { DateContext, ExtractedArticle, FeedKind, FetchResult, ProcessedArticle, SourceItem } from '../types.js';

export interface ParseJob {
  fetched: FetchResult;
  dates: DateContext;
  kind?: FeedKind | undefined;
  seenKeys?: readonly string[] | undefined;
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
  let article: ExtractedArticle;
  if (job.page) article = articleFromPage(job.item, job.page, job);
  else {
    const step = articleFromItem(job.item, job);
    if ('needsPage' in step) return step;
    article = step.article;
  }
  if (!job.summarize) return { article };
  const summary = summarizeOffline(summaryInput(article));
  return { done: finishArticle(article, summary, job.regions) };
}

export const cpuJobs = {
  parse: (job: ParseJob): ParseResult => parseSource(job.fetched, { dates: job.dates, kind: job.kind, seenKeys: job.seenKeys }),
  discover: (job: { html: string; url: string }): DiscoveredFeed[] => discoverFeeds(job.html, job.url),
  article: articleJob,
  finish: (job: FinishJob): ProcessedArticle => finishArticle(job.article, job.summary, job.regions),
};

export type CpuJobKind = keyof typeof cpuJobs;
export type CpuJobInput<K extends CpuJobKind> = Parameters<(typeof cpuJobs)[K]>[0];
export type CpuJobOutput<K extends CpuJobKind> = ReturnType<(typeof cpuJobs)[K]>;

/** Runs CPU jobs: on this thread (`createInlineCpu`) or in worker threads with limits (`createCpuPool`). */
export interface CpuRunner {
  run<K extends CpuJobKind>(kind: K, input: CpuJobInput<K>): Promise<CpuJobOutput<K>>;
  close(): Promise<void>;
}

export function createInlineCpu(): CpuRunner {
  return {
    run: (kind, input) => new Promise((resolve) => resolve((cpuJobs[kind] as (i: typeof input) => CpuJobOutput<typeof kind>)(input))),
    close: () => Promise.resolve(),
  };
}

export interface ErrorData {
  name: string;
  message: string;
  stack?: string | undefined;
  /** The UserError's code, when the error is one. */
  user: UserErrorCode | null;
  feeds?: DiscoveredFeed[] | undefined;
  reason?: string | undefined;
  code?: string | undefined;
  status?: number | undefined;
  retryAfter?: number | undefined;
}

export function errorToData(error: unknown): ErrorData {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), user: null };
  const data: ErrorData = { name: error.name, message: error.message, stack: error.stack, user: error instanceof UserError ? error.code : null };
  if (error instanceof ParseError) data.feeds = error.feeds;
  if (error instanceof NotAnArticleError) data.reason = error.reason;
  if (error instanceof FetchError) Object.assign(data, { code: error.code, status: error.status, retryAfter: error.retryAfter });
  return data;
}

export function errorFromData(data: ErrorData): Error {
  let error: Error;
  if (data.name === 'ParseError') error = new ParseError(data.message, data.feeds ?? []);
  else if (data.name === 'NotAnArticleError' && data.reason !== undefined) error = new NotAnArticleError(data.reason);
  else if (data.name === 'FetchError' && data.code) error = new FetchError(data.code as FetchErrorCode, data.message, { status: data.status, retryAfter: data.retryAfter });
  else {
    error = data.user ? new UserError(data.user, data.message) : new Error(data.message);
    error.name = data.name;
  }
  if (data.stack) error.stack = data.stack;
  return error;
}
