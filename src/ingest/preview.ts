// Runs the pipeline on sources without storing anything: what `npm run ingest` prints and `/source test` shows.
import { describeError } from '../errors.js';
import { filterMatcher, unreadableSource, type Filter, type Pipeline, type RegionDefinition } from '../pipeline/orchestrator.js';
import type { FeedKind, FetchGuard, ProcessedArticle } from '../pipeline/types.js';
import { clusterInMemory } from './cluster-in-memory.js';
import { regionsOfCountries } from './guild-views.js';
import type { PreviewArticle, PreviewItem, SourcePreview } from './types.js';

export interface PreviewOptions {
  /** Most items read per source (newest first). */
  limit?: number;
  timezone?: string;
  dayFirst?: boolean;
  kind?: FeedKind;
  /** Wraps each fetch: the bot's previews honour sites' waits (site-waits.ts); `npm run ingest` stores nothing, so none. */
  guard?: FetchGuard | undefined;
  /**
   * Given, a source that cannot be read is told to it and left out, and the others are previewed (`npm run ingest` of
   * a folder: one broken file failed them all, unnamed); absent, the first such source's error is thrown.
   */
  unreadable?: (url: string, reason: string) => void;
}

export function toPreviewArticle(a: ProcessedArticle): PreviewArticle {
  return {
    title: a.title,
    url: a.url,
    source: a.sourceName,
    publishedAt: a.publishedAt,
    summary: a.summary,
    countries: a.countries,
    regions: a.regions,
    tags: a.topics,
  };
}

function toPreviewItem(a: ProcessedArticle): PreviewItem {
  return { title: a.title, url: a.url, text: a.text, language: a.language, countries: a.countries, topics: a.topics };
}

/**
 * Whether a filter lets an item through in a guild, judged as delivery judges it (src/ingest/guild-views.ts): the
 * item's words and language, its countries, the guild's regions of those countries, and its topics.
 */
export function previewPasses(item: PreviewItem, filter: Filter, regions: RegionDefinition[]): boolean {
  const inRegions = regionsOfCountries(item.countries, regions).map((r) => r.slug);
  return filterMatcher({ ...item, regions: inRegions })(filter);
}

/** Reads every source, processes its newest items and groups all of them into stories. */
export async function previewSources(pipeline: Pipeline, urls: string[], options: PreviewOptions = {}): Promise<SourcePreview[]> {
  const results: { preview: SourcePreview; articles: ProcessedArticle[] }[] = [];
  for (const url of urls) {
    const read = await pipeline.readSource({ url, kind: options.kind, timezone: options.timezone, dayFirst: options.dayFirst, guard: options.guard }).catch((error: unknown) => {
      if (!options.unreadable) throw unreadableSource(error, url);
      options.unreadable(url, describeError(unreadableSource(error, url)));
      return undefined;
    });
    if (!read) continue;
    const items = newestFirst(read.parsed.items, read.parsed.kind).slice(0, options.limit ?? 10);
    const articles: ProcessedArticle[] = [];
    const problems: SourcePreview['problems'] = [];
    for (const item of items) {
      try {
        articles.push(await pipeline.processItem(item, { dates: read.dates, kind: read.parsed.kind, siteName: siteNameOf(read.parsed), guard: options.guard }));
      } catch (error) {
        problems.push({ url: item.url, reason: describeError(error) });
      }
    }
    const source = { url, kind: read.parsed.kind, title: read.parsed.title, siteUrl: read.parsed.siteUrl };
    results.push({ preview: { source, stories: [], items: articles.map(toPreviewItem), problems }, articles });
  }
  const all = results.flatMap((r) => r.articles);
  const stories = await clusterInMemory(all, pipeline.placeArticle);
  // Each source's preview lists the stories its articles are in, with every article of those stories.
  for (const r of results) {
    r.preview.stories = stories.filter((s) => s.some((a) => r.articles.includes(a))).map((s) => ({ articles: s.map(toPreviewArticle) }));
  }
  return results.map((r) => r.preview);
}

/** Stories across several previews, once each. */
export function allStories(previews: SourcePreview[]): SourcePreview['stories'] {
  const seen = new Set<string>();
  return previews.flatMap((p) => p.stories).filter((s) => {
    const key = s.articles.map((a) => a.url).join(' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function newestFirst<T extends { publishedAt?: Date | undefined }>(items: T[], kind?: FeedKind): T[] {
  if (items.every((i) => i.publishedAt)) return [...items].sort((a, b) => b.publishedAt!.getTime() - a.publishedAt!.getTime());
  // Undated items keep their document order, which for feeds and listings is newest first already; a thread lists
  // its posts oldest first (one undated post backfilled and previewed its oldest).
  return kind === 'thread' ? [...items].reverse() : items;
}

/**
 * The outlet to name for a source's items: a feed's, listing's or thread's title. An article page's title is its
 * headline, so its item carries the site name (og:site_name, else the host) itself: none is passed for it.
 */
export function siteNameOf(parsed: { kind: FeedKind; title?: string | undefined }): string | undefined {
  return parsed.kind === 'article' ? undefined : parsed.title;
}
