// Articles and the stories they form. An article is stored once (canonical URL, guid per feed, content hash);
// storing it and joining or founding its story happen in one transaction.
import { hasDocumentFrequency, type PlaceArticle, type ProcessedArticle } from '../pipeline/types.js';
import type { Prisma } from './client.js';
import { CentroidCache, PendingTermCounts, candidateProfileRows, writeTermCounts, duplicateAndTermStats, findDuplicateRow, insertIntoStory, insertWithNewStory, termStats, type NewArticleRow, type TermCounts } from './article-sql.js';
import { isTransactionConflict, isUniqueViolation } from './db-errors.js';
import { analyzeStories } from './maintenance.js';
import { tableStatistics, type TableStatistics } from './table-statistics.js';
import { absorbStories, lockStoriesAsRead } from './story-edits.js';
import { textLeft } from './text-left.js';
import type { Tx } from './tx.js';

export interface ArticleToStore extends ProcessedArticle {
  feedId: number | null;
}

// The story model is passed in from the pipeline so that this module stays storage: it asks, the model decides.
export type { PlaceArticle };

export type StoreResult =
  | { status: 'duplicate'; articleId: number; storyId: number | null; /** The feed it was stored through (null: shared by a member). */ feedId: number | null }
  | {
      status: 'stored';
      articleId: number;
      storyId: number;
      newStory: boolean;
      createdAt: Date;
      story: { countries: string[]; topics: string[] };
      /** Whether the story's countries or topics are new or changed (always for a new or merged story). */
      factsChanged: boolean;
    };


/** An article stored through another feed (or shared by a member) that this feed now carries too. */
export interface StoredElsewhere {
  articleId: number;
  url: string;
  storyId: number;
  title: string;
  text: string;
  language: string | null;
}

/** An article stored under one of an item's links, or under its guid in this feed. */
export interface StoredItem extends Omit<StoredElsewhere, 'storyId'> {
  guid: string | null;
  feedId: number | null;
  storyId: number | null;
}

/**
 * The articles stored under these links (in any feed: a guid is only a feed's own) or these guids in this feed, for the
 * caller to tell which items they are (ingest/stored-items.ts): only new items are fetched and processed, and those
 * stored through another feed carry a story this feed's followers may still lack.
 */
export async function storedUnder(tx: Tx, feedId: number | null, keys: { urls: string[]; guids: string[] }): Promise<StoredItem[]> {
  const { urls, guids } = keys;
  if (!urls.length && !guids.length) return [];
  const rows = await tx.article.findMany({
    where: { OR: [{ url: { in: urls } }, ...(feedId !== null && guids.length ? [{ feedId, guid: { in: guids } }] : [])] },
    select: { id: true, url: true, guid: true, feedId: true, storyId: true, title: true, text: true, summary: true, language: true },
  });
  return rows.map((r) => ({ articleId: r.id, url: r.url, guid: r.guid, feedId: r.feedId, storyId: r.storyId, title: r.title, text: textLeft(r), language: r.language }));
}

const lookupKey = (term: string) => `t:${term}`;

function toRow(a: ArticleToStore, keys: string[], termCounts: TermCounts): NewArticleRow {
  return {
    ...a,
    keys,
    termCounts,
    guid: a.guid ?? null,
    author: a.author ?? null,
    publishedAt: a.publishedAt ?? null,
    language: a.language ?? null,
    imageUrl: a.imageUrl ?? null,
  };
}

// Per database client (article-sql.ts): the story centroids the candidate query need not send again, the term
// counts not written to TermStat yet, and the stories stored since their tables were last analysed (the store's
// functions keep plans made for the tables as they were then: ADR 29, table-statistics.ts).
const storeStates = new WeakMap<Prisma, { centroids: CentroidCache; pendingTerms: PendingTermCounts; stories: TableStatistics }>();
function storeStateOf(prisma: Prisma) {
  let state = storeStates.get(prisma);
  if (!state) storeStates.set(prisma, (state = { centroids: new CentroidCache(), pendingTerms: new PendingTermCounts(), stories: tableStatistics(prisma, undefined, analyzeStories, 'story') }));
  return state;
}

