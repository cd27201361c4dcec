// The ingest hot path in SQL. Storing an article runs for every item of every feed; through Prisma's model API each
// statement cost ~1.7 ms on the embedded database against ~0.5 ms as raw SQL (docs/adr/0006-hot-path-sql.md), so these
// few statements are written by hand, each doing in one round trip what took two or three.
import { Prisma as P } from '../generated/prisma/client.js';
import { searchDocumentOf } from './search-sql.js';
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
  fingerprint: number[];
  entities: string[];
  /** Lookup keys for clustering: `n:` name keys and `b:` fingerprint bands (see ArticleKey). */
  keys: string[];
  countries: string[];
  regions: string[];
  topics: string[];
}

export async function findDuplicateRow(tx: Tx, a: { url: string; feedId: number | null; guid: string | null; contentHash: string | null }) {
  const rows = await tx.$queryRaw<{ id: number; storyId: number | null }[]>`
    SELECT id, "storyId" FROM "Article"
    WHERE url = ${a.url} OR ("feedId" = ${a.feedId} AND guid = ${a.guid}) OR "contentHash" = ${a.contentHash}
    LIMIT 1`;
  return rows[0] ?? null;
}

/**
 * Recent articles that share a lookup key with the new one, newest first. The ids come from index probes on
 * ArticleKey, evaluated once (ARRAY(…)), and the articles by primary key: written so that PostgreSQL cannot
 * choose to walk every recent article instead, which it otherwise does without statistics (PGlite runs no
 * autovacuum), at a cost growing with the window.
 */
export async function candidateRows(tx: Tx, since: Date, keys: string[]) {
  return tx.$queryRaw<{ storyId: number; fingerprint: number[]; entities: string[]; countries: string[] }[]>`
    SELECT a."storyId", a.fingerprint, a.entities, a.countries FROM "Article" a
    WHERE a.id = ANY(ARRAY(
      SELECT DISTINCT k."articleId" FROM "ArticleKey" k WHERE k.key = ANY(${keys}::text[]) AND k."createdAt" >= ${since}
    )) AND a."storyId" IS NOT NULL
    ORDER BY a."createdAt" DESC LIMIT 40`;
}

/** Inserts the article as the lead of a new story, in one statement (the article's id is drawn first). */
export async function insertWithNewStory(tx: Tx, a: NewArticleRow, now: Date) {
  const [row] = await tx.$queryRaw<{ articleId: number; storyId: number; createdAt: Date }[]>`
    WITH next AS (SELECT nextval(pg_get_serial_sequence('"Article"', 'id'))::int AS id),
    story AS (
      INSERT INTO "Story" ("leadArticleId", title, summary, countries, regions, topics, "firstSeenAt", "lastArticleAt", search)
      SELECT next.id, ${a.title}::text, ${a.summary}::text, ${a.countries}::text[], ${a.regions}::text[], ${a.topics}::text[], ${now}::timestamp, ${now}::timestamp,
        ${searchDocumentOf(P.sql`${a.title}::text`, P.sql`${a.summary}::text`)} FROM next
      RETURNING id
    ),
    article AS (
      INSERT INTO "Article" (id, "storyId", "feedId", url, guid, title, author, "sourceName", "publishedAt", "fetchedAt", language,
        "imageUrl", text, summary, "contentHash", fingerprint, entities, countries, regions, topics, "createdAt")
      SELECT next.id, story.id, ${a.feedId}::int, ${a.url}::text, ${a.guid}::text, ${a.title}::text, ${a.author}::text, ${a.sourceName}::text,
        ${a.publishedAt}::timestamp, ${now}::timestamp, ${a.language}::text, ${a.imageUrl}::text, ${a.text}::text, ${a.summary}::text,
        ${a.contentHash}::text, ${a.fingerprint}::int4[], ${a.entities}::text[],
        ${a.countries}::text[], ${a.regions}::text[], ${a.topics}::text[], ${now}::timestamp
      FROM next, story
      RETURNING id, "storyId", "createdAt"
    ),
    keys AS (
      INSERT INTO "ArticleKey" (key, "articleId", "createdAt") SELECT DISTINCT k, next.id, ${now}::timestamp FROM next, unnest(${a.keys}::text[]) AS k
    )
    SELECT id AS "articleId", "storyId", "createdAt" FROM article`;
  return row!;
}

/**
 * Inserts the article into an existing story and merges its countries, regions and topics into the story's, keeping
 * the story's order (most salient first) and appending what is new, in one statement.
 */
export async function insertIntoStory(tx: Tx, a: NewArticleRow, storyId: number, now: Date) {
  const [row] = await tx.$queryRaw<{ articleId: number; createdAt: Date; countries: string[]; topics: string[] }[]>`
    WITH article AS (
      INSERT INTO "Article" ("storyId", "feedId", url, guid, title, author, "sourceName", "publishedAt", "fetchedAt", language,
        "imageUrl", text, summary, "contentHash", fingerprint, entities, countries, regions, topics, "createdAt")
      VALUES (${storyId}, ${a.feedId}, ${a.url}, ${a.guid}, ${a.title}, ${a.author}, ${a.sourceName}, ${a.publishedAt}, ${now},
        ${a.language}, ${a.imageUrl}, ${a.text}, ${a.summary}, ${a.contentHash}, ${a.fingerprint}::int4[], ${a.entities}::text[],
        ${a.countries}::text[], ${a.regions}::text[], ${a.topics}::text[], ${now})
      RETURNING id, "createdAt"
    ),
    keys AS (
      INSERT INTO "ArticleKey" (key, "articleId", "createdAt") SELECT DISTINCT k, article.id, ${now}::timestamp FROM article, unnest(${a.keys}::text[]) AS k
    ),
    story AS (
      UPDATE "Story" s SET
        countries = s.countries || ARRAY(SELECT v FROM unnest(${a.countries}::text[]) WITH ORDINALITY AS u(v, n) WHERE v <> ALL(s.countries) ORDER BY n),
        regions = s.regions || ARRAY(SELECT v FROM unnest(${a.regions}::text[]) WITH ORDINALITY AS u(v, n) WHERE v <> ALL(s.regions) ORDER BY n),
        topics = s.topics || ARRAY(SELECT v FROM unnest(${a.topics}::text[]) WITH ORDINALITY AS u(v, n) WHERE v <> ALL(s.topics) ORDER BY n),
        "lastArticleAt" = ${now}
      WHERE s.id = ${storyId}
      RETURNING countries, topics
    )
    SELECT article.id AS "articleId", article."createdAt", story.countries, story.topics FROM article, story`;
  return row!;
}
