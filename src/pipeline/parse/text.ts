// Small text helpers shared by the feed, HTML and plain-text readers. Regex-based on purpose: a feed of 50 items is
// converted without building 50 DOMs, and the output only has to be good enough to judge length and make titles.
import { decodeHTML } from 'entities';
import { clipPhrase } from '../../text/clip.js';

// Tags are found by scanning, not by `replace` with patterns such as /<[a-z][^>]*>/g: where no ">" follows, such a
// pattern reads to the end of the text from every "<" ("<a " × 33,000 took seconds). Here each "<" is checked only
// for the few characters of a tag name, the end of a tag is one indexOf for ">", and once a search for ">", "-->" or
// a closing tag fails nothing later can succeed either, so every pass reads the text once. Matches are the ones the
// patterns in the comments would find.
const dropNames = /<(script|style|noscript|template|svg|iframe|object|head)\b/iy; // …[^>]*>[\s\S]*?<\/\1\s*>
const blockStart = /<\/?(?:p|div|br|li|ul|ol|h[1-6]|blockquote|pre|tr|table|section|article|header|footer|aside|figure|figcaption|dd|dt|dl|hr|main|nav|details|summary)\b/iy; // …[^>]*>
const anyTagStart = /<\/?[a-z]/iy; // …[^>]*>
const htmlTagStart = /<(?:p|div|br|a|img|span|em|strong|b|i|ul|ol|li|h[1-6]|blockquote|figure|table|iframe|section|article)\b/iy; // …[^>]*>

/** Whether `sticky` matches at `at`. */
function startsAt(sticky: RegExp, text: string, at: number): RegExpExecArray | null {
  sticky.lastIndex = at;
  return sticky.exec(text);
}

