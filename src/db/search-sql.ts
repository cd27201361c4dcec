// The full-text document of a story: a stored tsvector (GIN-indexed), written when the story is created, in the
// text-search configuration of the story's language (docs/adr/0003-full-text-search.md), so that "газа" finds a
// story that says "газом" and "الحدود" one that says "حدود".
import { Prisma } from '../generated/prisma/client.js';
import { stemGeorgianWords } from '../text/georgian-stem.js';
import { documentForm, queryForm, turkicLetters } from '../text/search-form.js';
import { thaiWordEndings } from '../text/thai-lexicon.js';
import { spaceUnspacedWords } from '../text/unspaced.js';

/** The document, for `@@` matching and ts_rank in queries over "Story". */
export const storySearchDocument = Prisma.raw(`"Story"."search"`);

// ISO 639-1 → PostgreSQL's Snowball configurations present in every server we run on (PostgreSQL 15 and PGlite).
// Malay is written close enough to Indonesian for its stemmer, and Azerbaijani to Turkish for its: it joins most
// forms of a noun ("Azərbaycanın", "Azərbaycanda" → "azərbayca"; "qazın" → "qaz") though not the suffixes with ə,
// which still match as written. Others (Ukrainian, Georgian, Persian, Chinese, …) use `simple`: words as written,
// lower-cased.
const configOf: Readonly<Record<string, string>> = {
  ar: 'arabic', az: 'turkish', hy: 'armenian', eu: 'basque', ca: 'catalan', da: 'danish', nl: 'dutch', en: 'english', fi: 'finnish',
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
 * word as written (D), so that a query read in another configuration still finds exact words. The database function
 * story_search_document holds that SQL (migration 20261207063000_store_insert_functions), for this and for the insert
 * of a new story (ADR 29).
 */
export function searchDocumentOf(story: { title: string; summary: string; language: string | null | undefined }): Prisma.Sql {
  const { config, title, summary } = searchDocumentParts(story);
  return Prisma.sql`story_search_document(${config}::text, ${title}::text, ${summary}::text)`;
}

/**
 * What a story's document is made of: its configuration, and its title and summary in their search form (search-form.ts:
 * the form a query is put in too) with spaces between the words of unspaced scripts (PostgreSQL's parser would take a
 * whole Chinese clause for one word).
 */
export function searchDocumentParts(story: { title: string; summary: string; language: string | null | undefined }) {
  return { ...titleSearchParts(story), summary: documentText(story.summary, story.language) };
}

/**
 * A text as a document holds it: its search form, spaced, then the words a Thai compound ends with (after the text,
 * so that a quoted phrase still finds its words next to each other).
 */
function documentText(text: string, language: string | null | undefined): string {
  const spaced = spaceUnspacedWords(documentForm(text, language));
  if (!/\p{Script=Thai}/u.test(spaced)) return spaced;
  const endings = (spaced.match(/\p{Script=Thai}+/gu) ?? []).flatMap(thaiWordEndings);
  return endings.length ? `${spaced} ${endings.join(' ')}` : spaced;
}

/**
 * The written form documents are made in now. Raised with any change to how a document is made from the same text
 * (search-form.ts, the configurations, documentText), with a migration setting new stories' `Story.searchForm` to it:
 * the nightly maintenance makes older documents again (search-refresh.ts).
 */
export const searchFormVersion = 1;

/**
 * SQL for a whole story's document: its lead's title and summary, and the headlines of its other articles (the newest
 * hundred at most, so that a document stays small whatever the story's size), oldest first.
 */
export function storyDocumentOf(lead: { id: number; title: string; summary: string; language: string | null }, articles: readonly { id: number; title: string; language: string | null }[]): Prisma.Sql {
  const others = articles.filter((a) => a.id !== lead.id).slice(-100);
  return Prisma.join([searchDocumentOf(lead), ...others.map(articleTitleDocumentOf)], ' || ');
}

/** A headline's part of a document: the configuration of its article's language, and the title spaced as above. */
export function titleSearchParts(article: { title: string; language: string | null | undefined }) {
  return { config: searchConfigOf(article.language, article.title), title: documentText(article.title, article.language) };
}

/**
 * SQL for the words an article's headline adds to its story's document (weight C, and as written at D): the database
 * function article_title_document (migration 20261207081500), as store_insert_into_story adds a joining article's.
 */
export function articleTitleDocumentOf(article: { title: string; language: string | null | undefined }): Prisma.Sql {
  const { config, title } = titleSearchParts(article);
  return Prisma.sql`article_title_document(${config}::text, ${title}::text)`;
}

// The configuration a query is read in follows its script: a query's language cannot be told from two words, but
// its alphabet can. Latin script is read as English, and also as Turkish when it has letters only Turkish and
// Azerbaijani write; other Latin-script languages match through the words as written.
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

function queryConfigsOf(text: string): string[] {
  const config = configOfScript(text);
  if (!config) return [];
  return config === 'english' && turkicLetters.test(text) ? [config, 'turkish'] : [config];
}

/**
 * A query in a script PostgreSQL has no stemmer for (Georgian, Hebrew, Thai, Chinese, …): its words as written,
 * each matched as the beginning of a word, Georgian ones cut to their stem first, so that "თბილისი" finds "თბილისში".
 */
function prefixQueryOf(text: string): Prisma.Sql {
  // Lexemes print quoted, with a quote inside doubled: each gets `:*` after its closing quote.
  return Prisma.sql`(SELECT CASE WHEN numnode(s) = 0 THEN s ELSE regexp_replace(s::text, '''((?:[^'']|'''')+)''', '''\\1'':*', 'g')::tsquery END FROM websearch_to_tsquery('simple'::regconfig, ${stemGeorgianWords(text)}) AS s)`;
}

/**
 * SQL for the tsquery of what a member typed (`websearch_to_tsquery` syntax: quotes, `-word`, `or`): read in the
 * configuration(s) of its script OR as written (`simple`), so it matches stemmed and exact words alike. The words as
 * written join only a query that has a word to look up: "и в" (Russian stop words) stays empty and "и -газ" only
 * excludes, rather than matching every story that says "и". Scripts without a stemmer match words by their start.
 *
 * Latin script is shared by languages whose words are English stop words: read as English, Vietnamese "than to"
 * (coal, big) had no word left. A Latin query the English reading empties is read as written instead; one it only
 * shortens ("Long An" → "long") still matches as written too, and a story with every word typed ranks higher.
 */
export function searchQueryOf(typed: string): Prisma.Sql {
  const text = queryForm(typed);
  const spaced = spaceUnspacedWords(text);
  const configs = queryConfigsOf(text);
  if (configs.length === 0) return prefixQueryOf(spaced);
  const simple = Prisma.sql`websearch_to_tsquery('simple'::regconfig, ${spaced})`;
  const stemmed = Prisma.join(configs.map((config) => Prisma.sql`websearch_to_tsquery(${config}::regconfig, ${spaced})`), ' || ');
  const emptied = configs.includes('english') ? Prisma.sql`WHEN querytree(w) NOT IN ('T', '') THEN w` : Prisma.empty;
  return Prisma.sql`(SELECT CASE WHEN querytree(s) NOT IN ('T', '') THEN s || w ${emptied} ELSE s END FROM (SELECT ${stemmed} AS s, ${simple} AS w) AS r)`;
}

/**
 * SQL for the query's words as written, all of them: a story matching it ranks above one that matches only the
 * stemmed reading (Vietnamese "Long An" above "Long queues", which English reads as "long" alone).
 */
export function searchLiteralQueryOf(typed: string): Prisma.Sql {
  const text = queryForm(typed);
  const spaced = spaceUnspacedWords(text);
  return queryConfigsOf(text).length === 0 ? prefixQueryOf(spaced) : Prisma.sql`websearch_to_tsquery('simple'::regconfig, ${spaced})`;
}
