// New followers' backfills: the newest items a moderator asked to have posted when adding a source (`/source add
// backfill:`). Each is kept on its source (Source.backfillPending) until a read of the feed posts it, so a read put
// off loses none: one cut off by a stop, one put off for its site's wait, or one left to the poll reading the feed
// when the source was added. Split from news-service.ts, which runs the read.
import { latestFeedArticles } from '../db/articles.js';
import type { Prisma } from '../db/client.js';
import type { FeedAudience, PlannedDelivery } from '../db/deliveries.js';
import { pendingBackfills } from '../db/feeds.js';
import { itemKey } from '../pipeline/orchestrator.js';
import type { FeedKind, SourceItem } from '../pipeline/types.js';
import { newestFirst } from './preview.js';

export interface Backfill {
  sourceId: number;
  /** How many of the feed's newest items. */
  count: number;
}

/**
 * The backfills a read of the feed owes its audience. A source added since the audience was loaded is not in it, so
 * this read could not post its backfill: it stays owed, for the next read.
 */
export async function backfillsOf(prisma: Prisma, feedId: number, audience: FeedAudience): Promise<Backfill[]> {
  const following = new Set(audience.sources.map((s) => s.id));
  return (await pendingBackfills(prisma, feedId)).filter((b) => following.has(b.sourceId));
}

/** The sources that asked for the item `rank` places from the newest (0: the newest). */
function askedFor(backfills: Backfill[], rank: number): number[] {
  return backfills.filter((b) => b.count > rank).map((b) => b.sourceId);
}

/**
 * A first read's backfill, taken from what it read: the feed's newest items, as many as the largest backfill asks for,
 * and for each item the sources that asked for it (one asking for two gets the two newest only).
 */
export function firstReadBackfill(items: SourceItem[], kind: FeedKind, backfills: Backfill[]) {
  const todo = newestFirst(items).slice(0, Math.max(0, ...backfills.map((b) => b.count)));
  const ranks = new Map(todo.map((item, rank) => [itemKey(item, kind), rank]));
  return {
    todo,
    sourcesOf(item: SourceItem): number[] | undefined {
      const rank = ranks.get(itemKey(item, kind));
      const ids = rank === undefined ? [] : askedFor(backfills, rank);
      return ids.length ? ids : undefined;
    },
  };
}

type StoredArticle = Awaited<ReturnType<typeof latestFeedArticles>>[number] & { storyId: number };

/**
 * A later read's backfill (other servers follow the feed, so what it holds now was read before): the feed's newest
 * stored articles, each planned (`plan`) for the sources that asked for it.
 */
export async function planStoredBackfill(
  prisma: Prisma,
  feedId: number,
  backfills: Backfill[],
  plan: (article: StoredArticle, sourceIds: number[]) => Promise<PlannedDelivery[]>,
): Promise<PlannedDelivery[]> {
  if (!backfills.length) return [];
  const planned: PlannedDelivery[] = [];
  const latest = await latestFeedArticles(prisma, feedId, Math.max(...backfills.map((b) => b.count)));
  for (const [rank, article] of latest.entries()) planned.push(...(await plan({ ...article, storyId: article.storyId! }, askedFor(backfills, rank))));
  return planned;
}
