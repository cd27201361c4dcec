// Builds the one country lexicon every article is matched against: world-countries (names, alternative spellings,
// translations, demonyms, capitals), the city-timezones gazetteer's big cities, and the curated rows in ./data.
// Built once, lazily, on first use (~30 ms), then shared.
import { rowsToSpecs, type AliasKind, type AliasSpec } from './lexicon/alias-types.js';
import { BLOCKING_PHRASES, CURATED_ALIASES, REJECTED_PHRASES } from './lexicon/country-aliases.js';
import { BODY_CITY_DOMINANCE, BODY_CITY_MIN_POPULATION, BODY_CITY_STOPLIST, CURATED_CITIES } from './lexicon/cities.js';
import { SUBDIVISION_ALIASES } from './lexicon/subdivisions.js';
import { worldCountries as countries } from './world-countries.js';
import { cityGazetteer, dominantCountry } from './gazetteer.js';
import { PhraseMatcher } from './phrase-matcher.js';
import { tokenize } from './text.js';

export interface CountryLexicon {
  matcher: PhraseMatcher<AliasSpec>;
  /** Every alias by its token key (`cote d ivoire`), for tag resolution and dateline look-ups. */
  byKey: ReadonlyMap<string, AliasSpec>;
  /** ISO alpha-2 codes the lexicon knows. */
  codes: ReadonlySet<string>;
}

/** The words of a phrase as the tokenizer sees them, joined by single spaces. */
export function phraseKey(phrase: string): string {
  return tokenize(phrase)
    .map((t) => t.key)
    .join(' ');
}

const KIND_RANK: Readonly<Record<AliasKind, number>> = {
  name: 0,
  historic: 0,
  code: 0,
  metonym: 1,
  capital: 2,
  demonym: 3,
  subdivision: 4,
  city: 5,
};

// Translations in these languages are written in Latin script or are otherwise likely in multilingual news.
const TRANSLATION_LANGUAGES = ['deu', 'fra', 'spa', 'ita', 'por', 'nld', 'tur', 'rus', 'ara', 'per', 'urd', 'kor', 'zho', 'jpn'];

// Country names in the languages of the regions a community follows, from Node's ICU (CLDR) rather than typed here:
// adding a language is adding its code (docs/adr/0013-country-names-in-many-languages.md).
const NAME_LOCALES = ['ru', 'uk', 'be', 'ar', 'fa', 'ur', 'tr', 'az', 'ka', 'hy', 'kk', 'uz', 'ky', 'tg', 'zh', 'zh-Hant', 'ja', 'ko', 'th', 'km', 'lo', 'my', 'vi', 'id', 'ms', 'tl', 'hi', 'bn', 'es', 'fr', 'pt', 'de', 'it', 'pl', 'ro', 'el', 'he', 'sr', 'bg', 'mn'];

// Languages whose nouns take case endings (Россия → России, Польща → Польщі): a name in them, in its own script,
// also matches as a prefix, its stem being the name without its final vowels (at least four letters left).
const INFLECTING = new Set(['ru', 'uk', 'be', 'kk', 'ky', 'tg', 'sr', 'bg', 'mn', 'ka', 'hy']);
const finalVowels = /[аяеёиоуыьйіїєюэaeiıouüöəաեէըիոօაეიოუ]+$/u;

let displayNames: Map<string, Intl.DisplayNames> | undefined;

/** Each country's name in NAME_LOCALES, with the stem of single-word names in inflecting languages. */
export function localizedNames(cca2: string): { name: string; stem?: string }[] {
  displayNames ??= new Map(NAME_LOCALES.map((l) => [l, new Intl.DisplayNames([l], { type: 'region', fallback: 'none' })]));
  const out: { name: string; stem?: string }[] = [];
  for (const [locale, names] of displayNames) {
    const name = names.of(cca2);
    if (!name || /^[A-Z]{2}$/.test(name)) continue;
    // In Latin script a short name is too often an English word ("Mỹ", the United States in Vietnamese, folds to
    // "my"): those are left to the curated aliases.
    if (/^[\p{Script=Latin}\s'’.-]+$/u.test(name) && name.replace(/[\s'’.-]/g, '').length < 6) continue;
    const bare = name.toLowerCase();
    // Not in Latin script: a Latin stem is an English word's start too ("liber-", "island-", "gamb-"); Turkish and
    // Azerbaijani set their endings off with an apostrophe (Rusya'nın), which the tokenizer splits anyway.
    const stem = INFLECTING.has(locale) && !/\s/.test(bare) && !/\p{Script=Latin}/u.test(bare) ? bare.replace(finalVowels, '') : undefined;
    out.push(stem && stem.length >= 4 ? { name, stem } : { name });
  }
  return out;
}

interface Candidate {
  spec: AliasSpec;
  independent: boolean;
  area: number;
}

function plural(demonym: string): string | undefined {
  if (/(ese|sh|ch|ss|s|x|z)$/i.test(demonym)) return undefined;
  return `${demonym}s`;
}

