// The parse stage: what a fetched document holds (feed, article, listing, thread), feed discovery, OPML.
export { parseSource } from './parse-source.js';
export { itemKey } from './item-key.js';
export { discoverFeeds, conventionalFeedPaths } from './discover-feeds.js';
export { parseOpml, buildOpml, type OpmlSource } from './opml.js';
export { ParseError, isParseError } from './errors.js';
export type { DiscoveredFeed, ParseContext, ParseResult } from './parse-types.js';
