// How each guild sees a story: its regions under the guild's own definitions, and the tags to attach (countries,
// regions, topics, plus the defaults of the guild's sources for that feed).
import type { Prisma } from '../db/client.js';
import type { FeedAudience, GuildView } from '../db/deliveries.js';
import { regionOverrides } from '../db/regions.js';
import type { TagInput } from '../db/tags.js';
import { countryTag, defaultRegions, filterMatcher, normalizeTag, parseFilter, regionTag, regionTagName, resolveTag, topicTag, type Filter, type RegionDefinition } from '../pipeline/orchestrator.js';

/** The built-in regions with a guild's changes applied (an override with no countries switches a region off). */
export function mergeRegions(overrides: { slug: string; name: string; countries: string[] }[]): RegionDefinition[] {
  const bySlug = new Map(defaultRegions.map((r) => [r.slug, r] as const));
  for (const o of overrides) {
    if (o.countries.length === 0) bySlug.delete(o.slug);
    else bySlug.set(o.slug, { ...bySlug.get(o.slug), slug: o.slug, name: o.name, countries: o.countries });
  }
  return [...bySlug.values()];
}

export async function guildRegions(prisma: Prisma, guildId: string): Promise<RegionDefinition[]> {
  return mergeRegions(await regionOverrides(prisma, guildId));
}

/**
 * Regions a story belongs to under some definitions: those of its three most salient countries, in that order. A
 * country named in passing (a US president quoted in a Caucasus story) does not make it North American news.
 */
export function regionsOfCountries(countries: string[], regions: RegionDefinition[]): RegionDefinition[] {
  const found: RegionDefinition[] = [];
  for (const c of countries.slice(0, 3)) {
    for (const r of regions) if (r.countries.includes(c) && !found.includes(r)) found.push(r);
  }
  return found;
}

export interface StoryFacts {
  countries: string[];
  topics: string[];
}

/** The article a filter reads: its own words and language (what it is about comes from the story). */
export interface FilteredArticle {
  title: string;
  text: string;
  language?: string | null | undefined;
}

// Filters are stored in their parsed-and-written-back form, so parsing one again cannot fail; the parse is kept
// because one fetch asks every follower's filter about every new article.
const parsedFilters = new Map<string, Filter | null>();
function parsedFilter(text: string): Filter | null {
  let filter = parsedFilters.get(text);
  if (filter === undefined) {
    try {
      filter = parseFilter(text, undefined, { stored: true });
    } catch {
      filter = null; // unreadable after all (written by hand in the database): it admits everything
    }
    if (parsedFilters.size > 10_000) parsedFilters.clear();
    parsedFilters.set(text, filter);
  }
  return filter;
}

/** A source's default tag: a country, region or topic when it names one (so it is that tag), else a topic of its own. */
function sourceTag(text: string, regions: RegionDefinition[]): TagInput {
  const known = resolveTag(text, regions);
  if (known && known.kind !== 'member') return { name: known.name, label: known.label, kind: known.kind };
  return { name: normalizeTag(text), label: text.trim(), kind: 'topic' };
}

function viewFor(story: StoryFacts, regions: RegionDefinition[], sourceDefaults: { region: string | null; tags: string[] }[]): GuildView {
  const storyRegions = regionsOfCountries(story.countries, regions);
  const add = (r: RegionDefinition | undefined) => void (r && !storyRegions.includes(r) && storyRegions.push(r));
  // A source's region applies to stories that name no country of any region (a local outlet's local news): every
  // source's of the server (the first one's alone, before, and which came first was the rows' order).
  if (storyRegions.length === 0) for (const s of sourceDefaults) add(s.region ? regions.find((x) => x.slug === s.region) : undefined);
  const sourceTags = sourceDefaults.flatMap((s) => s.tags).map((t) => sourceTag(t, regions));
  // A source's tag naming a region puts every story of it in that region: routes and `region:` filters follow it, as
  // the post shows it (they read `regions`, and missed it).
  for (const t of sourceTags) if (t.kind === 'region') add(regions.find((r) => regionTag(r).name === t.name));
  const tags: TagInput[] = [
    ...story.countries.slice(0, 6).map((c) => countryTag(c)),
    ...storyRegions.map((r) => regionTag(r)),
    ...story.topics.flatMap((t) => topicTag(t) ?? []),
    ...sourceTags,
  ].map((t) => ({ name: t.name, label: t.label, kind: t.kind }));
  // The first of one name wins: the story's own country, region or topic tag keeps its kind, which `/news top
  // region:` and routes look tags up by, over a source's default tag of the same name.
  const unique = new Map<string, TagInput>();
  for (const t of tags) if (t.name && !unique.has(t.name)) unique.set(t.name, t);
  return { regions: storyRegions.map((r) => r.slug), tags: [...unique.values()], countries: story.countries.slice(0, 6) };
}

/** Views for every guild in a feed's audience (loaded once per fetch), built before the delivery transaction. */
export function viewsForAudience(audience: FeedAudience, story: StoryFacts, article: FilteredArticle): Map<string, GuildView> {
  const views = new Map<string, GuildView>();
  for (const guildId of new Set(audience.sources.map((s) => s.guildId))) {
    const regions = mergeRegions(audience.regionOverrides.get(guildId) ?? []);
    const view = viewFor(story, regions, audience.sources.filter((s) => s.guildId === guildId));
    // A banned tag is never attached, so routes and follows on it must not match either (they read these tags).
    const banned = audience.bannedTags?.get(guildId);
    if (banned) {
      view.tags = view.tags.filter((t) => !banned.has(t.name));
      // A banned region's tag: its routes and `region:` filters must not match either (they read `regions`).
      view.regions = view.regions.filter((slug) => !banned.has(regionTagName(slug)));
      // A banned country's tag: its follows must not alert either (they read `countries`), as a region's do not.
      view.countries = view.countries.filter((code) => !banned.has(countryTag(code).name));
    }
    const matches = filterMatcher({ ...article, countries: story.countries, regions: view.regions, topics: story.topics });
    views.set(guildId, {
      ...view,
      admits: (filter) => {
        const parsed = filter ? parsedFilter(filter) : null;
        return !parsed || matches(parsed);
      },
    });
  }
  return views;
}
