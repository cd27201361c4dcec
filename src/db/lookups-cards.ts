// The short form of a story that result lists show, for one guild: lead article, votes, other outlets and the
// story's first post there (for a jump link).
import { Prisma as P } from '../generated/prisma/client.js';
import type { Tx } from './tx.js';

export interface StoryCard {
  id: number;
  title: string;
  url: string;
  sourceName: string;
  summary: string;
  firstSeenAt: Date;
  voteCount: number;
  voteSum: number;
  /** Other outlets that covered it. */
  otherOutlets: number;
  /** The story's first post in this guild, for a jump link (a forum post's thread too). */
  channelId: string | null;
  messageId: string | null;
  threadId: string | null;
}

export type CardRow = Omit<StoryCard, 'otherOutlets'> & { otherOutlets: bigint | number };

/**
 * A sub-select of one story's card columns in a guild (no row when the guild does not have the story), to use in a
 * LATERAL join: `storyId` is the SQL for the story's id.
 */
export function cardSql(guildId: string, storyId: P.Sql): P.Sql {
  return P.sql`
    SELECT s.id, COALESCE(a.title, s.title) AS title, COALESCE(a.url, '') AS url, COALESCE(a."sourceName", '') AS "sourceName",
      s.summary, s."firstSeenAt", cg."voteCount", cg."voteSum",
      (SELECT count(DISTINCT o."sourceName") FROM "Article" o WHERE o."storyId" = s.id AND o."sourceName" <> a."sourceName") AS "otherOutlets",
      d."channelId", d."messageId", d."threadId"
    FROM "Story" s
    JOIN "GuildStory" cg ON cg."storyId" = s.id AND cg."guildId" = ${guildId}
    LEFT JOIN "Article" a ON a.id = s."leadArticleId"
    LEFT JOIN LATERAL (SELECT x."channelId", x."messageId", x."threadId" FROM "Delivery" x
      WHERE x."guildId" = cg."guildId" AND x."storyId" = s.id AND x.status = 'posted' ORDER BY x.id LIMIT 1) d ON true
    WHERE s.id = ${storyId}`;
}

export function toCard(row: CardRow): StoryCard {
  return {
    id: row.id,
    title: row.title,
    url: row.url,
    sourceName: row.sourceName,
    summary: row.summary,
    firstSeenAt: row.firstSeenAt,
    voteCount: row.voteCount,
    voteSum: row.voteSum,
    otherOutlets: Number(row.otherOutlets),
    channelId: row.channelId,
    messageId: row.messageId,
    threadId: row.threadId,
  };
}

/** Cards for these stories in the given order; stories the guild does not have (or no longer has) are left out. */
export async function loadStoryCards(tx: Tx, guildId: string, ids: number[]): Promise<StoryCard[]> {
  if (ids.length === 0) return [];
  const rows = await tx.$queryRaw<CardRow[]>`
    SELECT card.* FROM (VALUES ${P.join(ids.map((id, i) => P.sql`(${id}::int, ${i}::int)`))}) AS wanted(id, position)
    CROSS JOIN LATERAL (${cardSql(guildId, P.sql`wanted.id`)}) card
    ORDER BY wanted.position`;
  return rows.map(toCard);
}
