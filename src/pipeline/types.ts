// Plain data passed between pipeline stages: source → fetch → parse/extract → summarize → tag → dedupe → store.
// No stage imports another's implementation; the orchestrator wires them with these shapes.

export type FeedKind = 'feed' | 'article' | 'listing' | 'thread';

export interface FetchOptions {
  etag?: string | undefined;
  lastModified?: string | undefined;
  signal?: AbortSignal | undefined;
  /**
   * A member's link: the private-address rules apply (and `file:` is refused) even on a fetcher that lifts them for the
   * moderators' sources, since what is read is posted for the whole server to see.
   */
  publicOnly?: boolean | undefined;
}

/** What the fetch stage returns: decoded text, never raw bytes. */
export interface FetchResult {
  requestedUrl: string;
  /** Final URL after redirects. */
  url: string;
  /**
   * Where the requested address moved for good: the URL its leading permanent redirects (301, 308) end at, before any
   * temporary one. Absent when the first answer was not a permanent redirect.
   */
  movedTo?: string | undefined;
  /** 200 for content, 304 when the validators matched. */
  status: number;
  notModified: boolean;
  /** Media type, lower case, without parameters: `text/html`, `application/rss+xml`, `text/plain`. */
  contentType: string;
  body: string;
  etag?: string | undefined;
  lastModified?: string | undefined;
  fetchedAt: Date;
}

export type Fetcher = (url: string, options?: FetchOptions) => Promise<FetchResult>;

/**
 * Wraps each fetch of one read made outside a poll (a member's share, a moderator's preview): src/ingest/site-waits.ts
 * refuses a site that asked Gazette to wait, and records a wait its answer asks for.
 */
export type FetchGuard = (url: string, fetch: () => Promise<FetchResult>) => Promise<FetchResult>;

/** How to read dates a publisher wrote without a zone or as words ("Yesterday, 09:20 AM", "10-07-2025"). */
export interface DateContext {
  /** "Yesterday" and "2 hours ago" are relative to this instant. */
  fetchedAt: Date;
  /** IANA zone of the source, for wall-clock times without an offset. */
  timezone: string;
  /** Read `10-07-2025` as 10 July (true) or October 7 (false). */
  dayFirst: boolean;
}

/** An item found in a source: a feed entry, a new link on a listing page, a post in a thread, or the page itself. */
export interface SourceItem {
  /** Absolute URL of the article; for a post in a thread, the thread URL with the post's fragment. */
  url: string;
  guid?: string | undefined;
  title?: string | undefined;
  author?: string | undefined;
  publishedAt?: Date | undefined;
  /**
   * `publishedAt` names the day alone (a listing's day heading, the date in an article's address): the time its page
   * gives wins over its midnight (article-steps.ts).
   */
  publishedDayOnly?: boolean | undefined;
  /**
   * The outlet, when it differs from the source (an aggregator's item from "Al Jazeera"), or when the item is an
   * article page read as a source: the page's site name, else its host (the page's title is the headline).
   */
  sourceName?: string | undefined;
  /** The item's own content when the source carries it (feed content, an article embedded in a listing, a post). */
  html?: string | undefined;
  text?: string | undefined;
  imageUrl?: string | undefined;
  categories?: string[] | undefined;
  /** ISO 639-1, when the item was extracted from its page (an article page read as a source). */
  language?: string | undefined;
  /** The text's first paragraph when it is the publisher's own summary (see ExtractedArticle), for the same reason. */
  standfirst?: string | undefined;
  /** Paragraphs of the text quoted from embeds or captions (see ExtractedArticle), for the same reason. */
  asides?: string[] | undefined;
  /** True when the item's text must come from fetching and extracting its page. */
  needsFetch: boolean;
  /**
   * The address a read before its name changed gave the item, which its feed may still remember it by: a forum post
   * without an id was named by its place on the page (parse/html-forum.ts). Seen under it, the item is seen.
   */
  formerUrl?: string | undefined;
}

/** One forum of a phpBB board: the board's directory (its feeds are there) and the forum's number, when known. */
export interface BoardForum {
  board: string;
  forum?: string | undefined;
}

