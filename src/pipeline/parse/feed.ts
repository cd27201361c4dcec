// Feeds (RSS 2.0, RSS 1.0/RDF, Atom, JSON Feed) through feedsmith's universal parser, then one SourceItem per entry.
// feedsmith is lenient (unescaped "&", unclosed tags at the end); when it still gives up, the entries before the
// break are recovered rather than losing the whole poll.
import { createHash } from 'node:crypto';
import { DetectError, parseFeed } from 'feedsmith';
import { parseDate } from '../dates/parse-date.js';
import type { DateContext, SourceItem } from '../types.js';
import { feedsmithInput, withoutTrapElements } from './feedsmith-input.js';
import { ParseError } from './errors.js';
import { rawFeedOf, type RawEntry, type RawFeed } from './feed-entries.js';
import type { ReadDocument } from './parse-types.js';
import { cleanTitle, collapseSpace, decodeEntities, fallbackTitle, htmlToText, looksLikeHtml, looksTruncated, plainParagraphs, slugify } from './text.js';
import { resolveUrl } from './urls.js';

/** Below this many characters of text an entry is a teaser: the article must be fetched. */
export const fullTextThreshold = 500;

export function readFeed(body: string, feedUrl: string, dates: DateContext): ReadDocument {
  const raw = parseLeniently(body, feedUrl);
  const items = raw.entries.map((e) => finishEntry(e, feedUrl, dates)).filter((i): i is SourceItem => i !== undefined);
  // A valid feed with nothing in it yet is healthy but worth a note: new sites start empty, and failing it would
  // pause the source and make its first real items look like old ones. One whose broken items were left out says so.
  const skipped = raw.skipped ? `${raw.skipped === 1 ? 'One item' : `${raw.skipped} items`} of the feed could not be read (not valid XML) and ${raw.skipped === 1 ? 'was' : 'were'} left out; the others were read.` : undefined;
  const notice = items.length === 0 ? 'The feed has no items.' : skipped;
  return { kind: 'feed', title: cleanTitle(raw.title), siteUrl: raw.siteUrl, language: raw.language, items, notice };
}

function parseLeniently(body: string, feedUrl: string): RawFeed & { skipped?: number } {
  let raw: RawFeed;
  try {
    raw = rawFeedOf(parseFeed(feedsmithInput(body)), feedUrl);
  } catch (error) {
    if (error instanceof DetectError) {
      throw new ParseError('This is not a feed: it is not RSS, Atom, RDF or JSON Feed.');
    }
    const salvaged = salvage(body, feedUrl) ?? salvageEach(body, feedUrl);
    if (salvaged) return salvaged;
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
    throw new ParseError(`The feed is not valid XML: ${cause.replace(/\.$/, '')}.`);
  }
  // An entry left unclosed in the middle swallows the entries after it (feedsmith reads it to the end of the
  // document), and they were lost without a word: fewer entries than openings, they are read apart.
  if (raw.entries.length < entriesReadApart && entryDialects(body).some((d) => entryStarts(body, d.open).length > raw.entries.length)) {
    const apart = salvageEach(body, feedUrl);
    if (apart && apart.entries.length > raw.entries.length) return apart;
  }
  return raw;
}

/** Where entries open (`<item>`, `<item rdf:about=…>`; not `<items>`), the first `entriesReadApart` of them. */
function entryStarts(body: string, open: string): number[] {
  const starts: number[] = [];
  const opening = new RegExp(`${open}[\\s>]`, 'gi');
  for (let m = opening.exec(body); m && starts.length < entriesReadApart; m = opening.exec(body)) starts.push(m.index);
  return starts;
}

/** How an entry opens and closes in each dialect, and what closes the document after the last one. */
function entryDialects(body: string): { open: string; close: string; tail: string }[] {
  return [
    { open: '<item', close: '</item>', tail: /<rdf:RDF\b/i.test(body) ? '</rdf:RDF>' : '</channel></rss>' },
    { open: '<entry', close: '</entry>', tail: '</feed>' },
  ];
}

