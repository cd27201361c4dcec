// Delivery planning's statements in SQL, for the same reason as article-sql.ts: they run for every stored article.
import { messageNonce } from '../message-nonce.js';
import { Prisma as P } from '../generated/prisma/client.js';
import { refreshSql } from './outbox.js';
import type { Tx } from './tx.js';

/** Creates the guild–story rows that do not exist yet; returns the guilds seeing the story for the first time. */
export async function insertGuildStories(tx: Tx, storyId: number, guildIds: string[], now: Date): Promise<Set<string>> {
  const rows = await tx.$queryRaw<{ guildId: string }[]>`
    INSERT INTO "GuildStory" ("guildId", "storyId", "createdAt")
    SELECT g, ${storyId}::int, ${now}::timestamp FROM unnest(${guildIds}::text[]) AS g
    ON CONFLICT DO NOTHING RETURNING "guildId"`;
  return new Set(rows.map((r) => r.guildId));
}


/**
 * Plans a post of the story in each of these channels of a guild (where it has none yet), each with its nonce, and
 * the role its post mentions where a route asked for one.
 */
export async function insertDeliveries(
  tx: Tx,
  storyId: number,
  guildId: string,
  channels: { channelId: string; mentionRoleId?: string | null }[],
  now: Date,
  quota?: { postsPerHour: number },
) {
  const ids = channels.map((c) => c.channelId);
  const roles = channels.map((c) => c.mentionRoleId ?? null);
  // A channel that had its hour's quota of posts gets no more (MAX_POSTS_PER_CHANNEL_HOUR): counted in the same
  // statement, through the (guildId, channelId, createdAt) index.
  const hourAgo = new Date(now.getTime() - 3_600_000);
  const underQuota = quota
    ? P.sql`WHERE (SELECT count(*) FROM "Delivery" d WHERE d."guildId" = ${guildId} AND d."channelId" = x.c AND d."createdAt" > ${hourAgo}) < ${quota.postsPerHour}`
    : P.empty;
  return tx.$queryRaw<{ id: number; channelId: string }[]>`
    INSERT INTO "Delivery" ("storyId", "guildId", "channelId", nonce, "mentionRoleId", "nextAttemptAt", "createdAt", "updatedAt")
    SELECT ${storyId}::int, ${guildId}::text, c, n, r, ${now}::timestamp, ${now}::timestamp, ${now}::timestamp
    FROM unnest(${ids}::text[], ${ids.map(() => messageNonce())}::text[], ${roles}::text[]) AS x(c, n, r)
    ${underQuota}
    ON CONFLICT DO NOTHING RETURNING id, "channelId"`;
}


/** What planning asks of one guild that follows an article's feed. */
export interface GuildPlan {
  guildId: string;
  /** The tags the story gets there (countries, regions, topics, source tags). */
  tags: { name: string; label: string; kind: string }[];
  /**
   * Where it is posted if the guild is seeing it for the first time, with the role a route mentions. `routed`: a
   * route's channel, posted in also when the guild had the story already but the channel has no post of it (made,
   * queued or held for the digest): a later article made it one of the route's stories.
   */
  channels: { channelId: string; mentionRoleId: string | null; routed: boolean }[];
}

/**
 * Plans a stored article's story in the guilds that follow its feed, in one statement (it runs for every stored
 * article, and each statement costs a round trip through Prisma and the embedded database): the guild–story rows that
 * do not exist yet; the tags, created where a guild lacks them, through aliases of merged tags, banned ones left out;
 * a post in each channel of the guilds seeing the story for the first time (not over a channel's hourly quota), and
 * in each route's channel that has none of it yet in the guilds that had it; and an edit of the posts of the guilds
 * that had it already. Each row returned is one planned post or edit. `retag`
 * false: only the guilds seeing the story for the first time get its tags (the others have them).
 */