/**
 * Writes the term counts still pending (PendingTermCounts), so a restart's IDF misses none (a crash loses them, fewer
 * than fifty articles' worth), and waits for an analysis of the stories still running: called at a clean stop.
 */
export async function finishStoring(prisma: Prisma): Promise<void> {
  const state = storeStates.get(prisma);
  if (!state) return;
  await writeTermCounts(prisma, state.pendingTerms.drain());
  await state.stories.idle();
}

export interface StoreOptions<T> {
  now: Date;
  windowHours: number;
  /**
   * Runs in the transaction once the article is placed, before anything is written: what `then` will plan for is read
   * and locked here (the feed's sources), so that the transaction takes that lock before any story's or post's.
   */
  before?: (tx: Tx) => Promise<void>;
  /** Runs in the same transaction once the article is stored (planning its posts), so both commit or neither. */
  then?: (tx: Tx, stored: Extract<StoreResult, { status: 'stored' }>) => Promise<T>;
}

/** The story an article was placed in changed before the article joined it (another process's article, merge or split). */
class StoryChanged extends Error {}

/** Times an article is placed again after its story changed under it, or its transaction lost a deadlock. */
const placeAttempts = 3;

export async function storeArticle<T = undefined>(prisma: Prisma, article: ArticleToStore, place: PlaceArticle, opts: StoreOptions<T>): Promise<StoreResult & { followUp?: T }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await storeOnce(prisma, article, place, opts);
      // Committed: a new story counts towards analysing the stories' tables again (in the background).
      if (result.status === 'stored' && result.newStory) storeStateOf(prisma).stories.grew(1);
      return result;
    } catch (error) {
      // Only with several writers (a PostgreSQL server): placed again, the article sees the story as it is now.
      const again = error instanceof StoryChanged || isTransactionConflict(error);
      if (!again || attempt >= placeAttempts) throw error;
    }
  }
}