function* worldCountryCandidates(): Generator<Candidate> {
  for (const c of countries) {
    const base = { independent: c.independent === true, area: c.area };
    const add = (phrase: string, kind: AliasKind, casing: AliasSpec['casing']): Candidate => ({
      ...base,
      spec: { phrase, country: c.cca2, kind, casing },
    });
    yield add(c.name.common, 'name', 'any');
    if (c.name.official.split(/\s+/).length <= 6) yield add(c.name.official, 'name', 'any');
    for (const alt of c.altSpellings) {
      // Two- and three-letter codes (AZ, IN, IT) are words in running text; commas mark index forms.
      if (alt.length <= 3 || alt.includes(',')) continue;
      yield add(alt, 'name', 'any');
    }
    for (const native of Object.values(c.name.native ?? {})) yield add(native.common, 'name', 'cap');
    for (const lang of TRANSLATION_LANGUAGES) {
      const t = c.translations[lang];
      if (t) yield add(t.common, 'name', 'cap');
    }
    // A translation that drops a word of the English name ("Norfolk" for Norfolk Island) names something else too.
    const english = phraseKey(c.name.common).split(' ');
    for (const { name } of localizedNames(c.cca2)) {
      const words = phraseKey(name).split(' ');
      if (words.length < english.length && words.every((w) => english.includes(w))) continue;
      yield add(name, 'name', 'cap');
    }
    const demonyms = new Set<string>();
    for (const d of [c.demonyms.eng?.m, c.demonyms.eng?.f]) {
      for (const part of (d ?? '').split(/,| or /)) if (part.trim()) demonyms.add(part.trim());
    }
    for (const d of demonyms) {
      yield add(d, 'demonym', 'any');
      const p = plural(d);
      if (p) yield add(p, 'demonym', 'any');
    }
    for (const capital of c.capital) yield add(capital, 'capital', 'cap');
  }
}

function* gazetteerCandidates(): Generator<Candidate> {
  for (const [key, list] of cityGazetteer().cities) {
    if (key.length < 4 || BODY_CITY_STOPLIST.has(key)) continue;
    const top = list[0];
    if (!top || top.pop < BODY_CITY_MIN_POPULATION) continue;
    const country = dominantCountry(list, BODY_CITY_DOMINANCE);
    if (!country) continue;
    yield { independent: true, area: 0, spec: { phrase: key, country, kind: 'city', casing: 'cap' } };
  }
}

/** "Saint Lucia" is also written "St Lucia" and "St. Lucia" (the tokenizer drops the dot). */
function saintVariants(key: string): string[] {
  if (key.startsWith('saint ')) return [key, `st ${key.slice(6)}`];
  if (key.startsWith('st ')) return [key, `saint ${key.slice(3)}`];
  return [key];
}

function better(a: Candidate, b: Candidate): boolean {
  const ka = KIND_RANK[a.spec.kind];
  const kb = KIND_RANK[b.spec.kind];
  if (ka !== kb) return ka < kb;
  if (a.independent !== b.independent) return a.independent;
  return a.area > b.area;
}

function buildLexicon(): CountryLexicon {
  const byKey = new Map<string, AliasSpec>();
  // Curated rows first, in order: the first row for a phrase wins and nothing generated may replace it.
  const curated = [...rowsToSpecs(BLOCKING_PHRASES), ...rowsToSpecs(CURATED_ALIASES), ...rowsToSpecs(SUBDIVISION_ALIASES), ...rowsToSpecs(CURATED_CITIES)];
  for (const spec of curated) {
    const key = phraseKey(spec.phrase);
    if (key && !byKey.has(key)) byKey.set(key, spec);
  }
  const generated = new Map<string, Candidate>();
  for (const candidate of [...worldCountryCandidates(), ...gazetteerCandidates()]) {
    for (const key of saintVariants(phraseKey(candidate.spec.phrase))) {
      if (!key || byKey.has(key) || REJECTED_PHRASES.has(key)) continue;
      const current = generated.get(key);
      if (!current || better(candidate, current)) generated.set(key, candidate);
    }
  }
  for (const [key, candidate] of generated) byKey.set(key, candidate.spec);

  const matcher = new PhraseMatcher<AliasSpec>();
  for (const [key, spec] of byKey) matcher.addWords(key.split(' '), spec);
  // Inflected forms: the stem as a prefix word, for the matcher only (a typed tag names the country in full).
  for (const c of countries) {
    for (const { stem } of localizedNames(c.cca2)) {
      const key = stem && phraseKey(stem);
      if (key && !key.includes(' ')) matcher.addWords([`${key}*`], { phrase: stem, country: c.cca2, kind: 'name', casing: 'cap' });
    }
  }
  const codes = new Set(countries.map((c) => c.cca2));
  return { matcher, byKey, codes };
}

let lexicon: CountryLexicon | undefined;

export function countryLexicon(): CountryLexicon {
  lexicon ??= buildLexicon();
  return lexicon;
}
