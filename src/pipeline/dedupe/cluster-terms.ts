// The words an article is about, as clustering compares them: lower-cased, accents folded, stopwords of the
// article's language removed (stopwords-iso) and stemmed with that language's Snowball stemmer, so "acquires",
// "acquired" and "acquire" are one term. Title words count three times: a headline states the event, a body also
// tells its background. Weights are log-scaled counts; the IDF is applied later, from what has been stored.
import snowball, { type Stemmer } from 'snowball-stemmers';
import { stripDiacritics, wordPattern } from '../../text/diacritics.js';
import { stopwordsOf } from '../../text/stopwords.js';
import { unspacedScript, wordsOfRun } from '../../text/unspaced.js';
import { isCountryNameKey } from './country-name-keys.js';
import { countryNameTerm, countryTerms, neutralTerms, samePersonKeys, samePersonTerm, type NeutralTerms } from './name-keys.js';
import { isFoldInvariant } from './text-features.js';

// ISO 639-1 → the Snowball algorithm for that language.
const snowballOf: Record<string, string> = {
  ar: 'arabic', hy: 'armenian', eu: 'basque', ca: 'catalan', cs: 'czech', da: 'danish', nl: 'dutch', en: 'english',
  fi: 'finnish', fr: 'french', de: 'german', hu: 'hungarian', it: 'italian', ga: 'irish', no: 'norwegian', nb: 'norwegian',
  pt: 'portuguese', ro: 'romanian', ru: 'russian', es: 'spanish', sl: 'slovene', sv: 'swedish', ta: 'tamil', tr: 'turkish',
  // Azerbaijani is close enough to Turkish for its stemmer, as search reads it (search-sql.ts).
  az: 'turkish',
};

interface Language {
  stopwords: ReadonlySet<string>;
  /** Turkish and Azerbaijani casing: capital I is ı. */
  turkish: boolean;
  /** A word's term: stemmed as written, then its accents folded; '' for a stopword. */
  term: (word: string) => string;
}

const languages = new Map<string, Language>();

/** Accents folded, as two outlets may write a name with or without them (Hangul syllables are whole again after). */
const fold = (word: string) => (isFoldInvariant(word) ? word : stripDiacritics(word));

/**
 * What the stemmer reads: the word with its optional marks folded, as an outlet may leave them out, but not the letters
 * a language's stemmer knows as its own. Folded whole first, Russian "военный" lost the й of its ending and stemmed
 * apart from "военная", and Turkish "gerginliği" its ğ and stemmed apart from "gerginlik". So in Cyrillic only ё is
 * folded (to е, as Russian writes it optionally), in Turkish and Azerbaijani nothing; elsewhere (French é, Arabic
 * harakat) the accents are optional and folded.
 */
function beforeStemming(word: string, folded: string, turkish: boolean): string {
  if (turkish) return word;
  if (/\p{Script=Cyrillic}/u.test(word)) return word.replace(/ё/gu, 'е');
  return folded;
}

function languageOf(code: string | undefined, sample: string): Language {
  // Undetected short texts (a headline) in Latin script are most often English; other scripts get no stemming.
  const lang = code ?? (/^[\p{Script=Latin}\p{N}\p{P}\p{Z}\p{S}]*$/u.test(sample) ? 'en' : 'und');
  let entry = languages.get(lang);
  if (!entry) {
    const algorithm = snowballOf[lang];
    const stemmer: Stemmer | undefined = algorithm ? snowball.newStemmer(algorithm) : undefined;
    const stopwords = stopwordsOf(lang);
    const memo = new Map<string, string>();
    const turkish = lang === 'tr' || lang === 'az';
    entry = {
      stopwords,
      turkish,
      // A stopword is one as written (stopwords-iso writes its accents) or folded (as an outlet without them writes it).
      term: (word) => {
        let term = memo.get(word);
        if (term === undefined) {
          if (memo.size > 100_000) memo.clear();
          const folded = fold(word);
          term = stopwords.has(word) || stopwords.has(folded) ? '' : stemmer ? fold(stemmer.stem(beforeStemming(word, folded, turkish))) : folded;
          memo.set(word, term);
        }
        return term;
      },
    };
    languages.set(lang, entry);
  }
  return entry;
}

const titleWeight = 3;
/** Longest term kept. Words are cut off at 40 letters already; a name or a number (a 6,000-digit one) was not, and
 * a term past PostgreSQL's index row size (2,704 bytes) failed the write of the pending term counts, and so every
 * store after it, for all feeds. No real name, number or pair of names is this long. */
export const maxTermLength = 64;
/** Most terms kept per article: the rest of a long text adds cost (each is counted in TermStat), not evidence (80 and
 * 120 cluster the benchmark sets alike; 60 loses ECB+ precision). */
export const maxArticleTerms = 80;
/** Most names and numbers kept per article (counted within maxArticleTerms). */
const maxNeutralTerms = 8;
/** How much of a text is read for names: an article names its people early, and only the few most frequent are kept,
 * while reading names where no capital marks them (Georgian, Thai) costs up to 13 µs a word: a 4 MB page took 10 s. */
const namesRead = 50_000;
/** Most countries kept per article (besides maxArticleTerms: they must not displace a word). */
const maxCountryTerms = 5;
/** Most same-person pairs kept per article (of its eight names), besides maxArticleTerms too. */
const maxSamePersonTerms = 8;

const wordRun = new RegExp(`${wordPattern}(?:['’.]${wordPattern})*`, 'gu');

