// Maps what a member types as a tag to the country, region or topic it names, so "azerbaijani", "Azerbaijan" and
// "AZ" all land on the same country tag; anything else stays a member tag in normalized form.
import { countryLexicon, phraseKey } from './country-lexicon.js';
import type { AliasKind } from './lexicon/alias-types.js';
import type { RegionDefinition } from './lexicon/default-regions.js';
import { countryName } from './display.js';
import { normalizeTag, visibleText } from './normalize.js';
import { defaultRegions, matchRegion } from './regions.js';
import { TOPICS } from './topic-lexicon.js';
import { worldCountries } from './world-countries.js';

export type ResolvedTag =
  | { kind: 'country'; code: string; name: string; label: string }
  | { kind: 'region'; slug: string; name: string; label: string }
  | { kind: 'topic'; slug: string; name: string; label: string }
  | { kind: 'member'; name: string; label: string };

/** Kinds of country alias a typed tag may stand for; a city or a state is a tag of its own ("texas", "baku"). */
const TAG_ALIAS_KINDS: ReadonlySet<AliasKind> = new Set(['name', 'historic', 'code', 'demonym', 'metonym']);

/**
 * The stored tag for a country: its display name normalized (`turkiye`), labelled with the name (`Türkiye`).
 * Regions and topics are stored under their slug (`south caucasus`, `human rights`), labelled with their name.
 */
export function countryTag(code: string): Extract<ResolvedTag, { kind: 'country' }> {
  const upper = code.toUpperCase();
  const label = countryName(upper);
  return { kind: 'country', code: upper, name: normalizeTag(label), label };
}

export function regionTag(region: RegionDefinition): Extract<ResolvedTag, { kind: 'region' }> {
  return { kind: 'region', slug: region.slug, name: regionTagName(region.slug), label: region.name };
}

/** The stored tag name of the region with this slug, for callers that hold only the slug (a follow, a route). */
export function regionTagName(slug: string): string {
  return normalizeTag(slug);
}

export function topicTag(slug: string): Extract<ResolvedTag, { kind: 'topic' }> | undefined {
  const topic = TOPICS.find((t) => t.slug === slug);
  return topic && { kind: 'topic', slug: topic.slug, name: normalizeTag(topic.slug), label: topic.name };
}

let codes: Map<string, string> | undefined;

/** ISO alpha-2 and alpha-3 codes, typed in capitals ("AZ", "AZE"): lower-case "am" or "in" are words. */
function codeCountry(raw: string): string | undefined {
  if (!/^[A-Z]{2,3}$/.test(raw)) return undefined;
  if (!codes) {
    codes = new Map();
    for (const c of worldCountries) {
      codes.set(c.cca2, c.cca2);
      codes.set(c.cca3, c.cca2);
    }
  }
  return codes.get(raw);
}

function countryOf(raw: string): string | undefined {
  const code = codeCountry(raw);
  if (code) return code;
  const spec = countryLexicon().byKey.get(phraseKey(raw));
  return spec?.country && TAG_ALIAS_KINDS.has(spec.kind) ? spec.country : undefined;
}

/**
 * What a typed tag means. `regions` are the guild's region definitions (default: the built-in ones). Returns
 * undefined when the text has nothing word-like in it.
 */
export function resolveTag(text: string, regions: readonly RegionDefinition[] = defaultRegions): ResolvedTag | undefined {
  const raw = visibleText(text).trim().replace(/^#+/, '');
  const name = normalizeTag(raw);
  if (!name) return undefined;
  // "the South Caucasus", "the Kremlin": the article is not part of the name.
  const bare = name.replace(/^the /, '');
  const country = countryOf(raw) ?? countryOf(bare);
  if (country) return countryTag(country);
  const region = matchRegion(regions, raw);
  if (region) return regionTag(region);
  for (const topic of TOPICS) {
    const names = [topic.slug, topic.name, ...(topic.synonyms ?? [])].map(normalizeTag);
    if (names.includes(name)) return topicTag(topic.slug);
  }
  return { kind: 'member', name, label: raw.replace(/\s+/g, ' ') };
}
