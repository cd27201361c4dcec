// Delivery planning's statements in SQL, for the same reason as article-sql.ts: they run for every stored article.
import { messageNonce } from '../message-nonce.js';
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
  // The statement is store_plan_story (a function so that its plan is kept: ADR 29). A channel that had its hour's
  // quota of posts gets no more (MAX_POSTS_PER_CHANNEL_HOUR), counted through the (guildId, channelId, createdAt)
  // index; the story is held for the digest instead (HeldPost). Without a quota no channel is full.
  return tx.$queryRaw<{ action: 'post' | 'edit'; id: number; guildId: string; channelId: string }[]>`
    SELECT action, id, "guildId", "channelId" FROM store_plan_story(${storyId}::int, ${now}::timestamp, ${guildIds}::text[], ${retag}::boolean,
      ${tags.map((t) => t.guildId)}::text[], ${tagNames}::text[], ${tags.map((t) => t.label)}::text[], ${tags.map((t) => t.kind)}::text[], ${distinctNames}::text[],
      ${channels.map((c) => c.guildId)}::text[], ${channels.map((c) => c.channelId)}::text[], ${channels.map(() => messageNonce())}::text[],
      ${channels.map((c) => c.mentionRoleId)}::text[], ${channels.map((c) => c.routed)}::boolean[],
      ${quota?.postsPerHour ?? null}::int, ${hourAgo}::timestamp)`;
}
