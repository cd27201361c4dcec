// Reads the Reuters-21578 SGML files (reut2-NNN.sgm, optionally gzipped) into plain stories, and maps the gold
// PLACES labels (lower-case Reuters names such as `west-germany`) to today's ISO 3166-1 alpha-2 codes.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface ReutersStory {
  newId: string;
  title: string;
  dateline: string;
  body: string;
  /** Gold places as ISO alpha-2, in the order Reuters listed them; empty when the story has no PLACES label. */
  places: string[];
  /** PLACES labels that have no ISO mapping (kept so a bench can report them rather than silently drop them). */
  unmappedPlaces: string[];
}

/**
 * Reuters place names whose code is not simply "the country of that name". Historic states map to the successor
 * the benchmark README names; the two Yemens were unified in 1990; the Netherlands Antilles were dissolved in 2010
 * and Curaçao is their largest successor.
 */
const REUTERS_PLACE_OVERRIDES: Readonly<Record<string, string>> = {
  usa: 'US',
  uk: 'GB',
  uae: 'AE',
  ussr: 'RU',
  'west-germany': 'DE',
  'east-germany': 'DE',
  czechoslovakia: 'CZ',
  yugoslavia: 'RS',
  burma: 'MM',
  kampuchea: 'KH',
  zaire: 'CD',
  'yemen-arab-republic': 'YE',
  'yemen-demo-republic': 'YE',
  'netherlands-antilles': 'CW',
  'ivory-coast': 'CI',
  'cape-verde': 'CV',
  swaziland: 'SZ',
  'western-samoa': 'WS',
  'trinidad-tobago': 'TT',
  'hong-kong': 'HK',
  macao: 'MO',
  congo: 'CG',
  'north-korea': 'KP',
  'south-korea': 'KR',
  vatican: 'VA',
  'us-virgin-islands': 'VI',
  'british-virgin-islands': 'VG',
  laos: 'LA',
  turkey: 'TR',
};

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_m, n: string) => {
      const code = Number(n);
      // Control characters (&#2; &#3; &#5; …) are wire framing, not text.
      return code < 32 && code !== 10 && code !== 9 ? '' : String.fromCharCode(code);
    })
    .replace(/&(\w+);/g, (m, name: string) => ENTITIES[name] ?? m);
}

function element(block: string, tag: string): string {
  const match = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(block);
  return match?.[1] ?? '';
}

/**
 * Maps a Reuters place label to ISO alpha-2 using the overrides, then the country names the caller supplies
 * (lower-cased English names, hyphens for spaces, e.g. `new-zealand` → `NZ`).
 */
export function mapReutersPlace(label: string, namesToIso: ReadonlyMap<string, string>): string | undefined {
  return REUTERS_PLACE_OVERRIDES[label] ?? namesToIso.get(label);
}

export function parseReutersSgml(sgml: string, namesToIso: ReadonlyMap<string, string>): ReutersStory[] {
  const stories: ReutersStory[] = [];
  const blocks = sgml.split('</REUTERS>');
  for (const block of blocks) {
    const open = /<REUTERS[^>]*NEWID="(\d+)"/.exec(block);
    if (!open?.[1]) continue;
    const labels = [...element(block, 'PLACES').matchAll(/<D>([^<]*)<\/D>/g)].map((m) => m[1] ?? '');
    const places: string[] = [];
    const unmappedPlaces: string[] = [];
    for (const label of labels) {
      const iso = mapReutersPlace(label, namesToIso);
      if (iso === undefined) unmappedPlaces.push(label);
      else if (!places.includes(iso)) places.push(iso);
    }
    const text = /<TEXT[^>]*>([\s\S]*?)<\/TEXT>/.exec(block)?.[1] ?? '';
    // <TEXT TYPE="BRIEF"> and "UNPROC" stories lack a <BODY>: whatever text is left after the title is the body.
    const body = element(text, 'BODY') || text.replace(/<(TITLE|DATELINE)>[\s\S]*?<\/\1>/g, '').replace(/<[^>]+>/g, '');
    stories.push({
      newId: open[1],
      title: decodeEntities(element(text, 'TITLE')).trim(),
      dateline: decodeEntities(element(text, 'DATELINE')).trim(),
      body: decodeEntities(body).replace(/\s*Reuter\s*$/, '').trim(),
      places,
      unmappedPlaces,
    });
  }
  return stories;
}

/** Every `reut2-*.sgm[.gz]` file of a folder, in name order. */
export function readReutersFolder(dir: string, namesToIso: ReadonlyMap<string, string>): ReutersStory[] {
  const files = readdirSync(dir)
    .filter((f) => /^reut2-\d+\.sgm(\.gz)?$/.test(f))
    .sort();
  if (files.length === 0) throw new Error(`No reut2-*.sgm files in ${dir}.`);
  return files.flatMap((file) => {
    const raw = readFileSync(join(dir, file));
    // Reuters-21578 predates UTF-8; latin1 keeps every byte as one character.
    const sgml = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('latin1');
    return parseReutersSgml(sgml, namesToIso);
  });
}
