// Posts still queued (pending: never attempted, or waiting for a retry; unclaimed, no message) follow a moderator's
// change of where stories go: `/source remove` and `/source pause` drop them, `/source edit channel` moves them,
// `/route remove` drops its own. A post another posting source of that channel, a route to it or a member's share
// explains stays where it is.
import { Prisma as P } from '../generated/prisma/client.js';
import { selfPauseReasonPrefix } from './feeds.js';
import type { Tx } from './tx.js';

export interface QueuedSource {
  id: number;
  guildId: string;
  channelId: string;
  feedId: number;
}

/**
 * A source whose stories are still meant to be posted: active, or paused by its own failures (the posts it queued
 * before pausing go out; a moderator's pause drops them).
 */
const postingSource = P.sql`(NOT s.paused OR starts_with(s."pausedReason", ${selfPauseReasonPrefix}))`;

/**
 * The condition on a delivery `d` queued in a guild's channel that nothing there explains but what is being removed:
 * no posting source of the channel (other than `exceptSourceId`) brought its story, no route of the guild posts to
 * the channel (a route's match depends on tags and filters worked out at planning: kept, erring on posting), and no
 * member shared it (an article of no feed: an approved submission is never dropped).
 */
function queuedUnexplained(guildId: string, channelId: string, exceptSourceId?: number): P.Sql {
  const other = exceptSourceId === undefined ? P.empty : P.sql`AND s.id <> ${exceptSourceId}`;
  return P.sql`d."guildId" = ${guildId} AND d."channelId" = ${channelId}
      AND d.status = 'pending' AND d."claimedBy" IS NULL AND d."messageId" IS NULL
      AND NOT EXISTS (
        SELECT 1 FROM "Article" a JOIN "Source" s ON s."feedId" = a."feedId"
        WHERE a."storyId" = d."storyId" AND s."guildId" = d."guildId" AND s."channelId" = d."channelId" ${other} AND ${postingSource})
      AND NOT EXISTS (SELECT 1 FROM "Route" r WHERE r."guildId" = d."guildId" AND r."channelId" = d."channelId")
      AND NOT EXISTS (SELECT 1 FROM "Article" a WHERE a."storyId" = d."storyId" AND a."feedId" IS NULL)`;
}

/** The posts queued in a source's channel for stories only it brought there. */
function queuedOnlyForSource(source: QueuedSource): P.Sql {
  return P.sql`${queuedUnexplained(source.guildId, source.channelId, source.id)}
      AND EXISTS (SELECT 1 FROM "Article" a WHERE a."storyId" = d."storyId" AND a."feedId" = ${source.feedId})`;
}

/**
 * `/source remove` and `/source pause`: drops the posts queued in the source's channel for stories only it brought,
 * which would otherwise still be posted. The guild keeps the stories (GuildStory): they stay searchable. Returns how
 * many posts were dropped.
 */
export async function dropQueuedPostsOfSource(tx: Tx, source: QueuedSource): Promise<number> {
  return tx.$executeRaw`DELETE FROM "Delivery" d WHERE ${queuedOnlyForSource(source)}`;
}

/**
 * `/source edit channel`: the posts queued in the old channel for stories only this source brought there go to the
 * new channel instead, where they would be planned now; one for a story the new channel has a post of already is
 * dropped (a story is posted once per channel). `source` is the source as it was (its old channel).
 */
export async function moveQueuedPostsOfSource(tx: Tx, source: QueuedSource, to: string): Promise<{ moved: number; dropped: number }> {
  // Only posts never attempted move: after an attempt whose outcome is unknown, the retry looks for the post by its
  // nonce in its channel, and would not find in the new channel one made in the old. Locked, conditions re-checked
  // (FOR UPDATE): a delivery worker claiming one meanwhile keeps it. A post the new channel failed for good, never
  // made, is no post there: cleared first, so the moved one takes its place (one row per story and channel).
  const queued = P.sql`SELECT d.id, d."storyId" FROM "Delivery" d WHERE ${queuedOnlyForSource(source)} AND d.attempts = 0 FOR UPDATE`;
  await tx.$executeRaw`
    DELETE FROM "Delivery" o USING (${queued}) q
    WHERE o."storyId" = q."storyId" AND o."guildId" = ${source.guildId} AND o."channelId" = ${to} AND o.status = 'failed' AND o."messageId" IS NULL`;
  const [counts] = await tx.$queryRaw<{ moved: number; dropped: number }[]>`
    WITH queued AS (${queued}),
    moved AS (
      UPDATE "Delivery" d SET "channelId" = ${to}, "updatedAt" = now()
      FROM queued q
      WHERE d.id = q.id AND NOT EXISTS (SELECT 1 FROM "Delivery" o WHERE o."storyId" = d."storyId" AND o."guildId" = d."guildId" AND o."channelId" = ${to})
      RETURNING d.id),
    dropped AS (DELETE FROM "Delivery" d USING queued q WHERE d.id = q.id AND d.id NOT IN (SELECT id FROM moved) RETURNING d.id)
    SELECT (SELECT count(*) FROM moved)::int AS moved, (SELECT count(*) FROM dropped)::int AS dropped`;
  return counts ?? { moved: 0, dropped: 0 };
}

/**
 * `/route remove`: drops the posts queued in the route's channel that nothing else would post there (queuedUnexplained:
 * once the route is deleted, another route to the channel still keeps them all). Call after the route is deleted.
 */
export async function dropQueuedPostsOfRoute(tx: Tx, route: { guildId: string; channelId: string; roleId: string | null }): Promise<number> {
  const dropped = await tx.$executeRaw`DELETE FROM "Delivery" d WHERE ${queuedUnexplained(route.guildId, route.channelId)}`;
  // A post kept for another reason mentions the removed route's role no more, unless a route left there has that role.
  if (route.roleId) {
    await tx.$executeRaw`
      UPDATE "Delivery" d SET "mentionRoleId" = NULL, "updatedAt" = now()
      WHERE d."guildId" = ${route.guildId} AND d."channelId" = ${route.channelId} AND d."mentionRoleId" = ${route.roleId}
        AND d.status = 'pending' AND d."claimedBy" IS NULL AND d."messageId" IS NULL
        AND NOT EXISTS (SELECT 1 FROM "Route" r WHERE r."guildId" = d."guildId" AND r."channelId" = d."channelId" AND r."roleId" = d."mentionRoleId")`;
  }
  return dropped;
}

