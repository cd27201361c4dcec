// Posts still queued (pending: never attempted, or waiting for a retry; unclaimed, no message) follow a moderator's
// change of where stories go, under the rules `/source remove` drops them by (dropQueuedPostsOfSource): a post another
// active source of that channel, a route to it or a member's share explains stays where it is.
import { Prisma as P } from '../generated/prisma/client.js';
import { postingSource, queuedOnlyForSource, type QueuedSource } from './deliveries.js';
import type { Tx } from './tx.js';

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
 * `/route remove`: drops the posts queued in the route's channel that nothing else would post there — no active
 * source of the guild in that channel brought the story, no other route of the guild posts to it (a route's match
 * depends on tags and filters worked out at planning: kept, erring on posting, as dropQueuedPostsOfSource does), and
 * no member shared it. Call after the route is deleted.
 */
export async function dropQueuedPostsOfRoute(tx: Tx, route: { guildId: string; channelId: string; roleId: string | null }): Promise<number> {
  const dropped = await tx.$executeRaw`
    DELETE FROM "Delivery" d
    WHERE d."guildId" = ${route.guildId} AND d."channelId" = ${route.channelId}
      AND d.status = 'pending' AND d."claimedBy" IS NULL AND d."messageId" IS NULL
      AND NOT EXISTS (
        SELECT 1 FROM "Article" a JOIN "Source" s ON s."feedId" = a."feedId"
        WHERE a."storyId" = d."storyId" AND s."guildId" = d."guildId" AND s."channelId" = d."channelId" AND ${postingSource})
      AND NOT EXISTS (SELECT 1 FROM "Route" r WHERE r."guildId" = d."guildId" AND r."channelId" = d."channelId")
      AND NOT EXISTS (SELECT 1 FROM "Article" a WHERE a."storyId" = d."storyId" AND a."feedId" IS NULL)`;
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

