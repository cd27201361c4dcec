// Stories a channel's hourly limit (MAX_POSTS_PER_CHANNEL_HOUR) kept from being posted there (issue 10): planning
// records them (delivery-sql.ts), the digest lists them, `/config show` counts them. Without this they were only
// findable by search, and a busy day's overflow vanished from the channel without a trace.
import type { Prisma } from './client.js';
import { insertDeliveries } from './delivery-sql.js';
import { clearUnmadePosts } from './outbox.js';
import type { Tx } from './tx.js';

export interface HeldStory {
  id: number;
  title: string;
  url: string;
  sourceName: string;
  /** The channel whose limit held it back. */
  channelId: string;
}

/**
 * The stories held back in a guild since `since`, newest first, that were not posted in another of its channels
 * meanwhile (those are already in front of its members), leaving out `excluding`. One line per story, as its newest
 * hold: a story held in several channels, or one that others were merged into (their rows moved to it with their own
 * times), has several rows.
 */
export async function heldStories(tx: Tx, guildId: string, since: Date, limit: number, excluding: number[] = []): Promise<HeldStory[]> {
  return tx.$queryRaw<HeldStory[]>`
    SELECT s.id, s.title, a.url, a."sourceName", h."channelId"
    FROM (
      SELECT DISTINCT ON ("storyId") "storyId", "channelId", "createdAt" FROM "HeldPost"
      WHERE "guildId" = ${guildId} AND "createdAt" >= ${since} AND NOT "storyId" = ANY(${excluding}::int[])
      ORDER BY "storyId", "createdAt" DESC, "channelId"
    ) h JOIN "Story" s ON s.id = h."storyId" JOIN "Article" a ON a.id = s."leadArticleId"
    WHERE NOT EXISTS (SELECT 1 FROM "Delivery" d WHERE d."guildId" = ${guildId} AND d."storyId" = s.id AND d.status = 'posted')
    ORDER BY h."createdAt" DESC, s.id DESC
    LIMIT ${limit}`;
}

/**
 * How many stories the hourly limit held back in a guild since `since`; with `unposted`, only those not posted in
 * another channel since, leaving out `excluding` (the digest's top list).
 */
export async function countHeldStories(tx: Tx, guildId: string, since: Date, unposted?: { excluding: number[] }): Promise<number> {
  const [row] = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(DISTINCT h."storyId")::int AS n FROM "HeldPost" h
    WHERE h."guildId" = ${guildId} AND h."createdAt" >= ${since}
      AND (${!unposted}::boolean OR (NOT h."storyId" = ANY(${unposted?.excluding ?? []}::int[])
        AND NOT EXISTS (SELECT 1 FROM "Delivery" d WHERE d."guildId" = ${guildId} AND d."storyId" = h."storyId" AND d.status = 'posted')))`;
  return row?.n ?? 0;
}

/**
 * Whether the story was held for the digest in that channel since `since` (the channel's hourly posts used up): a hold
 * from an earlier share or poll is not this one's.
 */
export async function heldSince(tx: Tx, guildId: string, storyId: number, channelId: string, since: Date): Promise<boolean> {
  return (await tx.heldPost.count({ where: { guildId, storyId, channelId, createdAt: { gte: since } } })) > 0;
}

/**
 * How long held stories are kept: a digest lists those since the previous digest (a day's or a week's, more when one
 * was missed), and a month leaves room for a digest set up late.
 */
export const heldPostsKeptMs = 30 * 86_400_000;

/** Forgets held stories older than `olderThan` (a digest lists a day's or a week's). */
export async function pruneHeldPosts(prisma: Prisma, olderThan: Date): Promise<number> {
  return prisma.$executeRaw`DELETE FROM "HeldPost" WHERE "createdAt" < ${olderThan}`;
}

/**
 * How many stories of one feed were held back in one channel since `since` (a new source's backfill over the hour's
 * limit). Of that feed only: another source posting to the channel meanwhile has its stories held too.
 */
export async function countHeldInChannel(tx: Tx, input: { guildId: string; channelId: string; feedId: number; since: Date }): Promise<number> {
  const [row] = await tx.$queryRaw<{ held: number }[]>`
    SELECT count(*)::int AS held FROM "HeldPost" h
    WHERE h."guildId" = ${input.guildId} AND h."channelId" = ${input.channelId} AND h."createdAt" >= ${input.since}
      AND EXISTS (SELECT 1 FROM "Article" a WHERE a."storyId" = h."storyId" AND a."feedId" = ${input.feedId})`;
  return row?.held ?? 0;
}

/**
 * A story a member shared that the server has but never posted (a source's filter held it back, its only post
 * failed for good): posted where it was shared, or held for the digest if that channel had its hour's posts. A share
 * is not held back by another source's filter; the member was told "already here" of a story nobody could see.
 * Nothing when the server has a post of it anywhere, made, queued or held.
 */
export async function postWhereSharedIfUnposted(prisma: Prisma, input: { guildId: string; storyId: number; channelId: string; now: Date; postsPerHour?: number | undefined }): Promise<'posted' | 'held' | undefined> {
  const { guildId, storyId, channelId, now } = input;
  return prisma.$transaction(async (tx) => {
    // Shown: a post made (one a moderator deleted since is failed with its message id), queued, or held.
    const [row] = await tx.$queryRaw<{ shown: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM "Delivery" d WHERE d."storyId" = ${storyId} AND d."guildId" = ${guildId} AND (d.status <> 'failed' OR d."messageId" IS NOT NULL))
        OR EXISTS (SELECT 1 FROM "HeldPost" h WHERE h."storyId" = ${storyId} AND h."guildId" = ${guildId}) AS shown`;
    if (row?.shown) return undefined;
    // A post there that failed for good before it was made (one delivery a story and channel) gives way to this one.
    await clearUnmadePosts(tx, storyId, guildId, channelId);
    const made = await insertDeliveries(tx, storyId, guildId, [{ channelId }], now, input.postsPerHour ? { postsPerHour: input.postsPerHour } : undefined);
    // Or made meanwhile by another writer (a route's post of the story committing at once): posted all the same.
    if (made.length || (await tx.delivery.count({ where: { storyId, guildId, channelId } }))) return 'posted';
    // Not made: the channel had its hour's posts.
    await tx.$executeRaw`INSERT INTO "HeldPost" ("guildId", "storyId", "channelId", "createdAt") VALUES (${guildId}, ${storyId}, ${channelId}, ${now}) ON CONFLICT DO NOTHING`;
    return 'held';
  });
}
