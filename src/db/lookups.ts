// Members' look-ups of a guild's stories: full-text search and newest first (cards: lookups-cards.ts).
// Only stories the guild has (GuildStory) are ever returned. docs/search.md explains ranking and its bounds.
import { Prisma as P } from '../generated/prisma/client.js';
import { cardSql, toCard, type CardRow, type StoryCard } from './lookups-cards.js';
import { hasTagsSql } from './rankings.js';
import { searchLiteralQueryOf, searchQueryOf, storySearchDocument } from './search-sql.js';
import type { Tx } from './tx.js';

/** Filters shared by search and "latest". */
export interface StoryFilter {
  /**
   * Tags (ids: a region's tag, any other tag) the story must all carry in the guild. Callers resolve what members
   * type, names or aliases, with findTag (tags.ts) once per look-up: checking each candidate by the StoryTag key is
   * then one index probe, where matching names and aliases per candidate would join Tag every time.
   */
  tagIds?: number[] | undefined;
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
  /**
   * `ids` best first. `more`: further (older) stories match too, beyond the ranked window. `cards`: the first
   * `firstCards` of them, loaded in the same statement (a result page needs them at once).
   */
  | { kind: 'hits'; ids: number[]; more: boolean; cards: StoryCard[] };

export interface SearchOptions {
  /**
   * How many matches, newest first, are ranked by relevance. Ranking reads each candidate's stored document (the GIN
   * index holds no word positions), about 0.05 ms per story on embedded PGlite, so it is bounded.
   */
  rankWindow?: number;
  /** How many of the best stories to return as cards too (default none). */
  firstCards?: number;
}

export const defaultRankWindow = 30;

/**
 * Conditions on one candidate story, its guild's GuildStory row `g`; `since` is written by the caller, which knows
 * the index it reads. Each is wrapped in a scalar sub-select so it stays a per-story lookup: left bare, PostgreSQL may
 * turn an EXISTS into a semi-join, and without statistics (PGlite has them only after the nightly VACUUM ANALYZE,
 * db/maintenance.ts) it then compared every candidate with every story carrying the tag — seconds.
 */
function filterSql(filter: StoryFilter, firstSeenSince: (since: Date) => P.Sql): P.Sql[] {
  const conditions: P.Sql[] = [];
  if (filter.since) conditions.push(firstSeenSince(filter.since));
  conditions.push(...hasTagsSql(filter.tagIds));
  if (filter.feedId !== undefined) {
    // `+ 0` keeps the lookup on the story's articles: without statistics the planner may otherwise walk every
    // article of the feed (the (feedId, guid) index) once per candidate.
    conditions.push(P.sql`(SELECT EXISTS (SELECT 1 FROM "Article" fa WHERE fa."storyId" = g."storyId" AND fa."feedId" + 0 = ${filter.feedId}))`);
  }
  return conditions;
}

/**
 * A search's `since`. The second condition is implied by the first (a story's later articles only move lastArticleAt
 * forward); it is there so the lastArticleAt index can serve the filter. It is a closed range: without statistics
 * PostgreSQL guesses that an open range holds a third of the table and reads all of it, but takes a closed one for
 * selective and uses the index.
 */
function searchSinceSql(since: Date): P.Sql {
  return P.sql`"Story"."firstSeenAt" >= ${since} AND "Story"."lastArticleAt" BETWEEN ${since} AND 'infinity'::timestamp`;
}

/** Why a query found nothing it could search for, asked only when a search came back empty. */
async function unsearchable(tx: Tx, text: string): Promise<'no-terms' | 'only-exclusions' | null> {
  const [row] = await tx.$queryRaw<{ nodes: number; indexable: string }[]>`
    SELECT numnode(q) AS nodes, querytree(q) AS indexable FROM (SELECT ${searchQueryOf(text)} AS q) AS typed`;
  if (!row || row.nodes === 0) return 'no-terms';
  if (row.indexable === 'T' || row.indexable === '') return 'only-exclusions';
  return null;
}

/**
 * Full-text search of a guild's stories with PostgreSQL's `websearch_to_tsquery` (quotes for phrases, `-word` to
 * exclude, `or`). Matches come from the GIN index `Story_search_idx`; the newest `rankWindow` of them are ordered by
 * `ts_rank_cd` over the same document (title weighted above summary, normalized by length), ties by recency; a story
 * holding every word as typed comes before one matched only through stemming (or English dropping a stop word).
 *
 * One statement, whose plan is fixed by its shape rather than left to the planner: PGlite has statistics only after
 * the nightly VACUUM ANALYZE, stale or none on a new or fast-growing database, and it reads rows slower than the
 * planner assumes, so given the choice it may filter recent stories by checking each one's document instead of
 * using the index. Here
 * - `q` holds the query, and a `loose` copy with phrase operators turned into AND: a phrase needs word positions
 *   the index lacks, so PostgreSQL would re-read every story holding the words; the phrase is checked instead on
 *   the candidates kept (under a negation AND is not looser than the phrase, so the query is left as it is);
 * - `matches` reads the loose matches through the index alone (MATERIALIZED keeps the planner from merging it);
 *   querytree() is 'T' when no part of the query can use the index (`-gas`), and such a query never runs;
 * - `candidates` walks them newest first, checking guild, filters and phrase one story at a time (OFFSET 0 keeps
 *   the guild check a per-row lookup) until the window is full;
 * - only those are ranked.
 * Cost: a few µs per match, plus the ranking of at most `rankWindow` + 1 stored documents (~0.05 ms each on PGlite).
 */
export async function searchStories(tx: Tx, guildId: string, text: string, filter: StoryFilter = {}, options: SearchOptions = {}): Promise<SearchOutcome> {
  const window = options.rankWindow ?? defaultRankWindow;
  // One card more than asked: the story dropped beyond the window may rank among the first.
  const cardRows = options.firstCards ? options.firstCards + 1 : 0;
  const exact = P.sql`(SELECT exact FROM q)`;
  const phrase = P.sql`((SELECT exact = loose FROM q) OR (SELECT ${storySearchDocument} @@ ${exact} FROM "Story" WHERE "Story".id = g."storyId"))`;
  const rows = await tx.$queryRaw<({ rank: number; position: bigint; candidateSeenAt: Date } & Partial<CardRow> & { candidate: number })[]>`
    WITH q AS MATERIALIZED (
      SELECT query AS exact, CASE WHEN query::text LIKE '%!%' THEN query ELSE regexp_replace(query::text, '<(-|[0-9]+)>', '&', 'g')::tsquery END AS loose, literal
      FROM (SELECT ${searchQueryOf(text)} AS query, ${searchLiteralQueryOf(text)} AS literal) AS typed
    ),
    matches AS MATERIALIZED (
      SELECT "Story".id, "Story"."firstSeenAt", "Story"."lastArticleAt" FROM "Story"
      WHERE (SELECT querytree(loose) NOT IN ('T', '') FROM q) AND ${storySearchDocument} @@ (SELECT loose FROM q)
    ),
    candidates AS MATERIALIZED (
      SELECT "Story".id, "Story"."firstSeenAt" FROM (SELECT * FROM matches ORDER BY "firstSeenAt" DESC, id DESC) "Story"
      CROSS JOIN LATERAL (SELECT gs."guildId", gs."storyId" FROM "GuildStory" gs WHERE gs."guildId" = ${guildId} AND gs."storyId" = "Story".id OFFSET 0) g
      WHERE ${P.join([...filterSql(filter, searchSinceSql), phrase], ' AND ')}
      LIMIT ${window + 1}
    ),
    ranked AS MATERIALIZED (
      SELECT c.id, c."firstSeenAt", row_number() OVER (ORDER BY ${storySearchDocument} @@ (SELECT literal FROM q) DESC, ts_rank_cd(${storySearchDocument}, ${exact}, 1) DESC, c."firstSeenAt" DESC, c.id DESC) AS position
      FROM candidates c JOIN "Story" ON "Story".id = c.id
    )
    SELECT r.id AS candidate, r."firstSeenAt" AS "candidateSeenAt", r.position, card.*
    FROM ranked r
    LEFT JOIN LATERAL (${cardSql(guildId, P.sql`r.id`)} AND r.position <= ${cardRows}) card ON true
    ORDER BY r.position`;
  if (rows.length === 0) {
    const why = await unsearchable(tx, text);
    if (why) return { kind: why };
  }
  // The story beyond the window only tells that more match: it is the oldest candidate, wherever it ranked.
  const more = rows.length > window;
  const oldest = more ? rows.reduce((a, b) => (b.candidateSeenAt < a.candidateSeenAt || (b.candidateSeenAt.getTime() === a.candidateSeenAt.getTime() && b.candidate < a.candidate) ? b : a)) : undefined;
  const kept = rows.filter((r) => r !== oldest);
  const cards = kept.slice(0, options.firstCards ?? 0).flatMap((r) => (r.id === undefined || r.id === null ? [] : [toCard(r as CardRow)]));
  return { kind: 'hits', ids: kept.map((r) => r.candidate), more, cards };
}

/**
 * The guild's newest stories (by when Gazette first saw them), at most `limit`, newest first; `more` when there are
 * others. Read in the order of the (guildId, firstSeenAt, storyId) index on the guild's own rows, whose firstSeenAt
 * the database copies from the story (migration 20261207102259_guild_story_first_seen), checking the filters row by
 * row until the list is full: the cost follows the guild's stories read, not the installation's. Walking the stories'
 * own firstSeenAt index and asking each whether the guild had it read nearly every stored story for a server with few
 * of them (docs/benchmarks.md).
 */
export async function latestStories(tx: Tx, guildId: string, filter: StoryFilter, limit: number, rareBelow = rareTagStories): Promise<{ ids: number[]; more: boolean }> {
  const where = P.join([P.sql`g."guildId" = ${guildId}`, ...filterSql(filter, (since) => P.sql`g."firstSeenAt" >= ${since}`)], ' AND ');
  const order = P.sql`ORDER BY g."firstSeenAt" DESC, g."storyId" DESC LIMIT ${limit + 1}`;
  const rare = filter.tagIds?.[0];
  // A tag on few of the guild's stories: its own stories, sorted, rather than the guild's rows walked until enough
  // carry it (a tag on 5 of a server's 100,000 stories read all 100,000: 0.22–0.28 s, docs/benchmarks.md). Which
  // way is decided in the statement (one count of at most rareTagStories index entries): a second round trip cost
  // more than the small lists it would serve.
  const rows = await tx.$queryRaw<{ id: number }[]>(
    rare === undefined
      ? P.sql`SELECT g."storyId" AS id FROM "GuildStory" g WHERE ${where} ${order}`
      : P.sql`
    WITH rare AS MATERIALIZED (SELECT count(*) < ${rareBelow} AS yes FROM (SELECT 1 FROM "StoryTag" WHERE "tagId" = ${rare} LIMIT ${rareBelow}) t)
    (SELECT g."storyId" AS id FROM "GuildStory" g WHERE NOT (SELECT yes FROM rare) AND ${where} ${order})
    UNION ALL
    (SELECT g."storyId" AS id FROM "StoryTag" rt JOIN "GuildStory" g ON g."guildId" = rt."guildId" AND g."storyId" = rt."storyId"
      WHERE (SELECT yes FROM rare) AND rt."tagId" = ${rare} AND ${where} ${order})`,
  );
  return { ids: rows.slice(0, limit).map((r) => r.id), more: rows.length > limit };
}

/**
 * Below this many stories a tag's own are read and sorted; above it, walking the guild's newest rows finds enough of
 * them first. Either way about 2 µs a row on the embedded database: a tag on 1 story in 200 costs the walk ~2,000
 * rows for ten, and sorting 1,000 costs as much. (latestStories takes another for tests, which check that both ways
 * give one list.)
 */
const rareTagStories = 1000;

export { loadStoryCards, type StoryCard } from './lookups-cards.js';
