// The ingest hot path in SQL. Storing an article runs for every item of every feed; through Prisma's model API each
// statement cost ~1.7 ms on the embedded database against ~0.5 ms as raw SQL (docs/adr/0006-hot-path-sql.md), so these
// few statements are written by hand, each doing in one round trip what took two or three.
import { Prisma as P } from '../generated/prisma/client.js';
import { searchDocumentOf } from './search-sql.js';
import type { TermStats } from '../pipeline/types.js';
import type { Tx } from './tx.js';

export interface NewArticleRow {
  feedId: number | null;
  url: string;
  guid: string | null;
  title: string;
  author: string | null;
  sourceName: string;
  publishedAt: Date | null;
  language: string | null;
  imageUrl: string | null;
  text: string;
  summary: string;
  contentHash: string | null;
  /** Lookup keys for clustering: `t:` and the article's heaviest terms (see ArticleKey). */
  keys: string[];
  /** Every clustering term of the article, counted once each in TermStat. */
  terms: string[];
  countries: string[];
  regions: string[];
  topics: string[];
}

export interface DuplicateKeys {
  url: string;
  feedId: number | null;
  guid: string | null;
  contentHash: string | null;
}

const duplicateWhere = (a: DuplicateKeys) => P.sql`url = ${a.url} OR ("feedId" = ${a.feedId} AND guid = ${a.guid}) OR "contentHash" = ${a.contentHash}`;

/** The article already stored under this URL, guid in its feed, or content hash. */
export async function findDuplicateRow(tx: Tx, a: DuplicateKeys) {
  const rows = await tx.$queryRaw<{ id: number; storyId: number | null }[]>`SELECT id, "storyId" FROM "Article" WHERE ${duplicateWhere(a)} LIMIT 1`;
  return rows[0] ?? null;
}

const statsColumns = (terms: string[]) => P.sql`coalesce((SELECT max(id) FROM "Article"), 0)::int AS documents,
      coalesce((SELECT json_object_agg(term, documents) FROM "TermStat" WHERE term = ANY(${terms}::text[])), '{}'::json) AS frequency`;

function statsOf(row: { documents: number; frequency: unknown } | undefined): TermStats {
  const frequency = jsonObject(row?.frequency) as Record<string, number>;
  return { documents: row?.documents ?? 0, frequency: (t) => frequency[t] ?? 0 };
}

/** How many articles are stored (the sequence's high mark: close enough for an IDF) and how many use each term. */
export async function termStats(tx: Tx, terms: string[]): Promise<TermStats> {
  const [row] = await tx.$queryRaw<{ documents: number; frequency: unknown }[]>`SELECT ${statsColumns(terms)}`;
  return statsOf(row);
}

/**
 * The duplicate check and the term counts of a new article in one round trip: storing runs for every item of every
 * feed, and on the embedded database each statement costs about half a millisecond before it does anything.
 */
export async function duplicateAndTermStats(tx: Tx, a: DuplicateKeys, terms: string[]): Promise<{ duplicate: { id: number; storyId: number | null } | null; stats: TermStats }> {
  const [row] = await tx.$queryRaw<{ duplicate: { id: number; storyId: number | null } | null; documents: number; frequency: unknown }[]>`
    SELECT (SELECT json_build_object('id', id, 'storyId', "storyId") FROM "Article" WHERE ${duplicateWhere(a)} LIMIT 1) AS duplicate,
      ${statsColumns(terms)}`;
  const duplicate = row?.duplicate ? (typeof row.duplicate === 'string' ? JSON.parse(row.duplicate) : row.duplicate) : null;
  return { duplicate, stats: statsOf(row) };
}

/**
 * The stories of recent articles that share a lookup key with the new one: for each key its 20 newest articles in
 * the window (index probes on ArticleKey), then the 15 stories met most often. Bounded by the number of keys, not by
 * how many articles or stories are stored, and written so that PostgreSQL cannot choose to walk every recent
 * article instead, which it otherwise does without statistics (PGlite runs no autovacuum).
 */
export async function candidateProfileRows(tx: Tx, since: Date, keys: string[]) {
  // Names and numbers (`t:~…`, `t:#…`, dedupe/name-keys.ts) find stories in other languages; they are ranked apart, so
  // they add candidates without displacing those the article's words find.
  const rows = await tx.$queryRaw<{ id: number; size: number; centroid: unknown; byNamesOnly: boolean }[]>`
    WITH hits AS MATERIALIZED (
      SELECT r."storyId", (q.key LIKE 't:~%' OR q.key LIKE 't:#%') AS neutral
      FROM unnest(${keys}::text[]) AS q(key)
      CROSS JOIN LATERAL (
        SELECT k."storyId" FROM "ArticleKey" k WHERE k.key = q.key AND k."createdAt" >= ${since} ORDER BY k."createdAt" DESC LIMIT 20
      ) r
      WHERE r."storyId" IS NOT NULL
    )
    , byWords AS (SELECT "storyId" FROM hits WHERE NOT neutral GROUP BY "storyId" ORDER BY count(*) DESC, "storyId" DESC LIMIT 15)
    , byNames AS (SELECT "storyId" FROM hits WHERE neutral GROUP BY "storyId" ORDER BY count(*) DESC, "storyId" DESC LIMIT 5)
    SELECT s.id, s.size, s.centroid, s.id NOT IN (SELECT "storyId" FROM byWords) AS "byNamesOnly" FROM "Story" s
    WHERE s.id IN (SELECT "storyId" FROM byWords UNION SELECT "storyId" FROM byNames)`;
  return rows.map((r) => ({ id: r.id, size: r.size, centroid: jsonObject(r.centroid) as Record<string, [number, number]>, byNamesOnly: r.byNamesOnly }));
}

