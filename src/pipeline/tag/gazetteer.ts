// The city-timezones gazetteer (7,300 cities with population and first-level subdivision), indexed by the
// tokenizer's keys. Datelines read all of it; running text only its big, unambiguous cities.
import { cityMapping } from 'city-timezones';
import { tokenize } from './text.js';

export interface GazetteerCity {
  country: string;
  pop: number;
}

export interface Gazetteer {
  /** Cities by name key, most populous first. */
  cities: ReadonlyMap<string, readonly GazetteerCity[]>;
  /** Countries by subdivision name key (`alberta` → CA), with the population the gazetteer lists there. */
  provinces: ReadonlyMap<string, readonly GazetteerCity[]>;
}

function key(text: string): string {
  return tokenize(text)
    .map((t) => t.key)
    .join(' ');
}

/** "Ft. Worth" is also written "Fort Worth", "St. Louis" "Saint Louis", and the other way round. */
function variants(name: string): string[] {
  const out = [name];
  const swaps: [RegExp, string][] = [
    [/^ft /, 'fort '],
    [/^fort /, 'ft '],
    [/^st /, 'saint '],
    [/^saint /, 'st '],
  ];
  for (const [re, to] of swaps) if (re.test(name)) out.push(name.replace(re, to));
  return out;
}

function add(map: Map<string, GazetteerCity[]>, k: string, country: string, pop: number): void {
  if (!k) return;
  const list = map.get(k) ?? [];
  const same = list.find((c) => c.country === country);
  if (same) same.pop += pop;
  else list.push({ country, pop });
  map.set(k, list);
}

function build(): Gazetteer {
  const cities = new Map<string, GazetteerCity[]>();
  const provinces = new Map<string, GazetteerCity[]>();
  for (const city of cityMapping) {
    // A few rows carry "-99" for places without an ISO code (Hargeysa, Pristina).
    if (!/^[A-Z]{2}$/.test(city.iso2)) continue;
    const pop = Number.isFinite(city.pop) ? city.pop : 0;
    const names = new Set([key(city.city_ascii), key(city.city)].flatMap(variants));
    for (const name of names) {
      const list = cities.get(name) ?? [];
      list.push({ country: city.iso2, pop });
      cities.set(name, list);
    }
    if (city.province) add(provinces, key(city.province), city.iso2, pop);
  }
  for (const list of cities.values()) list.sort((a, b) => b.pop - a.pop);
  for (const list of provinces.values()) list.sort((a, b) => b.pop - a.pop);
  return { cities, provinces };
}

let gazetteer: Gazetteer | undefined;

export function cityGazetteer(): Gazetteer {
  gazetteer ??= build();
  return gazetteer;
}

/**
 * The country a place name most likely means: the most populous entry, unless another country's entry is at
 * least a quarter as big (then the name alone does not decide).
 */
export function dominantCountry(entries: readonly GazetteerCity[] | undefined, dominance = 4): string | undefined {
  const top = entries?.[0];
  if (!top) return undefined;
  const rival = entries.find((c) => c.country !== top.country);
  if (rival && rival.pop * dominance > top.pop) return undefined;
  return top.country;
}
