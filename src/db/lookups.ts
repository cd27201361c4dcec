// Members' look-ups of a guild's stories: full-text search, newest first, and the short cards a result page shows.
// Only stories the guild has (GuildStory) are ever returned. docs/search.md explains ranking and its bounds.
import { Prisma as P } from '../generated/prisma/client.js';
import { hasTagSql } from './rankings.js';
import { storySearchDocument } from './search-sql.js';
import type { Tx } from './tx.js';

/** Filters shared by search and "latest". Tag names are as stored (normalized names or aliases). */
export interface StoryFilter {
  /** Stored name of a region tag. */
  region?: string | undefined;
  /** Stored name (or alias) of a tag of any kind. */
  tag?: string | undefined;
  /** Only stories with an article from this feed (a source's feed). */
  feedId?: number | undefined;
  /** Only stories Gazette first saw at or after this time. */
  since?: Date | undefined;
}

export type SearchOutcome =
  /** The text has no searchable word: only stop words ("the", "and") or symbols. */
  | { kind: 'no-terms' }
  /** The text only excludes words (`-gas`): there is nothing to look for. */
  | { kind: 'only-exclusions' }
  /** `ids` best first. `more`: further (older) stories match too, beyond the ranked window. */
  | { kind: 'hits'; ids: number[]; more: boolean };

export interface SearchOptions {
  /**
   * How many matches, newest first, are ranked by relevance. Ranking re-reads each candidate's text (the GIN index
   * holds no word positions), about 0.1 ms per story on embedded PGlite, so it is bounded.
   */
  rankWindow?: number;
}

export const defaultRankWindow = 50;

function filterSql(filter: StoryFilter): P.Sql[] {
  const conditions: P.Sql[] = [];
  if (filter.since) {
    // The second condition is implied by the first (a story's later articles only move lastArticleAt forward); it
    // is there so the lastArticleAt index can serve the filter, as "firstSeenAt" has none.
    conditions.push(P.sql`"Story"."firstSeenAt" >= ${filter.since} AND "Story"."lastArticleAt" >= ${filter.since}`);
  }
  if (filter.region) conditions.push(hasTagSql(filter.region, ['region']));
  if (filter.tag) conditions.push(hasTagSql(filter.tag, ['country', 'region', 'topic', 'member']));
  if (filter.feedId !== undefined) {
    conditions.push(P.sql`EXISTS (SELECT 1 FROM "Article" fa WHERE fa."storyId" = "Story".id AND fa."feedId" = ${filter.feedId})`);
  }
  return conditions;
}

/** Look-back windows, in days, for "latest": the last step has none. */
const latestWindowDays = [1, 7, 30, 180];

/**
 * The guild's newest `limit` stories by firstSeenAt, which has no index. "lastArticleAt" has one and is never
 * earlier than firstSeenAt, so a window on it holds every story first seen inside the window; its answer is
 * accepted when the last story kept was first seen inside the window, as nothing outside can then be newer.
 */
async function newestFirstSeen(tx: Tx, guildId: string, conditions: P.Sql[], limit: number, now: Date, since?: Date): Promise<{ ids: number[]; more: boolean }> {
  for (const days of [...latestWindowDays, null]) {
    const start = days === null ? null : new Date(now.getTime() - days * 86_400_000);
    if (start && since && start <= since) continue; // the filter's own window is narrower
    const rows = await tx.$queryRaw<{ id: number; firstSeenAt: Date }[]>`
      SELECT "Story".id, "Story"."firstSeenAt"
      FROM "Story" JOIN "GuildStory" g ON g."storyId" = "Story".id AND g."guildId" = ${guildId}
      WHERE ${P.join([P.sql`true`, ...conditions, ...(start ? [P.sql`"Story"."lastArticleAt" >= ${start}`] : [])], ' AND ')}
      ORDER BY "Story"."firstSeenAt" DESC, "Story".id DESC
      LIMIT ${limit + 1}`;
    const last = rows[limit - 1];
    if (start === null || (last && last.firstSeenAt >= start)) return { ids: rows.slice(0, limit).map((r) => r.id), more: rows.length > limit };
  }
  return { ids: [], more: false };
}

interface ParsedQuery {
  verdict: 'ok' | 'no-terms' | 'only-exclusions';
  /** The tsquery as text. */
  exact: string;
  /** The same query with phrase operators turned into AND: the index answers it without re-reading any text. */
  loose: string;
}

/** What PostgreSQL makes of the member's text: whether it has words to look for and whether the index can serve it. */
async function parseQuery(tx: Tx, text: string): Promise<ParsedQuery> {
  const [row] = await tx.$queryRaw<{ nodes: number; indexable: string; exact: string }[]>`
    SELECT numnode(q) AS nodes, querytree(q) AS indexable, q::text AS exact FROM websearch_to_tsquery('english', ${text}) q`;
  if (!row || row.nodes === 0) return { verdict: 'no-terms', exact: '', loose: '' };
  // querytree() is 'T' when no part of the query can use the index (`-gas`, `gas or -oil`): such a query would
  // re-read every story's text, so it is refused rather than run.
  if (row.indexable === 'T' || row.indexable === '') return { verdict: 'only-exclusions', exact: row.exact, loose: row.exact };
  // A phrase ("oil pipeline" → 'oil' <-> 'pipelin') needs word positions the GIN index lacks, so PostgreSQL would
  // re-read the text of every story holding both words. Looking up the AND and checking the phrase only on the
  // candidates actually kept is far cheaper. Under a negation AND is not looser than the phrase, so not there.
  const loose = row.exact.includes('!') ? row.exact : row.exact.replace(/<(?:-|\d+)>/g, '&');
  return { verdict: 'ok', exact: row.exact, loose };
}