function words(text: string, turkish: boolean): string[] {
  const lower = turkish ? text.normalize('NFC').toLocaleLowerCase('tr') : text.normalize('NFC').toLowerCase();
  const runs = lower.match(wordRun) ?? [];
  // Only a text with an unspaced script has runs to segment; testing each run of every text cost more than the rest.
  return unspacedScript.test(lower) ? runs.flatMap((run) => [...wordsOfRun(run)]) : runs;
}

function tokens(text: string, language: Language): string[] {
  const out: string[] = [];
  for (const raw of words(text, language.turkish)) {
    // "U.S." and "U.S" are one word, "Obama's" is "Obama". (Most words have no mark: no replacing for them.)
    const word = /['’.]/.test(raw) ? raw.replace(/['’]s$/u, '').replace(/['’.]/gu, '') : raw;
    // One CJK character can be a word (国, 战); elsewhere a single letter is noise. A word is letters and digits
    // only, so one starting with a-z has a letter.
    if ((word.length < 2 && !unspacedScript.test(word)) || word.length > 40 || (!startsLatinLower(word) && !/\p{L}/u.test(word))) continue;
    const term = language.term(word);
    if (term) out.push(term);
  }
  return out;
}

function startsLatinLower(word: string): boolean {
  const c = word.charCodeAt(0);
  return c >= 97 && c <= 122;
}

/**
 * Term → log-scaled weight (1 + ln count, title words counted three times), the heaviest `maxArticleTerms`; and, which
 * only a join across languages looks at (story-choice.ts), the pairs of its names that stand together as one person's
 * (`&~dnld~trmp`, the `maxSamePersonTerms` most frequent), which of its names are a country's (`^~krn`) and the
 * article's tagged countries (`@ge`, weight 1, the most salient `maxCountryTerms`).
 */
export function clusterTerms(
  article: { title: string; text: string; language?: string | undefined; countries?: readonly string[] | undefined },
  options: { countryNames?: boolean } = {},
): Record<string, number> {
  const language = languageOf(article.language, article.title);
  const counts = new Map<string, number>();
  for (const t of tokens(article.title, language)) counts.set(t, (counts.get(t) ?? 0) + titleWeight);
  // The body often repeats the title as its first line; that is no extra evidence.
  const body = article.text.startsWith(article.title) ? article.text.slice(article.title.length) : article.text;
  for (const t of tokens(body, language)) counts.set(t, (counts.get(t) ?? 0) + 1);
  // Names and numbers in a form every language shares (name-keys.ts), for stories told in several languages.
  // A headline In Title Case capitalises every word: its capitals say nothing about names.
  const titleWords = article.title.match(/[\p{L}]+/gu) ?? [];
  const titleCase = titleWords.filter((w) => /^\p{Lu}/u.test(w)).length >= 0.6 * titleWords.length;
  const names = new Map<string, number>();
  // Which names stand together as one person's (name-keys.ts, samePersonTerm), counted as the names are.
  const people = new Map<string, number>();
  const count = (neutral: NeutralTerms, weight: number) => {
    for (const t of neutral.terms) if (t.length <= maxTermLength) names.set(t, (names.get(t) ?? 0) + weight);
    for (const [a, b] of neutral.together) {
      const t = samePersonTerm(a, b);
      if (t.length <= maxTermLength) people.set(t, (people.get(t) ?? 0) + weight);
    }
  };
  if (!titleCase) count(neutralTerms(article.title, language.stopwords), titleWeight);
  count(neutralTerms(body.length > namesRead ? body.slice(0, namesRead) : body, language.stopwords), 1);
  // The most frequent few are what a report of the event in another language shares; more only cost storage.
  for (const [t, c] of [...names].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, maxNeutralTerms)) counts.set(t, c);
  const kept = heaviest(counts, maxArticleTerms);
  const keptTerms = new Set(kept.map(([t]) => t));
  // Pairs of the names the article keeps (no other name is compared), kept besides its words as its countries are.
  const together = new Map([...people].filter(([t]) => samePersonKeys(t).every((k) => keptTerms.has(k))));
  kept.push(...heaviest(together, maxSamePersonTerms));
  // Which of them are the name of a country the article is tagged with (at most the eight names kept), besides the
  // words too.
  const countries = article.countries ?? [];
  if (countries.length && options.countryNames !== false) for (const t of keptTerms) if (t.startsWith('~') && isCountryNameKey(t, countries)) kept.push([countryNameTerm(t), 1]);
  for (const t of countryTerms(countries).slice(0, maxCountryTerms)) kept.push([t, 1]);
  return Object.fromEntries(kept);
}

/**
 * The `n` heaviest terms with their weights (1 + ln count), heaviest first and ties in term order. Counts are whole
 * numbers and the weight grows with the count, so terms are grouped by count and only the groups that are kept are
 * sorted: most terms of an article occur once, and comparing them all one by one was most of this stage's sorting.
 */
function heaviest(counts: ReadonlyMap<string, number>, n: number): [string, number][] {
  const byCount = new Map<number, string[]>();
  for (const [term, count] of counts) {
    const group = byCount.get(count);
    if (group) group.push(term);
    else byCount.set(count, [term]);
  }
  const out: [string, number][] = [];
  for (const count of [...byCount.keys()].sort((a, b) => b - a)) {
    const weight = 1 + Math.log(count);
    // The default sort compares UTF-16 code units, as `<` on two strings does.
    for (const term of (byCount.get(count) as string[]).sort()) {
      if (out.length >= n) return out;
      out.push([term, weight]);
    }
  }
  return out;
}
