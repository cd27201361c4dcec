// Ranked story lists for a guild: `/news top` and digests. Scores follow docs/ranking.md.
import { Prisma as P } from '../generated/prisma/client.js';
import { halfLifeHours, periodHours, prior, type Period } from '../ranking/significance.js';
import type { Tx } from './tx.js';

export interface RankedStory {
  id: number;
  title: string;
  url: string;
  sourceName: string;
  firstSeenAt: Date;
  voteCount: number;
  voteSum: number;
  score: number;
  /** The story's first post in this guild, for a jump link (a forum post's thread too). */
  channelId: string | null;
  messageId: string | null;
  threadId: string | null;
}

export interface RankFilter {
  period: Period;
  /**
   * Tags (ids) the story must all carry in the guild, resolved as for "latest" and search (lookups.ts, StoryFilter):
   * once, by name or alias, so every list of a region or tag holds the same stories whatever kind the tag is.
   */
  tagIds?: number[] | undefined;
  limit: number;
  offset?: number;
  now: Date;
  /** Stories first seen from this instant, instead of the period's length before `now` (a digest: since the last). */
  since?: Date;
}

/**
 * SQL conditions: the guild's story g carries each of these tags, one probe of the StoryTag key each (a scalar
 * sub-select, so that it stays a per-story probe). Rankings, latest and search filter by tags through this.
 */
export function hasTagsSql(tagIds: readonly number[] = []): P.Sql[] {
  return tagIds.map((id) => P.sql`(SELECT EXISTS (SELECT 1 FROM "StoryTag" st WHERE st."guildId" = g."guildId" AND st."storyId" = g."storyId" AND st."tagId" = ${id}))`);
}

/** The all-time score of a GuildStory row from its tally, as `bayesianAverage` computes it (kept in its `score`). */
export const allTimeScoreSql = P.sql`((${prior.mean * prior.weight}::float8 + "voteSum") / (${prior.weight} + "voteCount"))`;

export async function topStories(tx: Tx, guildId: string, filter: RankFilter): Promise<RankedStory[]> {
  const hours = periodHours[filter.period];
  const halfLife = halfLifeHours[filter.period];
  const average = P.sql`((${prior.mean * prior.weight}::float8 + g."voteSum") / (${prior.weight} + g."voteCount"))`;
  const age = P.sql`greatest(0, extract(epoch from (${filter.now}::timestamp - s."firstSeenAt")) / 3600.0)`;
  // All time: the score kept with the tally, read in the order of its index (guildId, score, voteCount, storyId), so
  // the list costs the same with 1,000 stories or 100,000; newer stories (higher ids) first among equals.
  if (halfLife === null) return allTimeTop(tx, guildId, filter);
  const score = P.sql`(${average} * power(0.5, ${age} / ${halfLife}))`;
  const conditions = [P.sql`g."guildId" = ${guildId}`, P.sql`s."leadArticleId" IS NOT NULL`];
  if (hours !== null) {
    const since = filter.since ?? new Date(filter.now.getTime() - hours * 3600_000);
    // firstSeenAt has no index; lastArticleAt has one and is never earlier, so the second condition (implied by the
    // first) lets PostgreSQL read only the period's stories. It is a closed range because without statistics (PGlite
    // has them only after the nightly VACUUM ANALYZE) an open one is guessed to hold a third of the table, and the
    // index is not used.
    conditions.push(P.sql`s."firstSeenAt" >= ${since} AND s."lastArticleAt" BETWEEN ${since} AND 'infinity'::timestamp`);
  }
  conditions.push(...hasTagsSql(filter.tagIds));
  // Rank narrow rows first and fetch titles, links and posts for the page only: with a long period most of the
  // guild's stories are scored, and joining their articles and posts before the LIMIT would do that work for all.
  return tx.$queryRaw<RankedStory[]>`
    SELECT r.id, s.title, a.url, a."sourceName", s."firstSeenAt", r."voteCount", r."voteSum", r.score, d."channelId", d."messageId", d."threadId"
    FROM (
      SELECT s.id, g."voteCount", g."voteSum", ${score}::float8 AS score, s."firstSeenAt"
      FROM "GuildStory" g JOIN "Story" s ON s.id = g."storyId"
      WHERE ${P.join(conditions, ' AND ')}
      ORDER BY score DESC, g."voteCount" DESC, s."firstSeenAt" DESC, s.id DESC
      LIMIT ${filter.limit} OFFSET ${filter.offset ?? 0}
    ) r
    JOIN "Story" s ON s.id = r.id
    JOIN "Article" a ON a.id = s."leadArticleId"
    LEFT JOIN LATERAL (SELECT "channelId", "messageId", "threadId" FROM "Delivery" x
      WHERE x."guildId" = ${guildId} AND x."storyId" = r.id AND x.status = 'posted' ORDER BY x.id LIMIT 1) d ON true
    ORDER BY r.score DESC, r."voteCount" DESC, r."firstSeenAt" DESC, r.id DESC`;
}

async function allTimeTop(tx: Tx, guildId: string, filter: RankFilter): Promise<RankedStory[]> {
  const conditions = [P.sql`g."guildId" = ${guildId}`, P.sql`s."leadArticleId" IS NOT NULL`];
  conditions.push(...hasTagsSql(filter.tagIds));
  return tx.$queryRaw<RankedStory[]>`
    SELECT s.id, s.title, a.url, a."sourceName", s."firstSeenAt", r."voteCount", r."voteSum", r.score, d."channelId", d."messageId", d."threadId"
    FROM (
      SELECT g."storyId", g."voteCount", g."voteSum", g.score
      FROM "GuildStory" g JOIN "Story" s ON s.id = g."storyId"
      WHERE ${P.join(conditions, ' AND ')}
      ORDER BY g.score DESC, g."voteCount" DESC, g."storyId" DESC
      LIMIT ${filter.limit} OFFSET ${filter.offset ?? 0}
    ) r
    JOIN "Story" s ON s.id = r."storyId"
    JOIN "Article" a ON a.id = s."leadArticleId"
    LEFT JOIN LATERAL (SELECT "channelId", "messageId", "threadId" FROM "Delivery" x
      WHERE x."guildId" = ${guildId} AND x."storyId" = r."storyId" AND x.status = 'posted' ORDER BY x.id LIMIT 1) d ON true
    ORDER BY r.score DESC, r."voteCount" DESC, r."storyId" DESC`;
}