/** JSON columns arrive parsed from one driver and as text from another. */
function jsonObject(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') return JSON.parse(value) as Record<string, unknown>;
  return (value ?? {}) as Record<string, unknown>;
}

/** Inserts the article as the lead of a new story, in one statement (the article's id is drawn first). */
export async function insertWithNewStory(tx: Tx, a: NewArticleRow, now: Date, centroid: object) {
  const [row] = await tx.$queryRaw<{ articleId: number; storyId: number; createdAt: Date }[]>`
    WITH next AS (SELECT nextval(pg_get_serial_sequence('"Article"', 'id'))::int AS id),
    story AS (
      INSERT INTO "Story" ("leadArticleId", title, summary, countries, regions, topics, "firstSeenAt", "lastArticleAt", size, centroid, search)
      SELECT next.id, ${a.title}::text, ${a.summary}::text, ${a.countries}::text[], ${a.regions}::text[], ${a.topics}::text[], ${now}::timestamp, ${now}::timestamp,
        1, ${JSON.stringify(centroid)}::jsonb,
        ${searchDocumentOf(a)} FROM next
      RETURNING id
    ),
    article AS (
      INSERT INTO "Article" (id, "storyId", "feedId", url, guid, title, author, "sourceName", "publishedAt", "fetchedAt", language,
        "imageUrl", text, summary, "contentHash", countries, regions, topics, "createdAt")
      SELECT next.id, story.id, ${a.feedId}::int, ${a.url}::text, ${a.guid}::text, ${a.title}::text, ${a.author}::text, ${a.sourceName}::text,
        ${a.publishedAt}::timestamp, ${now}::timestamp, ${a.language}::text, ${a.imageUrl}::text, ${a.text}::text, ${a.summary}::text,
        ${a.contentHash}::text, ${a.countries}::text[], ${a.regions}::text[], ${a.topics}::text[], ${now}::timestamp
      FROM next, story
      RETURNING id, "storyId", "createdAt"
    ),
    keys AS (
      INSERT INTO "ArticleKey" (key, "articleId", "storyId", "createdAt") SELECT DISTINCT k, next.id, story.id, ${now}::timestamp FROM next, story, unnest(${a.keys}::text[]) AS k
    ),
    ${countTerms(a.terms)}
    SELECT id AS "articleId", "storyId", "createdAt" FROM article`;
  return row!;
}

/**
 * Inserts the article into an existing story and merges its countries, regions and topics into the story's, keeping
 * the story's order (most salient first) and appending what is new, in one statement.
 */
export async function insertIntoStory(tx: Tx, a: NewArticleRow, storyId: number, now: Date, centroid: object) {
  const [row] = await tx.$queryRaw<{ articleId: number; createdAt: Date; countries: string[]; topics: string[] }[]>`
    WITH article AS (
      INSERT INTO "Article" ("storyId", "feedId", url, guid, title, author, "sourceName", "publishedAt", "fetchedAt", language,
        "imageUrl", text, summary, "contentHash", countries, regions, topics, "createdAt")
      VALUES (${storyId}, ${a.feedId}, ${a.url}, ${a.guid}, ${a.title}, ${a.author}, ${a.sourceName}, ${a.publishedAt}, ${now},
        ${a.language}, ${a.imageUrl}, ${a.text}, ${a.summary}, ${a.contentHash}, ${a.countries}::text[], ${a.regions}::text[], ${a.topics}::text[], ${now})
      RETURNING id, "createdAt"
    ),
    keys AS (
      INSERT INTO "ArticleKey" (key, "articleId", "storyId", "createdAt") SELECT DISTINCT k, article.id, ${storyId}::int, ${now}::timestamp FROM article, unnest(${a.keys}::text[]) AS k
    ),
    ${countTerms(a.terms)},
    story AS (
      UPDATE "Story" s SET
        countries = s.countries || ARRAY(SELECT v FROM unnest(${a.countries}::text[]) WITH ORDINALITY AS u(v, n) WHERE v <> ALL(s.countries) ORDER BY n),
        regions = s.regions || ARRAY(SELECT v FROM unnest(${a.regions}::text[]) WITH ORDINALITY AS u(v, n) WHERE v <> ALL(s.regions) ORDER BY n),
        topics = s.topics || ARRAY(SELECT v FROM unnest(${a.topics}::text[]) WITH ORDINALITY AS u(v, n) WHERE v <> ALL(s.topics) ORDER BY n),
        "lastArticleAt" = ${now}, size = s.size + 1, centroid = ${JSON.stringify(centroid)}::jsonb
      WHERE s.id = ${storyId}
      RETURNING countries, topics
    )
    SELECT article.id AS "articleId", article."createdAt", story.countries, story.topics FROM article, story`;
  return row!;
}

/**
 * Counts the article's terms in TermStat, in term order so that concurrent writers lock rows in one order and cannot
 * deadlock. (Two articles joining one story at once each write the centroid they computed: the later one wins and
 * the other's terms are missing from the centroid until the story's next article; its article and keys are kept.)
 */
function countTerms(terms: string[]) {
  return P.sql`terms AS (
      INSERT INTO "TermStat" (term, documents) SELECT t, 1 FROM unnest(${terms}::text[]) AS t ORDER BY t
      ON CONFLICT (term) DO UPDATE SET documents = "TermStat".documents + 1
    )`;
}
