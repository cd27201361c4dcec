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
  /** Region slug or tag name, as stored on the guild's tags. */
  region?: string | undefined;
  tag?: string | undefined;
  limit: number;
  offset?: number;
  now: Date;
}

/** SQL condition: the guild's story g has a (non-banned) tag with this name or alias, of these kinds. */
export function hasTagSql(name: string, kinds: string[]): P.Sql {
  return P.sql`EXISTS (SELECT 1 FROM "StoryTag" st JOIN "Tag" t ON t.id = st."tagId"
    WHERE st."guildId" = g."guildId" AND st."storyId" = g."storyId" AND NOT t.banned
      AND t.kind::text IN (${P.join(kinds)}) AND (t.name = ${name} OR ${name} = ANY(t.aliases)))`;
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
    const since = new Date(filter.now.getTime() - hours * 3600_000);
    // firstSeenAt has no index; lastArticleAt has one and is never earlier, so the second condition (implied by the
    // first) lets PostgreSQL read only the period's stories. It is a closed range because without statistics (PGlite
    // has them only after the nightly VACUUM ANALYZE) an open one is guessed to hold a third of the table, and the
    // index is not used.
    conditions.push(P.sql`s."firstSeenAt" >= ${since} AND s."lastArticleAt" BETWEEN ${since} AND 'infinity'::timestamp`);
  }
  if (filter.region) conditions.push(hasTagSql(filter.region, ['region']));
  if (filter.tag) conditions.push(hasTagSql(filter.tag, ['country', 'region', 'topic', 'member']));
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
  if (filter.region) conditions.push(hasTagSql(filter.region, ['region']));
  if (filter.tag) conditions.push(hasTagSql(filter.tag, ['country', 'region', 'topic', 'member']));
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
