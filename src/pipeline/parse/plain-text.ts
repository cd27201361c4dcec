// Plain-text captures of listing pages and forum threads. Whatever the site, such a capture is a run of blocks, each
// anchored on a date line: above it a header (a headline — often printed twice — and the outlet, or a poster's
// name), below it bullet metadata, the headline again, then the body up to the next header or the page footer.
// A block with a headline is an article; one without is a forum post, whose "X Wrote:" quotes are not its text.
import type { DateContext, FeedKind, SourceItem } from '../types.js';
import type { ReadDocument } from './parse-types.js';
import { postName } from './post-name.js';
import { classifyLines, type Line } from './text-lines.js';
import { fallbackTitle, slugify, textToHtml, uniqueSlug } from './text.js';
import { withoutFragment } from './urls.js';

interface Block {
  /** Index of the block's first header line and of its date line. */
  start: number;
  anchor: number;
  title?: string | undefined;
  outlet?: string | undefined;
  author?: string | undefined;
  date?: Date | undefined;
  /** Header lines above the headline: on the first block, the page's own heading. */
  heading: string[];
  categories: string[];
  body: string[];
}

const maxHeaderLines = 8;
const sentenceEnd = /[\p{Ll}\p{N}][.!…]$/u;

export function readPlainText(text: string, pageUrl: string, dates: DateContext, kind?: FeedKind): ReadDocument | undefined {
  return readLines(classifyLines(text, dates), pageUrl, kind);
}

/** Items of a capture already split into lines (plain text, or an HTML page flattened to its text blocks). */
export function readLines(lines: Line[], pageUrl: string, kind?: FeedKind): ReadDocument | undefined {
  const blocks = findBlocks(lines);
  if (blocks.length === 0) return readUnanchored(lines, pageUrl, kind);
  const articles = blocks.filter((b) => b.title !== undefined).length;
  const posts = blocks.length - articles;
  // "Thread title / user / date" reads like "headline / outlet / date"; posts after the first, and quoted posts,
  // tell a thread apart.
  const quotes = lines.some((l) => l.kind === 'quote');
  const asThread = kind === 'thread' || (kind !== 'listing' && kind !== 'article' && (posts > articles || (posts === articles && quotes)));
  const page = withoutFragment(pageUrl);
  const heading = blocks[0]!.heading.join(' — ') || undefined;

  if (asThread) {
    const used = new Set<string>();
    const items = blocks
      .map((b, i): SourceItem | undefined => {
        const text = b.body.join('\n\n');
        if (!text) return undefined;
        // In a thread, a header's "headline" is the thread's title and its "outlet" the poster.
        const author = b.author ?? b.outlet;
        // Named by its poster and opening, not its place (post-name.ts); its date is left out, as a text states it for
        // people ("yesterday 09:20"). Its place was its name before: a thread remembered so does not post it again.
        let id = postName(author, undefined, text);
        if (used.has(id)) id = `${id}-${i + 1}`;
        used.add(id);
        return { url: `${page}#post-${id}`, formerUrl: `${page}#post-${i + 1}`, title: fallbackTitle(text), author, publishedAt: b.date, text, needsFetch: false };
      })
      .filter((i): i is SourceItem => i !== undefined);
    return items.length ? { kind: 'thread', title: blocks[0]!.title ?? heading, items } : undefined;
  }

  // A dated line with no headline inside an article ("Updated 11 July 2025") continues that article.
  const merged: Block[] = [];
  for (const b of blocks) {
    const last = merged[merged.length - 1];
    if (b.title === undefined && last) last.body.push(...b.body);
    else if (b.title !== undefined) merged.push(b);
  }
  const slugs = new Set<string>();
  const numbered = new Map<string, number>();
  const items = merged
    .map((b): SourceItem | undefined => {
      const text = b.body.join('\n\n');
      if (!text) return undefined;
      const slug = uniqueSlug(slugify(b.title!) || 'article', slugs, numbered);
      return {
        url: `${page}#${slug}`,
        title: b.title,
        author: b.author,
        publishedAt: b.date,
        sourceName: b.outlet,
        text,
        categories: b.categories.length ? b.categories : undefined,
        needsFetch: false,
      };
    })
    .filter((i): i is SourceItem => i !== undefined);
  if (items.length === 0) return undefined;
  if (items.length === 1 && kind === 'article') return { kind: 'article', title: items[0]!.title, items: [{ ...items[0]!, url: page, html: textToHtml(items[0]!.text!) }] };
  return { kind: 'listing', title: heading, items };
}

function findBlocks(lines: Line[]): Block[] {
  const anchors: number[] = [];
  lines.forEach((l, i) => {
    if (l.kind === 'date') anchors.push(i);
  });
  const blocks = anchors.map((anchor, k) => readHeader(lines, anchor, k > 0 ? anchors[k - 1]! + 1 : 0));
  blocks.forEach((b, k) => readBody(lines, b, k + 1 < blocks.length ? blocks[k + 1]!.start : lines.length));
  return blocks;
}

