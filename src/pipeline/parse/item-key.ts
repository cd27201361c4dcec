// How an item is remembered between fetches, apart from the parsers: the main thread asks it of every item a worker
// parsed, and must not load the parsers for that.
import { createHash } from 'node:crypto';
import { canonicalUrl } from '../dedupe/canonical-url.js';
import type { FeedKind, SourceItem } from '../types.js';

/**
 * The key an item is known by within a read and across retries (items left for later, failures counted, backfills): a
 * feed's guid, else its canonical URL (posts keep their fragment). What says it was seen at the last read is
 * `keysToRemember`, which holds more.
 */
export function itemKey(item: SourceItem, kind: FeedKind): string {
  if (kind === 'feed' && item.guid) return item.guid;
  // A forum post's guid is its thread's followed page and its id (html-forum.ts): on that page, its link.
  if (kind === 'thread' && item.guid) return canonicalUrl(item.guid, { keepFragment: true });
  return linkKey(item);
}

/** An item's canonical link, as a key. */
export function linkKey(item: SourceItem): string {
  return canonicalUrl(item.url, { keepFragment: /#(?!$)/.test(item.url) });
}

/**
 * The keys remembered for an item: for a feed item with a guid, the guid with its title and, beside it, its link;
 * otherwise its key. Either seen before says the item was. Some feeds reuse guids (numbered by position, "1" always
 * the newest; one guid for all): remembered by the guid alone, each new item of such a feed looked seen, and was lost.
 * A feed that makes new guids at every read keeps its links; a corrected headline keeps its link, and a link that
 * changes (a tracking parameter) its guid and title. Each item remembers exactly one key without the separator
 * (`rememberedItems` counts them).
 */
export function keysToRemember(item: SourceItem, kind: FeedKind): string[] {
  if (kind !== 'feed' || !item.guid) return [itemKey(item, kind)];
  const title = titleForm(item.title ?? '');
  // An item without a title is known by its guid alone, as before.
  const mark = title ? createHash('sha1').update(title).digest('base64url').slice(0, 16) : '';
  return [`${item.guid}${separator}${mark}`, linkKey(item)];
}

const separator = '\u001f';
const markPrefix = `${separator}thread-page${separator}`;

/** How many items a feed's remembered keys stand for. */
export function rememberedItems(keys: readonly string[]): number {
  return keys.filter((key) => !key.includes(separator)).length;
}

/**
 * Where a forum thread's read stopped (read-thread.ts), kept among its remembered keys so that the next read goes on
 * from there: a read takes a few pages, and a thread may gain more between two reads, or name only its next page.
 * `seeking`: the read has not yet reached the thread's end since it was followed, and what it passes is history, not
 * news. The separator keeps it from being counted or taken for an item's key.
 */
export function threadMark(url: string, seeking: boolean): string {
  return `${markPrefix}${seeking ? 'seeking' : 'read'}${separator}${url}`;
}

/** The page a thread's last read stopped at, from its remembered keys. */
export function threadMarkOf(keys: readonly string[]): { url: string; seeking: boolean } | undefined {
  const mark = keys.find(isThreadMark);
  const m = mark && new RegExp(`^${markPrefix}(seeking|read)${separator}(.+)$`, 's').exec(mark);
  return m ? { url: m[2]!, seeking: m[1] === 'seeking' } : undefined;
}

export const isThreadMark = (key: string): boolean => key.startsWith(markPrefix);

/** Whether a feed's last read remembered the item (`seen`: its keys then; `keys`: the item's, when made already). */
export function seenBefore(item: SourceItem, kind: FeedKind, seen: ReadonlySet<string>, keys = keysToRemember(item, kind)): boolean {
  // A bare guid is how feeds remembered items before their title was part of the key: read as seen, once.
  return keys.some((key) => seen.has(key)) || (kind === 'feed' && !!item.guid && seen.has(item.guid));
}

/** Whether two titles are one headline (a stored one may be clipped, and differ in case or spacing). */
export function sameTitle(a: string, b: string): boolean {
  const x = titleForm(a);
  return x !== '' && x.slice(0, 200) === titleForm(b).slice(0, 200);
}

const titleForm = (title: string) => title.trim().replace(/\s+/g, ' ').toLowerCase();
