// New followers' backfills: the newest items a moderator asked to have posted when adding a source (`/source add
// backfill:`). Each is kept on its source (Source.backfillPending) until a read of the feed posts it, so a read put
// off loses none: one cut off by a stop, one put off for its site's wait, or one left to the poll reading the feed
// when the source was added. Split from news-service.ts, which runs the read.
//
// A first read takes the backfill from what it read; a later one from the store, which holds what earlier reads
// stored, unless it holds fewer of the feed's articles than asked for: an earlier first read stores only the items
// its followers asked for (none with backfill 0), so a source added after it, or while it ran, or by /source import,
// would get nothing. The feed is then read whole and the backfill taken from it, as on a first read.
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
function firstReadBackfill(items: SourceItem[], kind: FeedKind, backfills: Backfill[]) {
  const todo = newestFirst(items, kind).slice(0, Math.max(0, ...backfills.map((b) => b.count)));
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

/** Whether a later read takes its backfills from the feed (read whole) because the store cannot serve them. */
export async function backfillFromFeed(prisma: Prisma, feedId: number, backfills: Backfill[]): Promise<boolean> {
  if (!backfills.length) return false;
  const most = Math.max(...backfills.map((b) => b.count));
  return (await latestFeedArticles(prisma, feedId, most)).length < most;
}

/**
 * What a read processes: its new items (news to every follower; none on a first read), then the backfill it takes from
 * the feed (`backfills`: none when the store serves them), each item with the sources that asked for it as backfill.
 */
export function itemsToRead(items: SourceItem[], kind: FeedKind, news: SourceItem[], backfills: Backfill[]) {
  const backfill = firstReadBackfill(items, kind, backfills);
  const newKeys = new Set(news.map((item) => itemKey(item, kind)));
  return {
    todo: [...news, ...backfill.todo.filter((item) => !newKeys.has(itemKey(item, kind)))],
    sourcesOf: backfill.sourcesOf,
    isNews: (item: SourceItem) => newKeys.has(itemKey(item, kind)),
  };
}

/**
 * A later read's backfill items left for the next read (past the item limit or the time budget, a site's wait, a
 * failure to retry) are old items, not news: taken out of the feed's seen items like news left over, the next read
 * found them new and posted them as news to every follower, routes and roles included. They stay seen, and the
 * sources that asked for them stay owed their backfill, which the next read takes again. Returns those sources.
 */
export function leaveBackfillForLater(reading: ReturnType<typeof itemsToRead>, kind: FeedKind, unfinished: Set<string>, firstRead: boolean): Set<number> {
  const owed = new Set<number>();
  // A first read's followers were all added together and asked for its items: left over, they come as news to them.
  if (firstRead) return owed;
  for (const item of reading.todo) {
    const key = itemKey(item, kind);
    if (!unfinished.has(key) || reading.isNews(item)) continue;
    unfinished.delete(key);
    for (const id of reading.sourcesOf(item) ?? []) owed.add(id);
  }
  return owed;
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
