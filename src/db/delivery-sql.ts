// Delivery planning's statements in SQL, for the same reason as article-sql.ts: they run for every stored article.
import { randomUUID } from 'node:crypto';
import { Prisma as P } from '../generated/prisma/client.js';
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
 * Attaches tags to a story in a guild in one statement: tags the guild lacks are created, names that are aliases of
 * a merged tag resolve to it, banned tags are left out, and links that exist already are kept.
 */
export async function attachTagsSql(tx: Tx, guildId: string, storyId: number, tags: { name: string; label: string; kind: string }[], now: Date) {
  if (!tags.length) return;
  await tx.$executeRaw`
    WITH wanted AS (
      SELECT * FROM unnest(${tags.map((t) => t.name)}::text[], ${tags.map((t) => t.label)}::text[], ${tags.map((t) => t.kind)}::text[]) AS w(name, label, kind)
    ),
    found AS (
      -- by name through the unique index, by alias through the GIN index
      SELECT t.id, t.banned, t.name, t.aliases FROM "Tag" t
      WHERE t."guildId" = ${guildId} AND (t.name = ANY(${tags.map((t) => t.name)}::text[]) OR t.aliases && ${tags.map((t) => t.name)}::text[])
    ),
    created AS (
      INSERT INTO "Tag" ("guildId", name, label, kind)
      SELECT ${guildId}::text, w.name, w.label, w.kind::"TagKind" FROM wanted w
      WHERE NOT EXISTS (SELECT 1 FROM found f WHERE f.name = w.name OR w.name = ANY(f.aliases))
      ON CONFLICT DO NOTHING
      RETURNING id, banned
    )
    INSERT INTO "StoryTag" ("guildId", "storyId", "tagId", "createdAt")
    SELECT DISTINCT ${guildId}::text, ${storyId}::int, id, ${now}::timestamp FROM (SELECT id, banned FROM found UNION ALL SELECT id, banned FROM created) AS tags
    WHERE NOT banned
    ON CONFLICT DO NOTHING`;
}

/** A message nonce for a delivery: Discord takes at most 25 characters, and `enforce_nonce` makes a retry safe. */
const newNonce = () => randomUUID().replace(/-/g, '').slice(0, 25);

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
    FROM unnest(${ids}::text[], ${ids.map(newNonce)}::text[], ${roles}::text[]) AS x(c, n, r)
    ${underQuota}
    ON CONFLICT DO NOTHING RETURNING id, "channelId"`;
}

