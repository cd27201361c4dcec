// How an item is remembered between fetches, apart from the parsers: the main thread asks it of every item a worker
// parsed, and must not load the parsers for that.
import { canonicalUrl } from '../dedupe/canonical-url.js';
import type { FeedKind, SourceItem } from '../types.js';

/** The key an item is remembered by between fetches: a feed's guid, else its canonical URL (posts keep their fragment). */
export function itemKey(item: SourceItem, kind: FeedKind): string {
  if (kind === 'feed' && item.guid) return item.guid;
  return canonicalUrl(item.url, { keepFragment: /#(?!$)/.test(item.url) });
}
