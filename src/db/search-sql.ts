// The full-text document of a story: a stored tsvector (GIN-indexed), written when the story is created, in the
// text-search configuration of the story's language (docs/adr/0003-full-text-search.md), so that "газа" finds a
// story that says "газом" and "الحدود" one that says "حدود".
import { Prisma } from '../generated/prisma/client.js';
import { spaceUnspacedWords } from '../text/unspaced.js';

/** The document, for `@@` matching and ts_rank in queries over "Story". */
export const storySearchDocument = Prisma.raw(`"Story"."search"`);

// ISO 639-1 → PostgreSQL's Snowball configurations present in every server we run on (PostgreSQL 15 and PGlite).
// Malay is written close enough to Indonesian for its stemmer. Others (Ukrainian, Persian, Chinese, …) use `simple`:
// words as written, lower-cased.
const configOf: Readonly<Record<string, string>> = {
  ar: 'arabic', hy: 'armenian', eu: 'basque', ca: 'catalan', da: 'danish', nl: 'dutch', en: 'english', fi: 'finnish',
  fr: 'french', de: 'german', el: 'greek', hi: 'hindi', hu: 'hungarian', id: 'indonesian', ms: 'indonesian',
  ga: 'irish', it: 'italian', lt: 'lithuanian', ne: 'nepali', no: 'norwegian', nb: 'norwegian', pt: 'portuguese',
  ro: 'romanian', ru: 'russian', sr: 'serbian', es: 'spanish', sv: 'swedish', ta: 'tamil', tr: 'turkish', yi: 'yiddish',
};

/**
 * The text-search configuration for a language code; `simple` where PostgreSQL has no stemmer for it. Without a
 * detected language (a headline is too short to tell), the text's script decides, as it does for a query.
 */
export function searchConfigOf(language: string | null | undefined, text: string): string {
  if (language) return configOf[language] ?? 'simple';
  return configOfScript(text) ?? 'simple';
}

/**
 * SQL computing a story's document: title (weight A) and summary (B) in its language's configuration, plus every
 * word as written (D), so that a query read in another configuration still finds exact words. Unspaced scripts get
 * spaces between their words first: PostgreSQL's parser would take a whole Chinese clause for one word.
 */
export function searchDocumentOf(story: { title: string; summary: string; language: string | null | undefined }): Prisma.Sql {
  const config = searchConfigOf(story.language, story.title);
  const title = spaceUnspacedWords(story.title);
  const summary = spaceUnspacedWords(story.summary);
  const stemmed = Prisma.sql`setweight(to_tsvector(${config}::regconfig, ${title}::text), 'A') || setweight(to_tsvector(${config}::regconfig, ${summary}::text), 'B')`;
  if (config === 'simple') return Prisma.sql`(${stemmed})`;
  return Prisma.sql`(${stemmed} || setweight(to_tsvector('simple'::regconfig, ${`${title} ${summary}`}::text), 'D'))`;
}

// The configuration a query is read in follows its script: a query's language cannot be told from two words, but
// its alphabet can. Latin script is read as English; other Latin-script languages match through the words as written.
const scriptConfigs: readonly [RegExp, string][] = [
  [/\p{Script=Cyrillic}/u, 'russian'],
  [/\p{Script=Arabic}/u, 'arabic'],
  [/\p{Script=Armenian}/u, 'armenian'],
  [/\p{Script=Greek}/u, 'greek'],
  [/\p{Script=Devanagari}/u, 'hindi'],
  [/\p{Script=Tamil}/u, 'tamil'],
  [/\p{Script=Latin}/u, 'english'],
];

const configOfScript = (text: string) => scriptConfigs.find(([script]) => script.test(text))?.[1];

/**
 * SQL for the tsquery of what a member typed (`websearch_to_tsquery` syntax: quotes, `-word`, `or`): read in the
 * configuration of its script OR as written (`simple`), so it matches stemmed and exact words alike. The words as
 * written join only a query that has a word to look up: "the and of" stays empty and "the -pipeline" only excludes,
 * rather than matching every story that says "the".
 */
export function searchQueryOf(text: string): Prisma.Sql {
  const spaced = spaceUnspacedWords(text);
  const config = configOfScript(text);
  const simple = Prisma.sql`websearch_to_tsquery('simple'::regconfig, ${spaced})`;
  if (!config) return simple;
  const stemmed = Prisma.sql`websearch_to_tsquery(${config}::regconfig, ${spaced})`;
  return Prisma.sql`(SELECT CASE WHEN querytree(s) IN ('T', '') THEN s ELSE s || ${simple} END FROM ${stemmed} AS s)`;
}