async function storeOnce<T>(prisma: Prisma, article: ArticleToStore, place: PlaceArticle, opts: StoreOptions<T>): Promise<StoreResult & { followUp?: T }> {
  const { centroids, pendingTerms } = storeStateOf(prisma);
  // What becomes of this article's term counts once its transaction commits, or if it does not.
  let counts: ReturnType<PendingTermCounts['forArticle']> | undefined;
  const finish = async (tx: Tx, stored: Extract<StoreResult, { status: 'stored' }>) => ({ ...stored, followUp: opts.then ? await opts.then(tx, stored) : undefined });
  try {
    const result = await prisma.$transaction(async (tx): Promise<StoreResult & { followUp?: T }> => {
      // The terms whose document frequency is counted: what the model asks counts for (placeArticle), read with the
      // duplicate check, and what this article adds to TermStat.
      const articleTerms = Object.keys(article.terms).filter(hasDocumentFrequency);
      const keys = { url: article.url, feedId: article.feedId, guid: article.guid ?? null, contentHash: article.contentHash };
      const { duplicate: dup, stats: stored } = await duplicateAndTermStats(tx, keys, articleTerms);
      const stats = pendingTerms.plus(stored);
      if (dup) return { status: 'duplicate', articleId: dup.id, storyId: dup.storyId, feedId: dup.feedId };
      const since = new Date(opts.now.getTime() - opts.windowHours * 3600_000);
      // The version of each candidate story as read: the article joins (or merges) it only as it was then.
      const versions = new Map<number, string>();
      const placement = await place(article.terms, {
        // The model asks for the article's own terms, fetched with the duplicate check; anything else is asked anew.
        stats: (terms) => (terms.length === articleTerms.length && terms.every((t, i) => t === articleTerms[i]) ? Promise.resolve(stats) : termStats(tx, terms).then((s) => pendingTerms.plus(s))),
        candidates: async (terms) => {
          const rows = await candidateProfileRows(tx, since, terms.map(lookupKey), centroids);
          for (const r of rows) versions.set(r.id, r.version);
          return rows;
        },
      });
      await opts.before?.(tx);
      counts = pendingTerms.forArticle(articleTerms);
      const row = toRow(article, placement.lookupTerms.map(lookupKey), counts.write);
      const chosen = placement.storyId;
      if (chosen === null) {
        const created = await insertWithNewStory(tx, row, opts.now, placement.centroid);
        const story = { countries: article.countries, topics: article.topics };
        return finish(tx, { status: 'stored', articleId: created.articleId, storyId: created.storyId, newStory: true, createdAt: created.createdAt, story, factsChanged: true });
      }
      // Stories the article showed to be one with this one merge into it (story-choice.ts, convergingStories): all of
      // them, the kept one too, are locked first (see lockMergingStories).
      const merging = placement.merge?.length ? placement.merge : undefined;
      if (merging) await lockMergingStories(tx, chosen, merging, versions);
      const joined = await insertIntoStory(tx, row, chosen, opts.now, placement.centroid, versions.get(chosen));
      if (!joined) throw new StoryChanged(`story ${chosen} changed while article ${article.url} was placed`);
      const merged = merging ? (await absorbStories(tx, chosen, merging, opts.now), await storyFacts(tx, chosen)) : undefined;
      const story = merged ?? { countries: joined.countries, topics: joined.topics };
      return finish(tx, { status: 'stored', articleId: joined.articleId, storyId: chosen, newStory: false, createdAt: joined.createdAt, story, factsChanged: joined.factsChanged || merged !== undefined });
    });
    counts?.committed();
    return result;
  } catch (error) {
    counts?.undo();
    // A parallel writer stored the same article between our check and our insert: it is a duplicate, not a failure.
    if (isUniqueViolation(error)) {
      const dup = await findDuplicateRow(prisma, { url: article.url, feedId: article.feedId, guid: article.guid ?? null, contentHash: article.contentHash });
      if (dup) return { status: 'duplicate', articleId: dup.id, storyId: dup.storyId, feedId: dup.feedId };
    }
    throw error;
  }
}

/**
 * Locks the stories about to merge into the article's (FOR UPDATE, in id order, as a moderator's merge does), each
 * only as the article read it (else the article is placed again), before anything of them is written. The kept story
 * was locked only by the article's update of its row, which lets members' tags and votes (FOR KEY SHARE) through: a
 * member inserted a tag on it, then waited on its post the merge's first story had marked for an edit, while the
 * merge's second story waited to copy the same tag (a deadlock, the member's command failing). Locked first, it makes
 * them wait for the whole merge; the store holds no other row then, so they cannot make it wait in turn (ADR 12).
 */
async function lockMergingStories(tx: Tx, intoId: number, fromIds: readonly number[], versions: ReadonlyMap<number, string>) {
  if (!(await lockStoriesAsRead(tx, [intoId, ...fromIds], versions))) throw new StoryChanged(`stories ${[intoId, ...fromIds].join(', ')} changed before they merged`);
}

/** A story's countries and topics (the union over its articles). */
export async function storyFacts(tx: Tx, storyId: number) {
  return tx.story.findUniqueOrThrow({ where: { id: storyId }, select: { countries: true, topics: true } });
}

/** A feed's newest stored articles that belong to a story (a new follower's backfill). */
export async function latestFeedArticles(tx: Tx, feedId: number, count: number) {
  const rows = await tx.article.findMany({
    where: { feedId, storyId: { not: null } },
    orderBy: [{ publishedAt: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }],
    take: count,
    select: { storyId: true, createdAt: true, title: true, text: true, summary: true, language: true },
  });
  return rows.map(({ summary, ...a }) => ({ ...a, text: textLeft({ text: a.text, summary }) }));
}
