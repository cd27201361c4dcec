// The ingest hot path in SQL. Storing an article runs for every item of every feed; through Prisma's model API each
// statement cost ~1.7 ms on the embedded database against ~0.5 ms as raw SQL (docs/adr/0006-hot-path-sql.md), so these
// few statements are written by hand, each doing in one round trip what took two or three.
import { Prisma as P } from '../generated/prisma/client.js';
import { searchDocumentParts, titleSearchParts } from './search-sql.js';
import type { TermStats } from '../pipeline/types.js';
import type { Tx } from './tx.js';
import { jsonColumn } from './json-column.js';

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
  /** What this insert adds to TermStat: the article's terms with those of earlier articles pending (PendingTermCounts). */
  termCounts: TermCounts;
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
  const rows = await tx.$queryRaw<{ id: number; storyId: number | null; feedId: number | null }[]>`SELECT id, "storyId", "feedId" FROM "Article" WHERE ${duplicateWhere(a)} LIMIT 1`;
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
export async function duplicateAndTermStats(tx: Tx, a: DuplicateKeys, terms: string[]): Promise<{ duplicate: { id: number; storyId: number | null; feedId: number | null } | null; stats: TermStats }> {
  const [row] = await tx.$queryRaw<{ duplicate: { id: number; storyId: number | null; feedId: number | null } | null; documents: number; frequency: unknown }[]>`
    SELECT (SELECT json_build_object('id', id, 'storyId', "storyId", 'feedId', "feedId") FROM "Article" WHERE ${duplicateWhere(a)} LIMIT 1) AS duplicate,
      ${statsColumns(terms)}`;
  const duplicate = row?.duplicate ? jsonColumn(row.duplicate) : null;
  return { duplicate, stats: statsOf(row) };
}

type Centroid = Record<string, [number, number]>;

/**
 * Story centroids read before, each with the version of the row it was read from (PostgreSQL's `xmin`, which every
 * update of the row changes: an article joining, a split, a merge, by this process or another). The candidate query
 * sends a centroid only where the stored row is not the version held here: centroids are most of what it returns
 * (15 stories of 100-odd weighted terms, as JSON printed, sent and parsed per stored article), and most candidates
 * have not changed since the last article met them. Only centroids read from the database are held, never one being
 * written, so an article sees exactly what the database holds.
 */
export class CentroidCache {
  readonly #entries = new Map<number, { version: string; centroid: PackedCentroid }>();
  constructor(readonly capacity = 1000) {}

