// Shapes of the parse stage's own inputs and outputs, beyond the shared ones in ../types.ts.
import type { Logger } from '../../logger.js';
import type { DateContext, FeedKind, ParsedSource } from '../types.js';

export interface ParseContext {
  dates: DateContext;
  /** The source's configured kind; detected from the document when absent. */
  kind?: FeedKind | undefined;
  /** Keys returned by the previous parse of this listing or thread page: their items are not returned again. */
  seenKeys?: readonly string[] | undefined;
  /** The thread's followed page, when this document is a later page of it (parse/html-forum.ts). */
  threadUrl?: string | undefined;
  logger?: Logger | undefined;
}

export interface ParseResult extends ParsedSource {
  /** One key per item found in this fetch (before `seenKeys` filtering), for the caller to store as the next `seenKeys`. */
  keys: string[];
  /** Something a moderator should know although the document was read (an empty feed). */
  notice?: string | undefined;
}

export interface DiscoveredFeed {
  url: string;
  title?: string | undefined;
  /** Media type: `application/rss+xml`, `application/atom+xml`, `application/feed+json`, … */
  type: string;
  /** True for a conventional path (`/feed`, `/rss.xml`) the page did not announce: fetch it to find out. */
  guess: boolean;
  /** A guess the page links to in its text (an "RSS" link or icon), not only a path CMSs use. */
  linked?: boolean;
}

/** What a reader of one document shape (feed, HTML page, plain text) returns before key filtering. */
export interface ReadDocument extends ParsedSource {
  notice?: string | undefined;
}