/** Keeps everything up to the last complete entry and closes the document, so a broken tail costs only itself. */
function salvage(body: string, feedUrl: string): RawFeed | undefined {
  for (const { close, tail } of entryDialects(body)) {
    const end = body.lastIndexOf(close);
    if (end === -1) continue;
    try {
      const raw = rawFeedOf(parseFeed(withoutTrapElements(body.slice(0, end + close.length) + tail)), feedUrl);
      if (raw.entries.length > 0) return raw;
    } catch {
      // Broken before the last entry too: try the other dialect, then give up.
    }
  }
  return undefined;
}

/** At most this many entries are read one by one (a feed's few dozen, with room), after a head of at most this length. */
const entriesReadApart = 300;
const maxHeadReadApart = 65_536;

/**
 * Reads each entry apart, with the document's head: one broken in the middle (a bare "<" in a title, an unterminated
 * CDATA section) failed the whole feed at every poll, which then paused itself, its other items never read. The
 * entries that read are kept; `skipped` counts the others, for the feed's note.
 */
function salvageEach(body: string, feedUrl: string): (RawFeed & { skipped: number }) | undefined {
  const lower = body.toLowerCase();
  for (const { open, close, tail } of entryDialects(body)) {
    const starts = entryStarts(body, open);
    // The head is parsed with every entry: a long one (a hostile feed's megabytes before its first item) is not.
    if (starts.length < 2 || starts[0]! > maxHeadReadApart) continue;
    const head = body.slice(0, starts[0]);
    let feed: RawFeed | undefined;
    let skipped = 0;
    for (const [i, start] of starts.entries()) {
      const end = lower.indexOf(close, start);
      const next = starts[i + 1] ?? body.length;
      // An entry without its close before the next one is broken too.
      if (end === -1 || end > next) {
        skipped++;
        continue;
      }
      try {
        const one = rawFeedOf(parseFeed(withoutTrapElements(head + body.slice(start, end + close.length) + tail)), feedUrl);
        if (feed) feed.entries.push(...one.entries);
        else feed = one;
      } catch {
        skipped++;
      }
    }
    if (feed?.entries.length) return { ...feed, skipped };
  }
  return undefined;
}

/**
 * The address of an entry without a link: the feed's, with a fragment naming the entry. Made from its id, it carries a
 * hash of the whole id: a slug cut at its length, or folding case and punctuation, made ids that differ only past the
 * cut (`…/entries/update-1`, `update-2`) or in case one address, and every entry after the first was dropped as a
 * duplicate. Without an id, the title names it, as before.
 */
function linklessKey(guid: string | undefined, title: string | undefined): string {
  const id = guid?.trim();
  if (!id) return slugify(title ?? '') || 'item';
  return `${slugify(id, 60) || 'item'}-${createHash('sha256').update(id).digest('hex').slice(0, 12)}`;
}

/**
 * An entry's id as it is kept: a long one by its hash. No feed's real ids are this long, and the database cannot index
 * one past ~2,700 bytes (an article is unique by feed and id), so such an entry failed to store on every poll.
 */
function storedGuid(guid: string | undefined): string | undefined {
  const id = guid?.trim();
  if (!id) return undefined;
  return id.length > 500 ? `sha256:${createHash('sha256').update(id).digest('hex')}` : id;
}

function finishEntry(e: RawEntry, feedUrl: string, dates: DateContext): SourceItem | undefined {
  const link = e.links.map((l) => resolveUrl(l, e.base)).find((u) => u !== undefined) ?? (e.guidIsLink ? resolveUrl(e.guid, e.base) : undefined);
  const summary = e.summary?.trim() || undefined;
  const htmlSource = e.contentHtml?.trim() || (summary && looksLikeHtml(summary) ? summary : undefined);
  const html = htmlSource ? absolutize(htmlSource, e.base) : undefined;
  const text = (html ? htmlToText(html) : plainText(e.contentText ?? summary)) || undefined;
  let title = cleanTitle(e.title);
  // Without a link or any text there is nothing to post, only a headline.
  if (!link && !text) return undefined;
  if (!title && text) title = fallbackTitle(text);
  const url = link ?? `${feedUrl.replace(/#.*$/, '')}#${linklessKey(e.guid, title)}`;
  const imageUrl = e.images.map((i) => resolveUrl(i, e.base)).find((u) => u !== undefined) ?? firstImage(html, e.base);
  return {
    url,
    guid: storedGuid(e.guid),
    title,
    author: cleanAuthor(e.authors[0]),
    publishedAt: firstDate(e.dates, dates),
    html: html || undefined,
    text,
    imageUrl,
    categories: uniqueCategories(e.categories),
    // An entry without a link has nothing to fetch: what it carries is all there is.
    needsFetch: !!link && (!text || text.length < fullTextThreshold || looksTruncated(text)),
  };
}

