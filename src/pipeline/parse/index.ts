// The parse stage: what a fetched document holds (feed, article, listing, thread), feed discovery, OPML.
export { parseSource, itemKey } from './parse-source.js';
export { discoverFeeds, conventionalFeedPaths } from './discover-feeds.js';
export { parseOpml, buildOpml, type OpmlSource } from './opml.js';
export { ParseError, isParseError } from './errors.js';
export type { DiscoveredFeed, ParseContext, ParseResult } from './parse-types.js';
