// Regions of an article: those its countries belong to, plus those the text names ("the South Caucasus"),
// ordered by the salience of their member countries and mentions. The definitions are a parameter, so a guild
// can bring its own; each set is compiled once into a phrase matcher and cached.
import { DEFAULT_REGIONS, type RegionDefinition } from './lexicon/default-regions.js';
import { normalizeTag } from './normalize.js';
import { PhraseMatcher } from './phrase-matcher.js';
import type { Token } from './text.js';

export type { RegionDefinition };

/** The built-in regions (docs/regions.md). */
export const defaultRegions: readonly RegionDefinition[] = DEFAULT_REGIONS;

const regionKey = (text: string) => normalizeTag(text).replace(/^the /, '');

/**
 * The region someone typed, by slug, name or alias, in any case, with or without "the" ("the South Caucasus",
 * `south-caucasus`): the one way every command and the tag reader recognise a region.
 */
export function matchRegion(regions: readonly RegionDefinition[], typed: string): RegionDefinition | undefined {
  const key = regionKey(typed);
  if (!key) return undefined;
  return regions.find((r) => [r.slug, r.name, ...(r.aliases ?? [])].some((n) => regionKey(n) === key));
}

/** Phrases that contain a region's name but mean somewhere else. */
const BLOCKING = ['North Caucasus', 'Northern Caucasus', 'Gulf of Mexico', 'Gulf Coast'];

/**
 * A region named in the text counts twice what a country's name does (title 3, body 1): the text says outright
 * which region it is about, where membership is only inferred from its countries.
 */
const TITLE_MENTION = 6;
const BODY_MENTION = 2;
/** A region that no tagged country supports needs this much mention weight of its own. */
const MIN_MENTION_ONLY = 2;
const MAX_REGIONS = 6;

// Guild region sets arrive as fresh arrays for each article: cache compiled matchers by content, not identity.
const compiled = new Map<string, PhraseMatcher<string>>();
const MAX_COMPILED = 64;
// The built-in set, which nothing changes, is found again without serialising it for every article.
let defaultMatcher: PhraseMatcher<string> | undefined;

function regionMatcher(regions: readonly RegionDefinition[]): PhraseMatcher<string> {
  if (regions === defaultRegions) return (defaultMatcher ??= compiledMatcher(regions));
  return compiledMatcher(regions);
}

function compiledMatcher(regions: readonly RegionDefinition[]): PhraseMatcher<string> {
  const signature = JSON.stringify(regions.map((r) => [r.slug, r.name, r.aliases ?? [], r.countries.length > 0]));
  let matcher = compiled.get(signature);
  if (!matcher) {
    matcher = new PhraseMatcher<string>();
    for (const phrase of BLOCKING) matcher.add(phrase, '');
    for (const region of regions) {
      // A region without countries is switched off (that is how a guild removes a default region).
      if (region.countries.length === 0) continue;
      matcher.add(region.name, region.slug);
      // "South Caucasus" is also written "the south-caucasus" by people who saw the tag.
      matcher.add(region.slug.replace(/-/g, ' '), region.slug);
      // Aliases are marked: a short one may name somewhere else ("the Caucasus republic" of Chechnya, "Russia's Far
      // East"), so rankRegions weighs them against the text's countries.
      for (const alias of region.aliases ?? []) matcher.add(alias, `${ALIAS}${region.slug}`);
    }
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(signature, matcher);
  }
  return matcher;
}

const ALIAS = '~';

/** Region slugs named in a text, with how often. */
export function regionMentions(tokens: readonly Token[], regions: readonly RegionDefinition[]): Map<string, number> {
  return mentionsOf(tokens, regionMatcher(regions));
}

/** Mentions per region slug; `byName` collects the slugs named by their name (not only by an alias). */
function mentionsOf(tokens: readonly Token[], matcher: PhraseMatcher<string>, byName?: Set<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const match of matcher.match(tokens)) {
    const value = match.values[0];
    if (!value) continue;
    const slug = value.startsWith(ALIAS) ? value.slice(ALIAS.length) : value;
    if (slug === value) byName?.add(slug);
    counts.set(slug, (counts.get(slug) ?? 0) + 1);
  }
  return counts;
}

export function rankRegions(
  countries: readonly { code: string; score: number }[],
  titleTokens: readonly Token[],
  bodyTokens: readonly Token[],
  regions: readonly RegionDefinition[],
): string[] {
  const scores = new Map<string, { score: number; fromCountries: boolean }>();
  const countryScore = new Map(countries.map((c) => [c.code, c.score]));
  for (const region of regions) {
    let score = 0;
    for (const code of region.countries) score += countryScore.get(code.toUpperCase()) ?? 0;
    if (score > 0) scores.set(region.slug, { score, fromCountries: true });
  }
  const matcher = regionMatcher(regions);
  const named = new Set<string>();
  const title = mentionsOf(titleTokens, matcher, named);
  const body = mentionsOf(bodyTokens, matcher, named);
  // The country the text is most about (countries come ranked, strongest first).
  const top = countries[0]?.code;
  for (const slug of new Set([...title.keys(), ...body.keys()])) {
    const mention = (title.get(slug) ?? 0) * TITLE_MENTION + (body.get(slug) ?? 0) * BODY_MENTION;
    const entry = scores.get(slug);
    if (entry) entry.score += mention;
    else if (mention >= MIN_MENTION_ONLY && !contradicted(slug)) scores.set(slug, { score: mention, fromCountries: false });
  }
  /**
   * A region none of whose countries the text names, named in the body by an alias only, while the text is mostly
   * about a country outside it: the alias names somewhere else ("Kadyrov's Caucasus republic", "Vladivostok in
   * Russia's Far East", "the Great Lakes region" of Michigan and Ontario).
   */
  function contradicted(slug: string): boolean {
    if (named.has(slug) || title.has(slug) || !top) return false;
    return !regions.find((r) => r.slug === slug)?.countries.some((c) => c.toUpperCase() === top);
  }
  return [...scores.entries()]
    .sort((a, b) => b[1].score - a[1].score)
    .slice(0, MAX_REGIONS)
    .map(([slug]) => slug);
}