function plainText(text: string | undefined): string {
  return text ? plainParagraphs(text) : '';
}

function firstDate(candidates: (string | undefined)[], context: DateContext): Date | undefined {
  for (const c of candidates) {
    if (!c) continue;
    const d = parseDate(c, context) ?? jsDate(c, context);
    if (d) return d;
  }
  return undefined;
}

/** Last resort for shapes only JavaScript's parser knows ("Thu Jul 10 2025 09:20:00 GMT+0300"). */
function jsDate(text: string, context: DateContext): Date | undefined {
  const t = Date.parse(text);
  if (Number.isNaN(t) || t > context.fetchedAt.getTime() + 2 * 864e5 || t < 0) return undefined;
  return new Date(t);
}

/** RSS `<author>` is "editor@example.com (Jane Doe)": the name is what a reader wants. */
function cleanAuthor(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const s = collapseSpace(decodeEntities(raw));
  // A byline is short; the address patterns below backtrack over a long one (40 KB of "a@" took 1.5 s an item).
  if (s.length > 200) return undefined;
  const named = /^\S+@\S+\s*\(([^)]+)\)$/.exec(s);
  if (named) return named[1]!.trim();
  if (/^\S+@\S+\.\S+$/.test(s)) return undefined;
  return s.replace(/^by\s+/i, '') || undefined;
}

function uniqueCategories(raw: string[]): string[] | undefined {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const c of raw) {
    const name = cleanTitle(c);
    if (!name || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    out.push(name);
  }
  return out.length ? out : undefined;
}

const urlAttribute = /(\s(?:href|src|poster)\s*=\s*)(["'])([^"']*)\2/gi;

/** Relative links and images in feed content point at the site, not at wherever the HTML ends up. */
function absolutize(html: string, base: string): string {
  if (!/\s(?:href|src|poster)\s*=\s*["'](?![a-z][a-z0-9+.-]*:|#)/i.test(html)) return html;
  return html.replace(urlAttribute, (whole, prefix: string, quote: string, value: string) => {
    if (/^(?:[a-z][a-z0-9+.-]*:|#)/i.test(value)) return whole;
    const abs = resolveUrl(decodeEntities(value), base);
    return abs ? `${prefix}${quote}${abs.replace(/"/g, '%22')}${quote}` : whole;
  });
}

const imgOpen = /<img\b/gi;
const srcAttribute = /\ssrc\s*=\s*["']([^"']+)["']/i;

/**
 * The src of the first <img> that has one. Tag by tag, each scan starting where the last tag ended: one pattern
 * spanning "<img … src=" rescanned the rest of the content from every "<img" without a src, so 400 KB of them took
 * 10 s (the job's timeout) and failed the whole feed on every poll.
 */
function firstImage(html: string | undefined, base: string): string | undefined {
  if (!html) return undefined;
  imgOpen.lastIndex = 0;
  while (imgOpen.exec(html)) {
    const close = html.indexOf('>', imgOpen.lastIndex);
    const end = close === -1 ? html.length : close;
    const m = srcAttribute.exec(html.slice(imgOpen.lastIndex, end));
    if (m) return resolveUrl(decodeEntities(m[1]!), base);
    if (close === -1) return undefined;
    imgOpen.lastIndex = close;
  }
  return undefined;
}
