// The real pipeline and news service, configured for tests: private networks allowed (test servers live on
// 127.0.0.1), short timeouts, offline summaries, silent logs.
import type { Prisma } from '../../src/db/client.js';
import { createNewsService, type NewsServiceOptions } from '../../src/ingest/news-service.js';
import { silentLogger } from '../../src/logger.js';
import { createFetcher, createPipeline, createSummarizer } from '../../src/pipeline/orchestrator.js';
import type { FetcherOptions } from '../../src/pipeline/fetch/index.js';

export function testFetcher(overrides: Partial<FetcherOptions> = {}) {
  return createFetcher({
    timeoutMs: 5_000,
    connectTimeoutMs: 2_000,
    maxBytes: 2 * 1024 * 1024,
    maxRedirects: 5,
    perHost: 2,
    allowPrivateNetworks: true,
    allowFileUrls: true,
    ...overrides,
  });
}

export function testPipeline(overrides: Partial<FetcherOptions> = {}) {
  const fetcher = testFetcher(overrides);
  return { fetcher, pipeline: createPipeline({ fetcher, summarizer: createSummarizer(), logger: silentLogger }) };
}

export function testNewsService(prisma: Prisma, overrides: Partial<NewsServiceOptions> = {}) {
  const { fetcher, pipeline } = testPipeline();
  return { news: newsServiceOver(prisma, pipeline, overrides), pipeline, fetcher };
}

/** The news service over a given pipeline: a test's pipeline with one stage changed (a failure forced past a guard). */
export function newsServiceOver(prisma: Prisma, pipeline: NewsServiceOptions['pipeline'], overrides: Partial<NewsServiceOptions> = {}) {
  return createNewsService({ prisma, pipeline, logger: silentLogger, clusterWindowHours: 72, maxFailures: 3, defaultPollMinutes: 15, allowFileUrls: true, membersReachPrivateNetworks: true, ...overrides });
}