/** Replaces each `<!-- … -->` (the shortest; an unclosed one stays) with `by`. */
function replaceComments(text: string, by: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const open = text.indexOf('<!--', from);
    if (open < 0) break;
    const close = text.indexOf('-->', open + 4);
    if (close < 0) break;
    out += text.slice(from, open) + by;
    from = close + 3;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Replaces each tag whose start `sticky` matches, through the next ">", with `by`. */
function replaceTags(text: string, sticky: RegExp, by: string): string {
  let out = '';
  let from = 0; // text before this is already in `out`
  let at = text.indexOf('<');
  while (at >= 0) {
    if (startsAt(sticky, text, at)) {
      const end = text.indexOf('>', at + 1);
      if (end < 0) break;
      out += text.slice(from, at) + by;
      from = end + 1;
      at = text.indexOf('<', from);
    } else {
      at = text.indexOf('<', at + 1);
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Whether the text has a tag whose start `sticky` matches, closed by a ">". */
function hasTag(text: string, sticky: RegExp): boolean {
  for (let at = text.indexOf('<'); at >= 0; at = text.indexOf('<', at + 1)) {
    if (startsAt(sticky, text, at)) return text.indexOf('>', at + 1) >= 0;
  }
  return false;
}

/** Replaces each script, style, svg … element, from its start tag through its closing tag, with `by`. */
function replaceDroppedElements(text: string, by: string): string {
  let out = '';
  let from = 0;
  const unclosed = new Set<string>(); // names with no closing tag after some earlier start tag: none after a later one
  let at = text.indexOf('<');
  while (at >= 0) {
    const start = startsAt(dropNames, text, at);
    const name = start?.[1]?.toLowerCase();
    if (name === undefined || unclosed.has(name)) {
      at = text.indexOf('<', at + 1);
      continue;
    }
    const gt = text.indexOf('>', at + 1);
    if (gt < 0) break;
    const closing = new RegExp(`</${name}\\s*>`, 'gi');
    closing.lastIndex = gt + 1;
    const close = closing.exec(text);
    if (!close) {
      unclosed.add(name);
      at = text.indexOf('<', at + 1);
      continue;
    }
    out += text.slice(from, at) + by;
    from = close.index + close[0].length;
    at = text.indexOf('<', from);
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Decodes HTML entities (`&amp;`, `&#8217;`, `&eacute;`) once. */
export function decodeEntities(text: string): string {
  return text.includes('&') ? decodeHTML(text) : text;
}

// Invisible characters that are not spaces: U+200B (zero-width space) marks where a line may break, U+2060 (word
// joiner) where it may not, U+FEFF is a stray byte-order mark or the old word joiner. Khmer, Burmese and Thai sites
// put a zero-width space between every word, and a space there wrote the titles with gaps their readers never see.
// English pages use it inside long words and URLs ("super<ZWSP>califragilistic", "example.com/<ZWSP>path") to let
// them wrap, and a space split those too. Deleted, every text reads as the page shows it. ZWJ and ZWNJ stay: they
// change how Persian, Indic and emoji text is drawn.
const invisibleBreaks = /[\u200b\u2060\ufeff]+/g;

/** Collapses runs of whitespace (including no-break spaces) to one space and trims; zero-width breaks go. */
export function collapseSpace(text: string): string {
  // Deleted before collapsing, as \s matches U+FEFF: "a \u200b b" is "a b", not "a  b".
  return text.replace(invisibleBreaks, '').replace(/[\s\u00a0]+/g, ' ').trim();
}

/** Plain text of an HTML fragment: paragraphs separated by a blank line, no tags, entities decoded. */
export function htmlToText(html: string): string {
  const marked = replaceTags(replaceTags(replaceDroppedElements(replaceComments(html, ''), ' '), blockStart, '\n\n'), anyTagStart, '');
  return plainParagraphs(marked);
}

/** Text with entities decoded, whitespace collapsed within paragraphs, paragraphs separated by one blank line. */
export function plainParagraphs(text: string): string {
  return decodeEntities(text)
    .split(/\n\s*\n/)
    .map(collapseSpace)
    .filter(Boolean)
    .join('\n\n');
}

/** A one-line plain title from text that may carry tags or (doubly) escaped entities. */
export function cleanTitle(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let s = raw;
  // Feeds often escape twice (`&amp;#8217;`); XML parsing removed one layer, this removes the other.
  for (let i = 0; i < 2 && /&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]{1,31});/i.test(s); i++) s = decodeHTML(s);
  if (/<[a-z/!]/i.test(s)) s = decodeEntities(replaceTags(replaceComments(s, ''), anyTagStart, ' '));
  const title = collapseSpace(s);
  return title || undefined;
}

/** True when the string holds HTML markup rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  return hasTag(text, htmlTagStart);
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Paragraphs (blank-line separated) as `<p>` elements, so plain text can go where HTML is expected. */
export function textToHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n');
}

// Not after an initial or a common abbreviation ("U.S. President", "Mr. Aliyev").
const sentenceEnd = /(?<!(?:^|[\s.])(?:\p{Lu}|Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Col|Lt|Sgt|Prof|No|vs|etc|Inc|Ltd))[.!?…](?:["'”’)\]]*)(?=\s+["'“‘([]?[\p{Lu}\p{N}]|\s*$)/u;

/**
 * The title of a text that came without one: the first sentence (up to the first ".", "!" or "?" followed by a
 * capital) of its first line (a heading, on a page with a <br> after it), at most `max` characters, cut at a word.
 * Every reader and the pipeline use this one: the title goes into the content hash, so the same untitled text must
 * get the same title from a feed, a page or a thread.
 */
export function fallbackTitle(text: string, max = 120): string {
  const s = collapseSpace(text.trimStart().split('\n')[0]!);
  const m = sentenceEnd.exec(s);
  const sentence = m ? s.slice(0, m.index + m[0].length) : s;
  return clipPhrase(sentence.replace(/[.]$/, ''), max);
}

/** A URL fragment for a title: lower case, ASCII letters kept, accents dropped, words joined by hyphens. */
export function slugify(text: string, max = 80): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  return cut.includes('-') ? cut.slice(0, cut.lastIndexOf('-')) : slug.slice(0, max);
}

/**
 * A slug not yet in `used` (which it is added to): the title's own, else with the first free number after it. `next`
 * remembers where each slug's numbers stopped, so that a page of 8,000 cards of one headline is read in one step a
 * card, not by counting up from 2 every time (19 s).
 */
export function uniqueSlug(slug: string, used: Set<string>, next: Map<string, number>): string {
  let unique = slug;
  if (used.has(slug)) {
    let n = next.get(slug) ?? 2;
    while (used.has(`${slug}-${n}`)) n++;
    next.set(slug, n + 1);
    unique = `${slug}-${n}`;
  }
  used.add(unique);
  return unique;
}

/** Teasers end with "…", "[…]", "Read more", "Continue reading": the full text is on the page. */
export function looksTruncated(text: string): boolean {
  const tail = text.slice(-120).trim();
  return /(?:\.\.\.|…|\[\s*(?:…|\.\.\.)\s*\]|\b(?:read|see) (?:more|the full|the rest)\b.{0,40}|continue reading.{0,60}|the post .{1,200} appeared first on .{1,80})$/i.test(tail);
}
