// Names that place a story in a country or region rather than identify an event: country names, demonyms,
// capitals, government metonyms (Kremlin) and region names. Clustering weighs them little; a provincial city
// (Yekaterinburg) is not one of them, because where something happened is what tells events apart.
import type { AliasKind } from './lexicon/alias-types.js';
import { countryLexicon, phraseKey } from './country-lexicon.js';
import { defaultRegions } from './regions.js';

const COUNTRY_LEVEL: ReadonlySet<AliasKind> = new Set(['name', 'historic', 'code', 'demonym', 'capital', 'metonym']);
let regionKeys: Set<string> | undefined;

export function isPlaceName(name: string): boolean {
  const key = phraseKey(name);
  if (!key) return false;
  const spec = countryLexicon().byKey.get(key);
  // A blocking phrase (country '') is a geographic name too: "Latin America", "Indian Ocean".
  if (spec && (spec.country === '' || COUNTRY_LEVEL.has(spec.kind))) return true;
  regionKeys ??= new Set(defaultRegions.flatMap((r) => [phraseKey(r.name), phraseKey(r.slug.replace(/-/g, ' '))]));
  return regionKeys.has(key) || regionKeys.has(key.replace(/^the /, ''));
}
