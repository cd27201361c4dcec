// Articles stored as a poll stores them: storeArticle with the pipeline's own story model, at one moment, so that a
// test sees the decision the bot makes on the database path (the preview's is clusterInMemory's).
import { storeArticle, type ArticleToStore } from '../../src/db/articles.js';
import type { Database } from '../../src/db/client.js';
import { silentLogger } from '../../src/logger.js';
import { createPipeline, createSummarizer } from '../../src/pipeline/orchestrator.js';
import { articleFixture } from './fixtures.js';

/** Stores an article (its fields over a fixture's) in `db` and gives the story it joined or started. */
export function storyStore<A>(db: Database, toArticle: (a: A) => Partial<ArticleToStore>): (a: A) => Promise<number | null> {
  const pipeline = createPipeline({ fetcher: async () => Promise.reject(new Error('no fetch')), summarizer: createSummarizer(), logger: silentLogger });
  const now = new Date();
  return async (a) => (await storeArticle(db.prisma, articleFixture({ ...toArticle(a), feedId: null }), pipeline.placeArticle, { now, windowHours: 72 })).storyId;
}
