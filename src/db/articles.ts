// Articles and the stories they form. An article is stored once (canonical URL, guid per feed, content hash);
// storing it and joining or founding its story happen in one transaction.
import type { ProcessedArticle } from '../pipeline/types.js';
import { Prisma as PrismaNS } from '../generated/prisma/client.js';
import type { Prisma } from './client.js';
import type { Tx } from './tx.js';

export interface ArticleToStore extends ProcessedArticle {
  feedId: number | null;
  entities: string[];
}

export interface CandidateStory {
  id: number;
  countries: string[];
  articles: { fingerprint: number[]; entities: string[]; countries: string[] }[];
}

/** Picks the story a new article belongs to among recent candidates, or null for a new story. */
export type StoryChooser = (candidates: CandidateStory[]) => number | null;

export type StoreResult =
  | { status: 'duplicate'; articleId: number; storyId: number | null }
  | { status: 'stored'; articleId: number; storyId: number; newStory: boolean };

/** The article already stored under this URL, guid or content hash, if any. */
export async function findDuplicate(tx: Tx, a: { url: string; feedId: number | null; guid?: string | undefined; contentHash: string | null }) {
  const or: PrismaNS.ArticleWhereInput[] = [{ url: a.url }];
  if (a.guid && a.feedId !== null) or.push({ feedId: a.feedId, guid: a.guid });
  if (a.contentHash) or.push({ contentHash: a.contentHash });
  return tx.article.findFirst({ where: { OR: or }, select: { id: true, storyId: true } });
}

/** Which of these item URLs/guids a feed has already stored, so only new items are fetched and processed. */
export async function knownItemKeys(tx: Tx, feedId: number | null, items: { url: string; guid?: string | undefined }[]): Promise<Set<string>> {
  if (!items.length) return new Set();
  const urls = items.map((i) => i.url);
  const guids = items.flatMap((i) => (i.guid ? [i.guid] : []));
  const rows = await tx.article.findMany({
    where: { OR: [{ url: { in: urls } }, ...(feedId !== null && guids.length ? [{ feedId, guid: { in: guids } }] : [])] },
    select: { url: true, guid: true },
  });
  return new Set(rows.flatMap((r) => (r.guid ? [r.url, r.guid] : [r.url])));
}

async function candidateStories(tx: Tx, since: Date, countries: string[]): Promise<CandidateStory[]> {
  const stories = await tx.story.findMany({
    where: { lastArticleAt: { gte: since }, ...(countries.length ? { countries: { hasSome: countries } } : {}) },
    orderBy: { lastArticleAt: 'desc' },
    take: 200,
    select: {
      id: true,
      countries: true,
      articles: { select: { fingerprint: true, entities: true, countries: true }, orderBy: { id: 'asc' }, take: 5 },
    },
  });
  return stories;
}

function union(first: string[], second: string[]): string[] {
  return [...new Set([...first, ...second])];
}

export async function storeArticle(prisma: Prisma, article: ArticleToStore, choose: StoryChooser, opts: { now: Date; windowHours: number }): Promise<StoreResult> {
  try {
    return await prisma.$transaction(async (tx) => {
      const dup = await findDuplicate(tx, article);
      if (dup) return { status: 'duplicate', articleId: dup.id, storyId: dup.storyId };
      const since = new Date(opts.now.getTime() - opts.windowHours * 3600_000);
      const chosen = choose(await candidateStories(tx, since, article.countries));
      const created = await tx.article.create({
        data: {
          feedId: article.feedId,
          url: article.url,
          guid: article.guid ?? null,
          title: article.title,
          author: article.author ?? null,
          sourceName: article.sourceName,
          publishedAt: article.publishedAt ?? null,
          fetchedAt: opts.now,
          language: article.language ?? null,
          imageUrl: article.imageUrl ?? null,
          text: article.text,
          summary: article.summary,
          contentHash: article.contentHash,
          fingerprint: article.fingerprint,
          entities: article.entities,
          countries: article.countries,
          regions: article.regions,
          topics: article.topics,
          createdAt: opts.now,
        },
      });
      if (chosen === null) {
        const story = await tx.story.create({
          data: {
            leadArticleId: created.id,
            title: article.title,
            summary: article.summary,
            countries: article.countries,
            regions: article.regions,
            topics: article.topics,
            firstSeenAt: opts.now,
            lastArticleAt: opts.now,
          },
        });
        await tx.article.update({ where: { id: created.id }, data: { storyId: story.id } });
        return { status: 'stored', articleId: created.id, storyId: story.id, newStory: true };
      }
      const story = await tx.story.findUniqueOrThrow({ where: { id: chosen } });
      await tx.story.update({
        where: { id: chosen },
        data: {
          countries: union(story.countries, article.countries),
          regions: union(story.regions, article.regions),
          topics: union(story.topics, article.topics),
          lastArticleAt: opts.now,
        },
      });
      await tx.article.update({ where: { id: created.id }, data: { storyId: chosen } });
      return { status: 'stored', articleId: created.id, storyId: chosen, newStory: false };
    });
  } catch (error) {
    // A parallel writer stored the same article between our check and our insert: it is a duplicate, not a failure.
    if (error instanceof PrismaNS.PrismaClientKnownRequestError && error.code === 'P2002') {
      const dup = await findDuplicate(prisma, article);
      if (dup) return { status: 'duplicate', articleId: dup.id, storyId: dup.storyId };
    }
    throw error;
  }
}

export async function storyWithArticles(tx: Tx, storyId: number) {
  return tx.story.findUnique({
    where: { id: storyId },
    include: { articles: { orderBy: [{ publishedAt: 'asc' }, { id: 'asc' }] } },
  });
}

/** A story's countries and topics (the union over its articles). */
export async function storyFacts(tx: Tx, storyId: number) {
  return tx.story.findUniqueOrThrow({ where: { id: storyId }, select: { countries: true, topics: true } });
}

export async function articleCreatedAt(tx: Tx, articleId: number): Promise<Date> {
  return (await tx.article.findUniqueOrThrow({ where: { id: articleId }, select: { createdAt: true } })).createdAt;
}

/** A feed's newest stored articles that belong to a story (a new follower's backfill). */
export async function latestFeedArticles(tx: Tx, feedId: number, count: number) {
  return tx.article.findMany({
    where: { feedId, storyId: { not: null } },
    orderBy: [{ publishedAt: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }],
    take: count,
    select: { storyId: true, createdAt: true },
  });
}
