// The parse stage's entry point: what a fetched document holds, as items. The document's content decides what it
// is (servers mislabel feeds as text/html and pages as XML); a source's configured kind only breaks ties and
// chooses the reader for pages.
import { itemKey, linkKey } from './item-key.js';
import type { FetchResult, SourceItem } from '../types.js';
import { discoverFeeds } from './discover-feeds.js';
import { ParseError } from './errors.js';
import { readFeed } from './feed.js';
import { readHtml } from './html-page.js';
import type { ParseContext, ParseResult, ReadDocument } from './parse-types.js';
import { readPlainText } from './plain-text.js';
import { sniffDocument } from './sniff.js';
import { stringsWithoutControlCharacters } from '../../text/control-characters.js';

/**
 * Reads a fetched document into items. Throws `ParseError` (a plain-words `UserError`) when nothing can be read.
 * For listing and thread pages, items whose key is in `context.seenKeys` are left out; `keys` lists every key of
 * this fetch either way.
 */
export function parseSource(fetched: FetchResult, context: ParseContext): ParseResult {
  const url = fetched.url || fetched.requestedUrl;
  if (fetched.notModified) return { kind: context.kind ?? 'feed', items: [], keys: [...(context.seenKeys ?? [])] };
  const doc = withoutControls(read(fetched, url, context));
  const result = withKeys(doc, context.seenKeys);
  context.logger?.debug({ url, kind: result.kind, items: result.items.length, found: result.keys.length }, 'parsed source');
  return result;
}

function read(fetched: FetchResult, url: string, context: ParseContext): ReadDocument {
  const { dates, kind } = context;
  const sniffed = sniffDocument(fetched.body, fetched.contentType);
  switch (sniffed.shape) {
    case 'empty':
      throw new ParseError(kind === 'feed' ? 'The feed is empty.' : 'The page is empty.');
    case 'xml-feed':
    case 'json-feed':
      // A feed is read as a feed even when the source was set up as a page: its items are better than scraped ones.
      return readFeed(sniffed.body, url, dates);
    case 'opml':
      throw new ParseError('This is an OPML list of feeds, not a feed: import it as a list of sources instead.');
    case 'xml':
      throw new ParseError('This XML document is not a feed (RSS, Atom, RDF or JSON Feed).');
    case 'json':
      throw new ParseError('This JSON document is not a JSON Feed.');
    case 'html': {
      if (kind === 'feed') {
        const feeds = discoverFeeds(sniffed.body, url).filter((f) => !f.guess);
        const hint = feeds[0] ? ` It links to a feed: ${feeds[0].url}` : '';
        throw new ParseError(`This address returns a web page, not a feed.${hint}`, feeds);
      }
      return readHtml(sniffed.body, url, dates, kind, context.threadUrl);
    }
    case 'text': {
      if (kind === 'feed' || /xml|rss|atom/.test(fetched.contentType)) throw new ParseError('The feed is not valid XML: it does not start with a tag.');
      const doc = readPlainText(sniffed.body, url, dates, kind);
      if (!doc) throw new ParseError(kind === 'thread' ? 'This page has no forum posts.' : 'This page has no articles or feed links.');
      return doc;
    }
  }
}

/**
 * Every document shape passes here, so its text is cleaned here: control characters are never text a reader sees, and
 * PostgreSQL refuses U+0000 outright, so one in a feed's title or an item's guid (its key) failed the feed's whole
 * ingest, at every poll, and one in an item's title failed that item until it was given up.
 */
function withoutControls(doc: ReadDocument): ReadDocument {
  return { ...stringsWithoutControlCharacters(doc), items: doc.items.map(stringsWithoutControlCharacters) };
}

/**
 * A feed whose items share a guid (every item's guid is the site's address, or "1": some CMS plugins do this) would
 * keep only its first item, and lose the rest for good once that guid was remembered. Items whose guid another item
 * with another link has too are known by their link instead (itemKey), here and wherever their key is asked.
 */
function withoutSharedGuids(items: SourceItem[]): SourceItem[] {
  const urlsByGuid = new Map<string, Set<string>>();
  for (const item of items) if (item.guid) urlsByGuid.set(item.guid, (urlsByGuid.get(item.guid) ?? new Set()).add(item.url));
  return items.map((item) => (item.guid && urlsByGuid.get(item.guid)!.size > 1 ? { ...item, guid: undefined } : item));
}

/** One key per item, duplicates dropped; items seen at the last fetch of a listing or thread left out. */
function withKeys(doc: ReadDocument, seenKeys: readonly string[] | undefined): ParseResult {
  const keys: string[] = [];
  const items: SourceItem[] = [];
  const seenNow = new Set<string>();
  const seenBefore = doc.kind === 'listing' || doc.kind === 'thread' ? new Set(seenKeys ?? []) : new Set<string>();
  for (const item of doc.kind === 'feed' ? withoutSharedGuids(doc.items) : doc.items) {
    const key = itemKey(item, doc.kind);
    if (seenNow.has(key)) continue;
    seenNow.add(key);
    keys.push(key);
    if (!seenBefore.has(key) && !(item.formerUrl && seenBefore.has(linkKey({ ...item, url: item.formerUrl })))) items.push(item);
  }
  return { ...doc, items, keys };
}