export async function planStorySql(tx: Tx, storyId: number, guilds: GuildPlan[], now: Date, options: { quota?: { postsPerHour: number } | undefined; retag?: boolean } = {}) {
  const { quota, retag = true } = options;
  const guildIds = guilds.map((g) => g.guildId);
  const tags = guilds.flatMap((g) => g.tags.map((t) => ({ ...t, guildId: g.guildId })));
  const tagNames = tags.map((t) => t.name);
  // Each name once: a story's ~7 tags repeat in every guild, and `name = ANY(…)` walks the array for every tag row of
  // those guilds (150 guilds: 1,050 names against ~4,400 rows, most of this statement's time).
  const distinctNames = [...new Set(tagNames)];
  const channels = guilds.flatMap((g) => g.channels.map((c) => ({ ...c, guildId: g.guildId })));
  const hourAgo = new Date(now.getTime() - 3_600_000);
  // A channel that had its hour's quota of posts gets no more (MAX_POSTS_PER_CHANNEL_HOUR), counted through the
  // (guildId, channelId, createdAt) index; the story is held for the digest instead (HeldPost).
  const underQuota = quota
    ? P.sql`(SELECT count(*) FROM "Delivery" d WHERE d."guildId" = x.g AND d."channelId" = x.c AND d."createdAt" > ${hourAgo}) < ${quota.postsPerHour}`
    : P.sql`true`;
  // Only with a quota can a channel be full; then its story is held for the digest.
  const held = quota
    ? P.sql`,
    held AS (
      INSERT INTO "HeldPost" ("guildId", "storyId", "channelId", "createdAt")
      SELECT s.g, ${storyId}::int, s.c, ${now}::timestamp FROM slots s WHERE NOT s.open
      ON CONFLICT DO NOTHING
    )`
    : P.empty;
  return tx.$queryRaw<{ action: 'post' | 'edit'; id: number; guildId: string; channelId: string }[]>`
    WITH fresh AS (
      INSERT INTO "GuildStory" ("guildId", "storyId", "createdAt")
      SELECT g, ${storyId}::int, ${now}::timestamp FROM unnest(${guildIds}::text[]) AS g
      ON CONFLICT DO NOTHING RETURNING "guildId"
    ),
    wanted AS (
      SELECT * FROM unnest(${tags.map((t) => t.guildId)}::text[], ${tagNames}::text[], ${tags.map((t) => t.label)}::text[], ${tags.map((t) => t.kind)}::text[]) AS w(g, name, label, kind)
      WHERE ${retag}::boolean OR w.g IN (SELECT "guildId" FROM fresh)
    ),
    found AS (
      -- by name through the unique index, by alias through the GIN index; a guild's own names only (when not
      -- retagging, those of the guilds new to the story: an array, so the index is searched for them alone)
      SELECT t.id, t.banned, t."guildId", t.name, t.aliases FROM "Tag" t
      WHERE t."guildId" = ANY(CASE WHEN ${retag}::boolean THEN ${guildIds}::text[] ELSE ARRAY(SELECT "guildId" FROM fresh) END) AND (t.name = ANY(${distinctNames}::text[]) OR t.aliases && ${distinctNames}::text[])
        AND EXISTS (SELECT 1 FROM wanted w WHERE w.g = t."guildId" AND (w.name = t.name OR w.name = ANY(t.aliases)))
    ),
    created AS (
      INSERT INTO "Tag" ("guildId", name, label, kind)
      SELECT w.g, w.name, w.label, w.kind::"TagKind" FROM wanted w
      WHERE NOT EXISTS (SELECT 1 FROM found f WHERE f."guildId" = w.g AND (f.name = w.name OR w.name = ANY(f.aliases)))
      ON CONFLICT DO NOTHING
      RETURNING id, banned, "guildId"
    ),
    tagged AS (
      INSERT INTO "StoryTag" ("guildId", "storyId", "tagId", "createdAt")
      SELECT DISTINCT g, ${storyId}::int, id, ${now}::timestamp
      FROM (SELECT "guildId" AS g, id, banned FROM found UNION ALL SELECT "guildId", id, banned FROM created) AS tags
      WHERE NOT banned
      ON CONFLICT DO NOTHING
    ),
    edits AS (
      UPDATE "Delivery" SET "editDueAt" = LEAST(COALESCE("editDueAt", ${now}), ${now})
      WHERE "storyId" = ${storyId} AND "guildId" = ANY(${guildIds}::text[]) AND "guildId" NOT IN (SELECT "guildId" FROM fresh) AND ${refreshSql}
      RETURNING id, "guildId", "channelId"
    ),
    -- The channels of the guilds new to the story, and routes' channels without a post or held post of it in the guilds
    -- that had it, each judged against its quota once: posted if open, else held.
    slots AS MATERIALIZED (
      SELECT x.g, x.c, x.n, x.r, ${underQuota} AS open
      FROM unnest(${channels.map((c) => c.guildId)}::text[], ${channels.map((c) => c.channelId)}::text[], ${channels.map(() => messageNonce())}::text[], ${channels.map((c) => c.mentionRoleId)}::text[], ${channels.map((c) => c.routed)}::boolean[]) AS x(g, c, n, r, routed)
      WHERE x.g IN (SELECT "guildId" FROM fresh)
        OR (x.routed
          AND NOT EXISTS (SELECT 1 FROM "Delivery" d WHERE d."storyId" = ${storyId} AND d."guildId" = x.g AND d."channelId" = x.c)
          AND NOT EXISTS (SELECT 1 FROM "HeldPost" h WHERE h."guildId" = x.g AND h."storyId" = ${storyId} AND h."channelId" = x.c))
    ),
    posts AS (
      INSERT INTO "Delivery" ("storyId", "guildId", "channelId", nonce, "mentionRoleId", "nextAttemptAt", "createdAt", "updatedAt")
      SELECT ${storyId}::int, s.g, s.c, s.n, s.r, ${now}::timestamp, ${now}::timestamp, ${now}::timestamp FROM slots s WHERE s.open
      ON CONFLICT DO NOTHING RETURNING id, "guildId", "channelId"
    )${held}
    SELECT 'edit' AS action, id, "guildId", "channelId" FROM edits
    UNION ALL
    SELECT 'post', id, "guildId", "channelId" FROM posts`;
}