/**
 * Full-text search of a guild's stories with PostgreSQL's `websearch_to_tsquery` (quotes for phrases, `-word` to
 * exclude, `or`). Matches come from the GIN index `Story_search_idx`; the newest `rankWindow` of them are ordered by
 * `ts_rank_cd` over the same document (title weighted above summary, normalized by length), ties by recency.
 *
 * The plan is fixed by the query's shape rather than left to the planner: PGlite never gathers statistics and
 * re-reads text ~10x slower than the planner assumes, so given the choice it may filter recent stories by
 * re-parsing each one instead of using the index. Here the matches are read through the index alone (MATERIALIZED),
 * sorted newest first, and checked against the guild and filters one by one (OFFSET 0 keeps those checks
 * per-row lookups) until the window is full. Cost grows with the number of matches, about 2 µs each, plus the
 * ranking of at most `rankWindow` stories.
 */
export async function searchStories(tx: Tx, guildId: string, text: string, filter: StoryFilter = {}, options: SearchOptions = {}): Promise<SearchOutcome> {
  const parsed = await parseQuery(tx, text);
  if (parsed.verdict !== 'ok') return { kind: parsed.verdict };
  const window = options.rankWindow ?? defaultRankWindow;
  const exact = P.sql`${parsed.exact}::tsquery`;
  const conditions = filterSql(filter);
  if (parsed.loose !== parsed.exact) {
    conditions.push(P.sql`(SELECT ${storySearchDocument} @@ ${exact} FROM "Story" WHERE "Story".id = g."storyId")`);
  }
  const candidates = await tx.$queryRaw<{ id: number }[]>`
    WITH matches AS MATERIALIZED (
      SELECT "Story".id, "Story"."firstSeenAt", "Story"."lastArticleAt" FROM "Story"
      WHERE ${storySearchDocument} @@ ${parsed.loose}::tsquery
    )
    SELECT "Story".id FROM (SELECT * FROM matches ORDER BY "firstSeenAt" DESC, id DESC) "Story"
    CROSS JOIN LATERAL (SELECT gs."guildId", gs."storyId" FROM "GuildStory" gs WHERE gs."guildId" = ${guildId} AND gs."storyId" = "Story".id OFFSET 0) g
    WHERE ${P.join([P.sql`true`, ...conditions], ' AND ')}
    LIMIT ${window + 1}`;
  if (candidates.length === 0) return { kind: 'hits', ids: [], more: false };
  const ids = candidates.slice(0, window).map((r) => r.id);
  const ranked = await tx.$queryRaw<{ id: number }[]>`
    SELECT "Story".id FROM "Story"
    WHERE "Story".id IN (${P.join(ids)})
    ORDER BY ts_rank_cd(${storySearchDocument}, ${exact}, 1) DESC, "Story"."firstSeenAt" DESC, "Story".id DESC`;
  return { kind: 'hits', ids: ranked.map((r) => r.id), more: candidates.length > window };
}

/** The guild's newest stories (by when Gazette first saw them), at most `limit`, newest first. */
export async function latestStories(tx: Tx, guildId: string, filter: StoryFilter, limit: number, now = new Date()): Promise<{ ids: number[]; more: boolean }> {
  return newestFirstSeen(tx, guildId, filterSql(filter), limit, now, filter.since);
}

/** One line of a result list. */
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
  /** The story's first post in this guild, for a jump link. */
  channelId: string | null;
  messageId: string | null;
}

/** Cards for these stories in the given order; stories the guild does not have (or no longer has) are left out. */
export async function loadStoryCards(tx: Tx, guildId: string, ids: number[]): Promise<StoryCard[]> {
  if (ids.length === 0) return [];
  const rows = await tx.$queryRaw<(StoryCard & { otherOutlets: bigint | number })[]>`
    SELECT "Story".id, COALESCE(a.title, "Story".title) AS title, COALESCE(a.url, '') AS url, COALESCE(a."sourceName", '') AS "sourceName",
      "Story".summary, "Story"."firstSeenAt", g."voteCount", g."voteSum",
      (SELECT count(DISTINCT o."sourceName") FROM "Article" o WHERE o."storyId" = "Story".id AND o."sourceName" <> a."sourceName") AS "otherOutlets",
      d."channelId", d."messageId"
    FROM "GuildStory" g
    JOIN "Story" ON "Story".id = g."storyId"
    LEFT JOIN "Article" a ON a.id = "Story"."leadArticleId"
    LEFT JOIN LATERAL (SELECT "channelId", "messageId" FROM "Delivery" x
      WHERE x."guildId" = g."guildId" AND x."storyId" = g."storyId" AND x.status = 'posted' ORDER BY x.id LIMIT 1) d ON true
    WHERE g."guildId" = ${guildId} AND g."storyId" IN (${P.join(ids)})`;
  const byId = new Map(rows.map((r) => [r.id, { ...r, otherOutlets: Number(r.otherOutlets) }]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
