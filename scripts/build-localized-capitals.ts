// `npx tsx scripts/build-localized-capitals.ts [--from <cldr-dates-full dir>]`: writes
// src/pipeline/tag/lexicon/localized-capitals.json, each country's capital (or, where the capital is not a time-zone
// city, its largest city) as CLDR writes it in the languages of NAME_LOCALES.
//
// Source: the `exemplarCity` of every time zone in CLDR's timeZoneNames (npm package cldr-dates-full, Unicode, Inc.,
// licence Unicode-3.0). The package is ~100 MB unpacked, so it is not a dependency: without --from the script fetches
// the pinned version with `npm pack` into a temporary folder, and only the small table it extracts is committed.
// A zone's city is placed in a country through the city-timezones gazetteer (its English name, and the zone it lists);
// only a country's capital (world-countries) or its most populous gazetteer city is kept, so that a small town that
// happens to name a zone, or shares a name with a place elsewhere, tags nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cityMapping } from 'city-timezones';
import { NAME_LOCALES } from '../src/pipeline/tag/localized-names.js';
import { tokenize } from '../src/pipeline/tag/text.js';
import { worldCountries } from '../src/pipeline/tag/world-countries.js';

const CLDR_PACKAGE = 'cldr-dates-full@48.2.0';
const OUT = fileURLToPath(new URL('../src/pipeline/tag/lexicon/localized-capitals.json', import.meta.url));

type ZoneTree = { [name: string]: ZoneTree | string | undefined; exemplarCity?: string; _type?: string };

function key(text: string): string {
  return tokenize(text)
    .map((t) => t.key)
    .join(' ');
}

function cldrDir(args: string[]): string {
  const i = args.indexOf('--from');
  if (i >= 0 && args[i + 1]) return args[i + 1] as string;
  const tmp = mkdtempSync(join(tmpdir(), 'cldr-'));
  const file = execFileSync('npm', ['pack', CLDR_PACKAGE, '--silent', '--pack-destination', tmp], { encoding: 'utf8' }).trim().split('\n').pop() as string;
  execFileSync('tar', ['xzf', join(tmp, file), '-C', tmp]);
  return join(tmp, 'package');
}

/** Zone id (`Asia/Yerevan`) → exemplar city in one locale, as CLDR gives it (absent: the locale inherits the id). */
function exemplarCities(dir: string, locale: string): Map<string, string> {
  const file = join(dir, 'main', locale, 'timeZoneNames.json');
  const out = new Map<string, string>();
  if (!existsSync(file)) return out;
  const json = JSON.parse(readFileSync(file, 'utf8')) as { main: Record<string, { dates: { timeZoneNames: { zone?: ZoneTree } } }> };
  const zones = Object.values(json.main)[0]?.dates.timeZoneNames.zone ?? {};
  const walk = (tree: ZoneTree, path: string[]): void => {
    for (const [name, value] of Object.entries(tree)) {
      if (!value || typeof value !== 'object') continue;
      if (value._type === 'zone') {
        if (typeof value.exemplarCity === 'string') out.set([...path, name].join('/'), value.exemplarCity);
      } else walk(value, [...path, name]);
    }
  };
  walk(zones, []);
  return out;
}

export interface LocalizedCity {
  country: string;
  /** The English name (CLDR's exemplar city in `en`). */
  city: string;
  /** The country's capital (otherwise its most populous city). */
  capital: boolean;
  /** Locale → the city's name there, only where it differs from the English one. */
  names: Record<string, string>;
}

function build(dir: string): LocalizedCity[] {
  const english = exemplarCities(dir, 'en');
  const rowsByName = new Map<string, (typeof cityMapping)[number][]>();
  const largest = new Map<string, { key: string; pop: number }>();
  for (const row of cityMapping) {
    if (!/^[A-Z]{2}$/.test(row.iso2)) continue;
    for (const k of new Set([key(row.city), key(row.city_ascii)])) rowsByName.set(k, [...(rowsByName.get(k) ?? []), row]);
    const pop = Number.isFinite(row.pop) ? row.pop : 0;
    const top = largest.get(row.iso2);
    if (!top || pop > top.pop) largest.set(row.iso2, { key: key(row.city_ascii), pop });
  }
  const capitals = new Map<string, Set<string>>();
  for (const c of worldCountries) capitals.set(c.cca2, new Set(c.capital.map(key)));

  const locales = NAME_LOCALES.map((l) => ({ code: l, cldr: new Intl.DisplayNames([l], { type: 'region' }).resolvedOptions().locale }));
  const localized = new Map(locales.map((l) => [l.code, exemplarCities(dir, l.cldr)]));

  const out: LocalizedCity[] = [];
  // English lists only the zones whose city is not spelled as in the id: the ids are those any locale names.
  const zones = new Set([...localized.values()].flatMap((m) => [...m.keys()]));
  for (const zone of [...zones].sort()) {
    const city = english.get(zone) ?? (zone.split('/').pop() as string).replace(/_/g, ' ');
    const k = key(city);
    const rows = rowsByName.get(k) ?? [];
    // The gazetteer row of this zone's city: the one listing this zone, else the most populous of that name.
    const row = rows.find((r) => r.timezone === zone) ?? [...rows].sort((a, b) => b.pop - a.pop)[0];
    if (!row) continue;
    const country = row.iso2;
    const capital = capitals.get(country)?.has(k) ?? false;
    if (!capital && largest.get(country)?.key !== k) continue;
    const names: Record<string, string> = {};
    for (const { code } of locales) {
      const name = localized.get(code)?.get(zone);
      if (name && key(name) !== k) names[code] = name;
    }
    if (Object.keys(names).length > 0) out.push({ country, city, capital, names });
  }
  return out.sort((a, b) => a.country.localeCompare(b.country) || a.city.localeCompare(b.city));
}

const dir = cldrDir(process.argv.slice(2));
const cities = build(dir);
const version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
const header = {
  source: `CLDR timeZoneNames exemplarCity (npm cldr-dates-full ${version}), built by scripts/build-localized-capitals.ts`,
  licence: 'Unicode-3.0 (Copyright © Unicode, Inc.; https://www.unicode.org/license.txt)',
};
// One city per line, so a rebuild reads as a diff of cities.
const body = cities.map((c) => `    ${JSON.stringify(c)}`).join(',\n');
writeFileSync(OUT, `{\n  "source": ${JSON.stringify(header.source)},\n  "licence": ${JSON.stringify(header.licence)},\n  "cities": [\n${body}\n  ]\n}\n`);
console.log(`${cities.length} cities (${cities.filter((c) => c.capital).length} capitals) → ${OUT}`);
