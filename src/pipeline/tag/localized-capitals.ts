// Capitals (or, where the capital names no time zone, the largest city) as CLDR writes them in the languages of
// NAME_LOCALES: lexicon/localized-capitals.json, extracted from CLDR's time-zone exemplar cities by
// scripts/build-localized-capitals.ts (Unicode-3.0 licence; docs/adr/0013-country-names-in-many-languages.md).
// Capitals that name no time zone (Beijing, Ankara, Naypyidaw) come from a small table typed from Wikipedia's titles,
// ./lexicon/capitals-beyond-zones.ts.
import { readFileSync } from 'node:fs';
import { CAPITALS_BEYOND_ZONES } from './lexicon/capitals-beyond-zones.js';

interface CityRow {
  country: string;
  city: string;
  capital: boolean;
  names: Record<string, string>;
}

let rows: CityRow[] | undefined;
let byCountry: Map<string, { locale: string; name: string }[]> | undefined;

function cityRows(): CityRow[] {
  // Read lazily (and not imported) so that the build script, which imports the locale list, runs without the table.
  rows ??= (JSON.parse(readFileSync(new URL('./lexicon/localized-capitals.json', import.meta.url), 'utf8')) as { cities: CityRow[] }).cities;
  return rows;
}

/** The country's capital or largest city in each locale that spells it otherwise than English does. */
export function localizedCapitals(cca2: string): readonly { locale: string; name: string }[] {
  if (!byCountry) {
    byCountry = new Map();
    for (const row of [...cityRows(), ...CAPITALS_BEYOND_ZONES]) {
      const list = byCountry.get(row.country) ?? [];
      for (const [locale, name] of Object.entries(row.names)) list.push({ locale, name });
      byCountry.set(row.country, list);
    }
  }
  return byCountry.get(cca2) ?? [];
}

/**
 * The cities a locale names in the given letters, by that name (or `keyOf` it), with their English names: what a name
 * in a script without capitals is keyed by for clustering (ბრიუსელი, Brussels). One-word English names only: a name
 * of several words (Hong Kong) has a key per word in English, and one word stands for none of them.
 */
export function citiesIn(locale: string, letters: RegExp, keyOf: (name: string) => string = (name) => name): Map<string, string> {
  const cities = new Map<string, string>();
  for (const row of cityRows()) {
    const name = row.names[locale];
    if (name && letters.test(name) && /^\p{L}+$/u.test(row.city)) cities.set(keyOf(name), row.city);
  }
  return cities;
}
