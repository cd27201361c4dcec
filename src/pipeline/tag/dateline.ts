// Datelines ("NEW YORK, March 3 -", "CALGARY, Alberta, March 3 -", "BAKU, Azerbaijan (AP) —") name the place a
// story was filed from: the single strongest hint of its country. A qualifier after the city (a country, a US state
// abbreviation, a province) decides; otherwise the city itself, first as a country name or capital, then through the
// gazetteer's most populous city of that name. An ambiguous qualifier ("ATLANTA, Georgia") is decided by its city.
import type { AliasSpec } from './lexicon/alias-types.js';
import { NO_EVIDENCE, supportedCountry, type Evidence } from './countries.js';
import { countryLexicon, phraseKey } from './country-lexicon.js';
import { worldCountries as countries } from './world-countries.js';
import { US_STATE_ABBREVIATIONS } from './lexicon/subdivisions.js';
import { cityGazetteer, dominantCountry } from './gazetteer.js';

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\\.?';
// Everything from the date, the agency in brackets or the dash on is not the place.
const PLACE_END_RE = new RegExp(`(?:,?\\s*${MONTH}\\s+\\d{1,2}\\b|,?\\s*\\d{1,2}\\s+${MONTH}|\\s*\\(|\\s+[-–—]|\\s*[-–—]{2}|$)`);

/** The place part of a dateline, split at commas: `["CALGARY", "Alberta"]`. */
export function datelinePlaces(dateline: string): string[] {
  const trimmed = dateline.trim();
  const end = PLACE_END_RE.exec(trimmed);
  const place = end ? trimmed.slice(0, end.index) : trimmed;
  return place
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

function qualifierCountry(part: string, city: string, evidence: Evidence): string | undefined {
  const key = phraseKey(part);
  if (!key) return undefined;
  if (US_STATE_ABBREVIATIONS.has(key) || US_STATE_ABBREVIATIONS.has(key.replace(/ /g, ''))) return 'US';
  const spec = countryLexicon().byKey.get(key);
  if (spec?.support && spec.kind !== 'demonym') return ambiguousQualifierCountry(spec, city, evidence);
  if (spec?.country && spec.kind !== 'demonym') return spec.country;
  return dominantCountry(cityGazetteer().provinces.get(key));
}

/** Every country a place name is known in: the lexicon's entry, a capital, any gazetteer city of that name. */
function countriesNamed(key: string): Set<string> {
  const out = new Set<string>();
  const spec = countryLexicon().byKey.get(key);
  if (spec?.country && spec.kind !== 'demonym') out.add(spec.country);
  const capital = capitalCountry(key);
  if (capital) out.add(capital);
  for (const city of cityGazetteer().cities.get(key) ?? []) out.add(city.country);
  return out;
}

/**
 * A qualifier that names a country only with support (Georgia, the country or the US state): the city decides when
 * it lies in just one of the two (Atlanta, Athens → the state; Tbilisi, Gori → the country), otherwise the rule for
 * running text, weighed over the article's mentions' evidence. With no evidence either way, the state: local US outlets spell
 * "Georgia" out after towns the gazetteer does not know (STATESBORO, CARROLLTON) or knows elsewhere (ROME), while the
 * country's towns that make datelines are in the curated city list.
 */
function ambiguousQualifierCountry(spec: AliasSpec, city: string, evidence: Evidence): string | undefined {
  const known = countriesNamed(phraseKey(city));
  const candidates = [spec.country, spec.fallback].filter((c): c is string => c !== undefined && known.has(c));
  if (candidates.length === 1) return candidates[0];
  return supportedCountry(spec, evidence);
}

let capitals: Map<string, string> | undefined;

/**
 * Capitals of independent countries, including those too ambiguous for running text: an unqualified dateline
 * "SAN JOSE" is Costa Rica's capital (a Californian San Jose dateline says "SAN JOSE, Calif.").
 */
function capitalCountry(key: string): string | undefined {
  if (!capitals) {
    capitals = new Map();
    for (const c of countries) if (c.independent) for (const capital of c.capital) capitals.set(phraseKey(capital), c.cca2);
  }
  return capitals.get(key);
}

function placeCountry(part: string): string | undefined {
  const key = phraseKey(part);
  if (!key) return undefined;
  const spec = countryLexicon().byKey.get(key);
  // A dateline city is certainly a place, so the fallback (Georgia the US state) does not apply here.
  if (spec?.country && spec.kind !== 'demonym') return spec.country;
  const capital = capitalCountry(key);
  if (capital) return capital;
  const gazetteer = cityGazetteer();
  return dominantCountry(gazetteer.cities.get(key), 1) ?? dominantCountry(gazetteer.provinces.get(key), 1);
}

/**
 * ISO alpha-2 of the place a dateline names, or undefined when it names none the lexicon or gazetteer knows.
 * `evidence` is that of the article's country mentions (findMentions), for a qualifier its city cannot place (a small
 * town, Georgia).
 */
export function datelineCountry(dateline: string, evidence: Evidence = NO_EVIDENCE): string | undefined {
  const [city, ...qualifiers] = datelinePlaces(dateline);
  if (!city) return undefined;
  for (let i = qualifiers.length - 1; i >= 0; i--) {
    const country = qualifierCountry(qualifiers[i] as string, city, evidence);
    if (country) return country;
  }
  return placeCountry(city);
}

// A wire-style dateline opening a text: an upper-case place, optional qualifier and date, optional agency, a dash.
// The date may be written month first or day first, with or without its year ("June 24, 2025", "28 March 2025"); the
// place in capitals of any alphabet (SÃO PAULO, İZMİR, МОСКВА).
const LEADING_DATE = `(?:,?\\s*(?:${MONTH}\\s+\\d{1,2}(?:,?\\s+\\d{4})?|\\d{1,2}\\s+${MONTH}(?:,?\\s+\\d{4})?))?`;
const LEADING_DATELINE_RE = new RegExp(
  `^\\s*(\\p{Lu}[\\p{Lu}.'’ -]{1,40}(?:,\\s*\\p{Lu}[\\p{L}.'’ -]{1,30}){0,2}${LEADING_DATE})\\s*(?:\\([^)\\n]{1,40}\\))?\\s*[-–—]{1,2}\\s`,
  'u',
);

/** The dateline a text opens with, if it opens with one ("BAKU, Azerbaijan (AP) — …"). */
export function leadingDateline(text: string): string | undefined {
  const match = LEADING_DATELINE_RE.exec(text.slice(0, 160));
  const place = match?.[1]?.trim();
  // The first word must be in capitals: that is what tells a dateline from a sentence starting with a name.
  if (!place || !/^\p{Lu}[\p{Lu}.'’ -]{2,}(?:,|$)/u.test(place.split(',')[0] ?? '')) return undefined;
  return place;
}
