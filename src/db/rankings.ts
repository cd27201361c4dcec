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
  /** The story's first post in this guild, for a jump link. */
  channelId: string | null;
  messageId: string | null;
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

export async function topStories(tx: Tx, guildId: string, filter: RankFilter): Promise<RankedStory[]> {
  const hours = periodHours[filter.period];
  const halfLife = halfLifeHours[filter.period];
  const average = P.sql`((${prior.mean * prior.weight}::float8 + g."voteSum") / (${prior.weight} + g."voteCount"))`;
  const age = P.sql`greatest(0, extract(epoch from (${filter.now}::timestamp - s."firstSeenAt")) / 3600.0)`;
  const score = halfLife === null ? average : P.sql`(${average} * power(0.5, ${age} / ${halfLife}))`;
  const conditions = [P.sql`g."guildId" = ${guildId}`];
  if (hours !== null) conditions.push(P.sql`s."firstSeenAt" >= ${new Date(filter.now.getTime() - hours * 3600_000)}`);
  if (filter.region) conditions.push(hasTagSql(filter.region, ['region']));
  if (filter.tag) conditions.push(hasTagSql(filter.tag, ['country', 'region', 'topic', 'member']));
  return tx.$queryRaw<RankedStory[]>`
    SELECT s.id, s.title, a.url, a."sourceName", s."firstSeenAt", g."voteCount", g."voteSum", ${score}::float8 AS score,
      d."channelId", d."messageId"
    FROM "GuildStory" g
    JOIN "Story" s ON s.id = g."storyId"
    JOIN "Article" a ON a.id = s."leadArticleId"
    LEFT JOIN LATERAL (SELECT "channelId", "messageId" FROM "Delivery" x
      WHERE x."guildId" = g."guildId" AND x."storyId" = g."storyId" AND x.status = 'posted' ORDER BY x.id LIMIT 1) d ON true
    WHERE ${P.join(conditions, ' AND ')}
    ORDER BY score DESC, g."voteCount" DESC, s."firstSeenAt" DESC, s.id DESC
    LIMIT ${filter.limit} OFFSET ${filter.offset ?? 0}`;
}
