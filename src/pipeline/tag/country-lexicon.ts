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
import { latinName, localizedNames } from './localized-names.js';
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

interface Candidate {
  spec: AliasSpec;
  independent: boolean;
  area: number;
}

function plural(demonym: string): string | undefined {
  if (/(ese|sh|ch|ss|s|x|z)$/i.test(demonym)) return undefined;
  return `${demonym}s`;
}

function* worldCountryCandidates(keyOf: (phrase: string) => string): Generator<Candidate> {
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
    // A name in another language, in Latin letters, may be someone's first name (Mauricio, Maurice): see `translated`.
    const englishKey = keyOf(c.name.common);
    const foreign = (candidate: Candidate): Candidate =>
      keyOf(candidate.spec.phrase) !== englishKey && latinName.test(candidate.spec.phrase) ? { ...candidate, spec: { ...candidate.spec, translated: true } } : candidate;
    for (const native of Object.values(c.name.native ?? {})) yield foreign(add(native.common, 'name', 'cap'));
    for (const lang of TRANSLATION_LANGUAGES) {
      const t = c.translations[lang];
      if (t) yield foreign(add(t.common, 'name', 'cap'));
    }
    // A translation that drops a word of the English name ("Norfolk" for Norfolk Island) names something else too.
    const english = englishKey.split(' ');
    for (const { name, stem, upper, language } of localizedNames(c.cca2)) {
      if (stem) continue;
      const words = keyOf(name).split(' ');
      if (words.length < english.length && words.every((w) => english.includes(w))) continue;
      const candidate = upper ? add(name, 'name', 'upper') : foreign(add(name, 'name', 'cap'));
      yield language ? { ...candidate, spec: { ...candidate.spec, languages: [language] } } : candidate;
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

/**
 * The languages an entry kept for one key counts in, when two entries met there: every language either counts in
 * for the same country, and no restriction when either had none.
 */
function languagesOfBoth(a: AliasSpec, b: AliasSpec, chosen: AliasSpec): Pick<AliasSpec, 'languages'> {
  if (a.country !== b.country || !a.languages || !b.languages) return a.country !== b.country ? { languages: chosen.languages } : { languages: undefined };
  return { languages: [...new Set([...a.languages, ...b.languages])] };
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

/** phraseKey, remembered: a translation is keyed as a name and again as a candidate, and many repeat across locales. */
function memoPhraseKey(): (phrase: string) => string {
  const keys = new Map<string, string>();
  return (phrase) => {
    let key = keys.get(phrase);
    if (key === undefined) {
      key = phraseKey(phrase);
      keys.set(phrase, key);
    }
    return key;
  };
}

function buildLexicon(): CountryLexicon {
  const keyOf = memoPhraseKey();
  const byKey = new Map<string, AliasSpec>();
  // Curated rows first, in order: the first row for a phrase wins and nothing generated may replace it.
  const curated = [...rowsToSpecs(BLOCKING_PHRASES), ...rowsToSpecs(CURATED_ALIASES), ...rowsToSpecs(SUBDIVISION_ALIASES), ...rowsToSpecs(CURATED_CITIES)];
  for (const spec of curated) {
    const key = keyOf(spec.phrase);
    if (key && !byKey.has(key)) byKey.set(key, spec);
  }
  const generated = new Map<string, Candidate>();
  for (const candidate of [...worldCountryCandidates(keyOf), ...gazetteerCandidates()]) {
    for (const key of saintVariants(keyOf(candidate.spec.phrase))) {
      if (!key || byKey.has(key) || REJECTED_PHRASES.has(key)) continue;
      const current = generated.get(key);
      const chosen = !current || better(candidate, current) ? candidate : current;
      // A key that is also a name in English (Chile, Malta) is never only a foreign one.
      const translated = current ? { translated: candidate.spec.translated === true && current.spec.translated === true } : {};
      generated.set(key, current ? { ...chosen, spec: { ...chosen.spec, ...languagesOfBoth(candidate.spec, current.spec, chosen.spec), ...translated } } : chosen);
    }
  }
  for (const [key, candidate] of generated) byKey.set(key, candidate.spec);

  const matcher = new PhraseMatcher<AliasSpec>();
  for (const [key, spec] of byKey) matcher.addWords(key.split(' '), spec);
  // Inflected forms: the stem as a prefix word, for the matcher only (a typed tag names the country in full).
  // The same stem from several languages (İran in Turkish and Azerbaijani) is one entry for all of them.
  const stems = new Map<string, AliasSpec>();
  for (const c of countries) {
    for (const { stem, tail, language } of localizedNames(c.cca2)) {
      const key = stem && keyOf(stem);
      if (!key || key.includes(' ')) continue;
      const id = `${key}*${c.cca2}*${tail?.source ?? ''}`;
      const spec: AliasSpec = { phrase: stem, country: c.cca2, kind: 'name', casing: 'cap' };
      if (tail) spec.tail = { after: key.length, ending: tail };
      if (language) spec.languages = [language];
      const current = stems.get(id);
      stems.set(id, current ? { ...current, ...languagesOfBoth(spec, current, current) } : spec);
    }
  }
  for (const [id, spec] of stems) matcher.addWords([`${id.split('*')[0]}*`], spec);
  const codes = new Set(countries.map((c) => c.cca2));
  return { matcher, byKey, codes };
}

let lexicon: CountryLexicon | undefined;

export function countryLexicon(): CountryLexicon {
  lexicon ??= buildLexicon();
  return lexicon;
}