  /** What is held now, as the query's parameters and a copy to answer from (another store may evict meanwhile). */
  known() {
    const copy = new Map(this.#entries);
    const held = { get: (id: number) => { const e = copy.get(id); return e && { version: e.version, centroid: unpackCentroid(e.centroid) }; } };
    return { held, ids: [...copy.keys()], versions: [...copy.values()].map((e) => e.version) };
  }

  remember(id: number, version: string, centroid: Centroid) {
    // Map order is recency: the entry moves to the end, and the least recently met story is dropped first.
    this.#entries.delete(id);
    this.#entries.set(id, { version, centroid: packCentroid(centroid) });
    if (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
  }
}

/**
 * A centroid as the cache holds it: its terms in order, their two numbers side by side. As parsed from JSON, each of
 * ~100 terms cost a hidden class and an array: 16 MB at the cache's 1,000 stories, 2.4 MB packed (docs/benchmarks.md).
 */
type PackedCentroid = { terms: string[]; numbers: Float64Array };

function packCentroid(centroid: Centroid): PackedCentroid {
  const terms = Object.keys(centroid);
  // A loop into a typed array: `flatMap` made an array per term and was 2 % of a stored article's main-thread CPU.
  const numbers = new Float64Array(terms.length * 2);
  for (let i = 0; i < terms.length; i++) {
    const pair = centroid[terms[i]!]!;
    numbers[2 * i] = pair[0];
    numbers[2 * i + 1] = pair[1];
  }
  return { terms, numbers };
}

/** A copy to read, its terms in the order they were read (the model's sums run in that order). */
function unpackCentroid({ terms, numbers }: PackedCentroid): Centroid {
  // A plain object, as JSON.parse would make it: one with no prototype is a dictionary from the start, and the model's
  // for…in over fifteen of them an article made the story choice ~20 % slower (UCI: 2.3 against 1.7–1.9 ms).
  const centroid: Centroid = {};
  terms.forEach((t, i) => {
    const value: [number, number] = [numbers[2 * i]!, numbers[2 * i + 1]!];
    // Assigned, `__proto__` would set the prototype; JSON.parse makes it an own property, and so does this.
    if (t === '__proto__') Object.defineProperty(centroid, t, { value, enumerable: true, writable: true, configurable: true });
    else centroid[t] = value;
  });
  return centroid;
}

/**
 * The stories of recent articles that share a lookup key with the new one: for each key its 20 newest articles in
 * the window (index probes on ArticleKey), then the 15 stories met most often. Bounded by the number of keys, not by
 * how many articles or stories are stored, and written so that PostgreSQL cannot choose to walk every recent
 * article instead, which it otherwise does without statistics (PGlite runs no autovacuum). Centroids the cache holds
 * in their current version are not sent again.
 */
export async function candidateProfileRows(tx: Tx, since: Date, keys: string[], cache = new CentroidCache(0)) {
  const { held, ids, versions } = cache.known();
  // The query is store_candidate_stories (a function so that its plan is kept, ADR 29): names and numbers (`t:~…`, `t:#…`,
  // dedupe/name-keys.ts), which find stories in other languages, are ranked apart there, so they add candidates without
  // displacing those the article's words find.
  const rows = await tx.$queryRaw<{ id: number; size: number; centroid: unknown; version: string; byNamesOnly: boolean }[]>`
    SELECT id, size, version, centroid, "byNamesOnly" FROM store_candidate_stories(${keys}::text[], ${since}::timestamp, ${ids}::int[], ${versions}::text[])`;
  return rows.map((r) => {
    const centroid = r.centroid === null ? held.get(r.id)!.centroid : (jsonObject(r.centroid) as Centroid);
    cache.remember(r.id, r.version, centroid);
    return { id: r.id, size: r.size, centroid, byNamesOnly: r.byNamesOnly, version: r.version };
  });
}

/** JSON columns arrive parsed from one driver and as text from another. */
function jsonObject(value: unknown): Record<string, unknown> {
  return (jsonColumn(value) ?? {}) as Record<string, unknown>;
}

/** The article's columns, lookup keys and term counts (empty arrays: none due), as both insert functions take them. */
const articleArguments = (a: NewArticleRow) => P.sql`${a.feedId}::int, ${a.url}::text, ${a.guid}::text, ${a.title}::text, ${a.author}::text, ${a.sourceName}::text,
  ${a.publishedAt}::timestamp, ${a.language}::text, ${a.imageUrl}::text, ${a.text}::text, ${a.summary}::text, ${a.contentHash}::text,
  ${a.countries}::text[], ${a.regions}::text[], ${a.topics}::text[], ${a.keys}::text[], ${a.termCounts.terms}::text[], ${a.termCounts.counts}::int[]`;

/**
 * Inserts the article as the lead of a new story (its id drawn first), its lookup keys and the term counts due, in
 * one statement: store_insert_new_story (a function so that its plan is kept, ADR 29; its SQL has the comments). The
 * story's search document is computed there by story_search_document, as searchDocumentOf has it computed.
 */
export async function insertWithNewStory(tx: Tx, a: NewArticleRow, now: Date, centroid: object) {
  const search = searchDocumentParts(a);
  const [row] = await tx.$queryRaw<{ articleId: number; storyId: number; createdAt: Date }[]>`
    SELECT "articleId", "storyId", "createdAt" FROM store_insert_new_story(${now}::timestamp, ${JSON.stringify(centroid)}::jsonb,
      ${search.config}::text, ${search.title}::text, ${search.summary}::text, ${articleArguments(a)})`;
  return row!;
}

/**
 * Inserts the article into an existing story and merges its countries, regions and topics into the story's, keeping
 * the story's order (most salient first) and appending what is new, in one statement (store_insert_into_story, ADR
 * 29); `factsChanged` says whether the countries or topics (what a story's tags come from) gained anything. Only into
 * the story as it was read (`version`, its row's `xmin`) and not merged away: another transaction's article, split or
 * merge since then, and the centroid written here would undo it. Then nothing is returned and the caller places the
 * article again.
 */
export async function insertIntoStory(tx: Tx, a: NewArticleRow, storyId: number, now: Date, centroid: object, version: string | undefined) {
  // Its title joins the story's search document (ADR 3), read in its own language.
  const search = titleSearchParts(a);
  const [row] = await tx.$queryRaw<{ articleId: number; createdAt: Date; countries: string[]; topics: string[]; factsChanged: boolean }[]>`
    SELECT "articleId", "createdAt", countries, topics, "factsChanged"
    FROM store_insert_into_story(${storyId}::int, ${version ?? null}::text, ${now}::timestamp, ${JSON.stringify(centroid)}::jsonb,
      ${search.config}::text, ${search.title}::text, ${articleArguments(a)})`;
  return row;
}

export interface TermCounts {
  terms: string[];
  counts: number[];
}

/**
 * Adds term counts to TermStat on their own (the pending ones, at a clean stop) through add_term_counts, which the
 * insert functions call with the counts due: in term order, so that concurrent writers lock rows in one order and
 * cannot deadlock. (Two articles joining one story at once: the later finds the story changed since it read it, and
 * is placed again.)
 */
export async function writeTermCounts(tx: Tx, { terms, counts }: TermCounts): Promise<void> {
  if (!terms.length) return;
  await tx.$queryRaw`SELECT add_term_counts(${terms}::text[], ${counts}::int[])::text`;
}

/**
 * Term counts of stored articles not written to TermStat yet: each article's 80 terms were 80 row updates in its
 * store, the largest write after the article itself; written together every few dozen articles, the terms articles
 * share are updated once. Reads add what is pending, so every article's IDF is what it would be had each article
 * written its own (the embedded database runs one transaction at a time, and this process is its only writer). What
 * is pending when the process stops is lost: fewer than `everyArticles` articles' terms, an IDF still close enough.
 * Other readers (a moderator's split or merge recomputing centroids) see the table alone, at most that far behind.
 */
export class PendingTermCounts {
  readonly #counts = new Map<string, number>();
  #articles = 0;
  constructor(readonly everyArticles = 50) {}

  /** The counts read from TermStat, with what is pending added. */
  plus(stats: TermStats): TermStats {
    return { documents: stats.documents, frequency: (t) => stats.frequency(t) + (this.#counts.get(t) ?? 0) };
  }

  /**
   * What the store of an article with these terms writes, what to do once its transaction commits, and how to take it
   * back if it does not: nothing written (its terms join the pending ones at the commit), or every pending count with
   * its own when enough articles are waiting (put back if it fails). An article's terms join the pending ones only
   * once it is stored: with several stores at once (a PostgreSQL server), another's flush wrote the terms of an
   * article whose transaction then failed, and its retry counted them again.
   */
  forArticle(terms: string[]): { write: TermCounts; committed: () => void; undo: () => void } {
    if (this.#articles + 1 < this.everyArticles) {
      return { write: { terms: [], counts: [] }, committed: () => (this.#add(terms, 1), this.#articles++), undo: () => {} };
    }
    const taken = new Map(this.#counts);
    const articles = this.#articles;
    this.#counts.clear();
    this.#articles = 0;
    const write = new Map(taken);
    for (const t of terms) write.set(t, (write.get(t) ?? 0) + 1);
    return {
      write: { terms: [...write.keys()], counts: [...write.values()] },
      committed: () => {},
      undo: () => {
        for (const [t, n] of taken) this.#counts.set(t, (this.#counts.get(t) ?? 0) + n);
        this.#articles += articles;
      },
    };
  }

  /** Every pending count, taken out (a clean stop writes them: writeTermCounts). */
  drain(): TermCounts {
    const out = { terms: [...this.#counts.keys()], counts: [...this.#counts.values()] };
    this.#counts.clear();
    this.#articles = 0;
    return out;
  }

  #add(terms: string[], n: number) {
    for (const t of terms) {
      const count = (this.#counts.get(t) ?? 0) + n;
      if (count > 0) this.#counts.set(t, count);
      else this.#counts.delete(t);
    }
  }
}
