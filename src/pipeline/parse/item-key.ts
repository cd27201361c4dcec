// How an item is remembered between fetches, apart from the parsers: the main thread asks it of every item a worker
// parsed, and must not load the parsers for that.
import { createHash } from 'node:crypto';
import { canonicalUrl } from '../dedupe/canonical-url.js';
import type { FeedKind, SourceItem } from '../types.js';

/**
 * The key an item is remembered by between fetches: a feed's guid with its title, else its canonical URL (posts keep
 * their fragment). The title is part of it because some feeds reuse guids: numbered by position ("1" is always the
 * newest item) or one constant guid. Keyed by the guid alone, each new item of such a feed looked seen, and was lost.
 */
export function itemKey(item: SourceItem, kind: FeedKind): string {
  if (kind === 'feed' && item.guid) {
    const title = titleForm(item.title ?? '');
    return title ? `${item.guid}\u001f${createHash('sha1').update(title).digest('base64url').slice(0, 16)}` : item.guid;
  }
  return linkKey(item);
}

/** An item's canonical link, as a key. */
export function linkKey(item: SourceItem): string {
  return canonicalUrl(item.url, { keepFragment: /#(?!$)/.test(item.url) });
}

/**
 * The keys remembered for an item: its own and, for a feed item with a guid, its link too. Either seen before says the
 * item was: a feed that makes new guids at every fetch keeps its links, and one that reuses guids keeps neither link
 * nor title; a headline corrected keeps its link, a link that changes (a tracking parameter) its guid and title.
 */
export function keysToRemember(item: SourceItem, kind: FeedKind): string[] {
  const key = itemKey(item, kind);
  return kind === 'feed' && item.guid ? [key, linkKey(item)] : [key];
}

/** Whether a feed's last read remembered the item (`seen`: its keys then). */
export function seenBefore(item: SourceItem, kind: FeedKind, seen: ReadonlySet<string>): boolean {
  // A bare guid is how feeds remembered items before their title was part of the key: read as seen, once.
  return keysToRemember(item, kind).some((key) => seen.has(key)) || (kind === 'feed' && !!item.guid && seen.has(item.guid));
}

/** Whether two titles are one headline (a stored one may be clipped, and differ in case or spacing). */
export function sameTitle(a: string, b: string): boolean {
  const x = titleForm(a);
  return x !== '' && x.slice(0, 200) === titleForm(b).slice(0, 200);
}

const titleForm = (title: string) => title.trim().replace(/\s+/g, ' ').toLowerCase();