function readHeader(lines: Line[], anchor: number, lower: number): Block {
  let h = anchor - 1;
  let seen = 0;
  while (h >= lower) {
    const kind = lines[h]!.kind;
    if (kind === 'prose' || kind === 'quote' || kind === 'end' || kind === 'date') break;
    // A short sentence ("I agree.", "See post 1.") ends the previous post; headlines, outlets and names carry no full
    // stop. A stop after a capital is left out: it closes an initial ("John D."), which a name may end in.
    if (kind === 'short' && sentenceEnd.test(lines[h]!.text)) break;
    if (kind !== 'blank' && ++seen > maxHeaderLines) break;
    h--;
  }
  const start = h + 1;
  const shorts = lines.slice(start, anchor).filter((l) => l.kind === 'short').map((l) => l.text);
  const block: Block = { start, anchor, date: lines[anchor]!.date, heading: [], categories: [], body: [] };
  const repeated = shorts.find((t, i) => shorts.indexOf(t) !== i);
  if (repeated) {
    block.title = repeated;
    block.heading = shorts.slice(0, shorts.indexOf(repeated));
    const after = shorts.slice(shorts.lastIndexOf(repeated) + 1).filter((t) => t !== repeated);
    block.outlet = after.reverse().find((t) => wordCount(t) <= 6);
  } else if (shorts.length >= 2 && !/^re:/i.test(shorts[0]!)) {
    // The line just above the date names who published it (an outlet, a poster) when it is name-short.
    const hasOutlet = wordCount(shorts[shorts.length - 1]!) <= 6;
    const last = shorts[shorts.length - 1]!;
    block.title = hasOutlet ? shorts[shorts.length - 2] : last;
    block.outlet = hasOutlet ? last : undefined;
    block.heading = shorts.slice(0, shorts.length - (hasOutlet ? 2 : 1));
  } else if (shorts.length >= 1) {
    const last = shorts[shorts.length - 1]!;
    // One short line above a date: a headline if it reads like one, else the poster's name.
    if (wordCount(last) >= 4 && !/^re:/i.test(last)) block.title = last;
    else block.author = last;
  }
  return block;
}

function readBody(lines: Line[], block: Block, end: number): void {
  const isArticle = block.title !== undefined;
  const skip = new Set([block.title, block.outlet].filter((t): t is string => !!t).map((t) => t.toLowerCase()));
  let i = block.anchor + 1;
  // Metadata between the date line and the body: bullets, the headline and outlet again, "By …".
  for (; i < end; i++) {
    const l = lines[i]!;
    if (l.kind === 'blank' || l.kind === 'furniture') continue;
    if (l.kind === 'bullet') {
      const v = l.value!;
      if (!skip.has(v.toLowerCase()) && wordCount(v) <= 6) block.categories.push(v);
      continue;
    }
    if (skip.has(l.text.toLowerCase())) continue;
    const by = /^(?:by|from|posted by|author:?)\s+(.{2,60})$/i.exec(l.text);
    if (by && l.kind === 'short') {
      block.author ??= by[1];
      continue;
    }
    break;
  }
  for (; i < end; i++) {
    const l = lines[i]!;
    if (l.kind === 'end') break;
    if (l.kind === 'blank' || l.kind === 'furniture' || skip.has(l.text.toLowerCase())) continue;
    if (l.kind === 'quote' && !isArticle) {
      i = skipQuote(lines, i, end);
      continue;
    }
    block.body.push(l.text);
  }
}

/** Index of the quote's last line: its header line, or the lines up to XenForo's "Click to expand...". */
function skipQuote(lines: Line[], i: number, end: number): number {
  if (lines[i]!.quoteRest) return i;
  for (let j = i + 1; j < Math.min(end, i + 40); j++) {
    if (/^click to expand/i.test(lines[j]!.text)) return j;
  }
  let j = i + 1;
  while (j < end && lines[j]!.kind === 'blank') j++;
  return j < end ? j : i;
}

/** No date lines: the whole capture is one article (or one post, when the source is a thread). */
function readUnanchored(lines: Line[], pageUrl: string, kind?: FeedKind): ReadDocument | undefined {
  if (kind === 'listing') return undefined;
  const content = lines.filter((l) => l.kind !== 'blank' && l.kind !== 'furniture');
  const endAt = content.findIndex((l, i) => l.kind === 'end' && content.slice(0, i).some((p) => p.kind === 'prose'));
  const kept = endAt === -1 ? content : content.slice(0, endAt);
  if (!kept.some((l) => l.kind === 'prose')) return undefined;
  const page = withoutFragment(pageUrl);
  const first = kept[0]!;
  const headline = first.kind === 'short' && wordCount(first.text) >= 2 ? first.text : undefined;
  const bodyLines = kept.filter((l) => l !== first || !headline).filter((l) => l.kind !== 'end');
  const text = bodyLines.map((l) => l.text).join('\n\n');
  if (kind === 'thread') {
    return { kind: 'thread', items: [{ url: `${page}#post-1`, title: headline ?? fallbackTitle(text), text, needsFetch: false }] };
  }
  const title = headline ?? fallbackTitle(text);
  return { kind: 'article', title, items: [{ url: page, title, text, html: textToHtml(text), needsFetch: false }] };
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
