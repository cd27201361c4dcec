// What the rest of the bot asks of the news pipeline, as plain data. Implemented by src/ingest/news-service.ts.
import type { StoryEdit } from '../db/story-edits.js';
import type { ResolvedSource } from '../pipeline/orchestrator.js';

export type { ResolvedSource };

export interface PreviewArticle {
  title: string;
  url: string;
  source: string;
  publishedAt?: Date | undefined;
  summary: string;
  countries: string[];
  regions: string[];
  tags: string[];
}

/** One item read for a preview, with what a source's filter looks at (`/source test filter:`). */
export interface PreviewItem {
  title: string;
  url: string;
  text: string;
  language?: string | null | undefined;
  countries: string[];
  topics: string[];
}

export interface SourcePreview {
  source: ResolvedSource;
  /** Articles grouped into stories, newest first, as they would be posted. */
  stories: { articles: PreviewArticle[] }[];
  /** The source's own items that could be read, newest first. */
  items: PreviewItem[];
  /** Items that could not be read, with the reason in words. */
  problems: { url: string; reason: string }[];
}

export interface IngestReport {
  feedId: number;
  status: 'ok' | 'not-modified' | 'failed';
  error?: string | undefined;
  /**
   * The read was put off, held against nothing: cut off by the bot's stop (read again at the next start; what it
   * stored before is counted), or not made because the feed's site asked Gazette to wait (read after the wait).
   * Backfills owed stay owed until a read posts them.
   */
  postponed?: 'stop' | 'site-wait' | undefined;
  paused?: boolean | undefined;
  newArticles: number;
  duplicates: number;
  newStories: number;
  deliveries: number;
  /** The planned deliveries that are new posts (the others edit a post already made): one per story and channel. */
  newPosts: { guildId: string; channelId: string }[];
  /** Items that could not be read; `later`: tried again at the next read. */
  problems: { url: string; reason: string; later?: boolean }[];
  /** The feed's first read for everyone following it now: its items were only backfill, none news. */
  firstRead?: boolean;
  /**
   * Items this read left for the next one (a page or its site asked to wait, the time budget or item limit ran out, a
   * failure tried again): on a first read, backfill its followers get at that read.
   */
  leftForLater?: number;
  /**
   * The items this read found in the source and read or knew (not those left for later): what is in it now. A listing
   * also remembers what it showed before (feed-items.ts recentKeys), so its remembered keys are no such count.
   */
  inSource?: number;
}

export interface NewsService {
  /** Finds what to poll from what a moderator typed (a feed, a site with a feed link, a page). Throws UserError. */
  resolveSource(url: string): Promise<ResolvedSource>;
  /** Runs the pipeline on a source without storing anything. Throws UserError when the source cannot be read. */
  preview(url: string, limit?: number): Promise<SourcePreview>;
  /**
   * Fetches one feed and stores, clusters and plans deliveries of its new items, and of the backfills its sources are
   * owed (Source.backfillPending). Never throws for feed problems. `claim`: the read's hold on the feed (its
   * claimedUntil, set by the scheduler's claimDueFeeds or by claimFeed), let go when done.
   */
  ingestFeed(feedId: number, options?: { claim?: Date }): Promise<IngestReport>;
  /**
   * Fetches one article a member shared, stores it and plans its posts in `channelId` (and the guild's routes) unless
   * the guild already has its story. `isNew`: a post is planned in `channelId` (not only in a route's channel, nor
   * held for the digest there); `held`: this share left the story waiting for the digest there (the channel's posts
   * for the hour used up; a digest lists it only if the server posts it nowhere else); `elsewhere`: the server's other
   * channels this share posts it in (its routes). Throws UserError.
   */
  shareArticle(input: { url: string; guildId: string; channelId: string }): Promise<{ storyId: number; isNew: boolean; held: boolean; elsewhere: string[] }>;
  /** A moderator moves an article out of its story into a new one. Throws UserError. */
  splitStory(edit: StoryEdit & { storyId: number; articleId: number }): Promise<{ newStoryId: number; posts: number; edits: number }>;
  /** A moderator merges one story into another. Throws UserError. */
  mergeStories(edit: StoryEdit & { fromId: number; intoId: number }): Promise<{ articles: number; edits: number }>;
}