export interface ParsedSource {
  kind: FeedKind;
  title?: string | undefined;
  siteUrl?: string | undefined;
  language?: string | undefined;
  items: SourceItem[];
  /** A forum thread's other pages, when it has more than one (parse/thread-pages.ts). */
  pages?: ThreadPages | undefined;
  /** A phpBB forum's page, by its markup (parse/phpbb-forum.ts): followed through the forum's own feed. */
  forum?: BoardForum | undefined;
}

/** Where a thread page's pagination leads: the next page, the previous one, and the furthest it names. */
export interface ThreadPages {
  next?: string;
  prev?: string;
  last?: string;
}

/** An article's content and metadata after extraction, before summary and tags. */
export interface ExtractedArticle {
  /** Canonical URL (tracking parameters removed). */
  url: string;
  guid?: string | undefined;
  title: string;
  author?: string | undefined;
  publishedAt?: Date | undefined;
  /** ISO 639-1 where known. */
  language?: string | undefined;
  imageUrl?: string | undefined;
  /** The publisher's section and tags, when the page states them. */
  categories?: string[] | undefined;
  /** Main text; paragraphs separated by a blank line, no page furniture. */
  text: string;
  /** The text's first paragraph when it is the publisher's own summary of the story (the page's description). */
  standfirst?: string | undefined;
  /** Paragraphs of the text that are not the writer's telling (an embedded post, a caption): never summary sentences. */
  asides?: string[] | undefined;
  /** The outlet's name. */
  sourceName: string;
}

export interface ArticleTags {
  /** ISO 3166-1 alpha-2, most salient first. */
  countries: string[];
  /** Region slugs (`south-caucasus`), most salient first. */
  regions: string[];
  /** Topic tags from the documented lexicon (`diplomacy`, `conflict`). */
  topics: string[];
}

/** An article ready to store: summarized, tagged, with its clustering terms. */
export interface ProcessedArticle extends ExtractedArticle, ArticleTags {
  summary: string;
  /** Hash of the normalized text; equal hashes are the same article under two URLs. */
  contentHash: string | null;
  /** Clustering terms (stemmed, stopwords removed) → log-scaled weight; see dedupe/cluster-terms.ts. */
  terms: Record<string, number>;
}

/** A story as clustering sees it: term → [summed normalised weight, articles with the term]. */
export interface StoryProfile {
  id: number;
  size: number;
  centroid: Record<string, [number, number]>;
  /** Found through names and numbers only, none of the article's words: a candidate for another language's report. */
  byNamesOnly?: boolean;
}

/** How many stored articles there are and how many use a term, before the new article is counted. */
export interface TermStats {
  documents: number;
  frequency: (term: string) => number;
}

/** What the story model needs from storage (the database, or memory for a preview). */
export interface StoryIndex {
  stats(terms: string[]): Promise<TermStats>;
  /** Recent stories that share one of these terms. */
  candidates(lookupTerms: string[]): Promise<StoryProfile[]>;
}

/**
 * Where an article goes: the story it joins (null: a new one), that story's new centroid, its lookup terms, and the
 * stories that, with it, have become one story with that one: they are merged into it (their centroids are in the
 * new centroid already).
 */
export interface Placement {
  storyId: number | null;
  centroid: StoryProfile['centroid'];
  lookupTerms: string[];
  merge?: number[];
}

/** The story model's one decision, asked of storage through a StoryIndex (dedupe/story-choice.ts). */
export type PlaceArticle = (terms: Record<string, number>, index: StoryIndex) => Promise<Placement>;

/** A story's centroid computed anew from its articles' text, after a moderator split or merged it. */
export type RebuildCentroid = (
  articles: readonly { title: string; text: string; language: string | null; countries?: readonly string[] }[],
  stats: StoryIndex['stats'],
) => Promise<StoryProfile['centroid']>;

/**
 * Whether the document frequency of a term of `ProcessedArticle.terms` is counted (TermStat, the preview's counts) for
 * its IDF. Same-person pairs (`&~dnld~trmp`) and country-name markers (`^~krn`, dedupe/name-keys.ts) are conditions of
 * a join across languages that no IDF weighs: counting them would only add rows read and written with every article.
 */
export const hasDocumentFrequency = (term: string): boolean => term[0] !== '&' && term[0] !== '^';
