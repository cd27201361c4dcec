// Small text helpers shared by the feed, HTML and plain-text readers. Regex-based on purpose: a feed of 50 items is
// converted without building 50 DOMs, and the output only has to be good enough to judge length and make titles.
import { decodeHTML } from 'entities';

const dropElements = /<(script|style|noscript|template|svg|iframe|object|head)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const comments = /<!--[\s\S]*?-->/g;
const blockBoundary = /<\/?(?:p|div|br|li|ul|ol|h[1-6]|blockquote|pre|tr|table|section|article|header|footer|aside|figure|figcaption|dd|dt|dl|hr|main|nav|details|summary)\b[^>]*>/gi;
const anyTag = /<\/?[a-z][^>]*>/gi;

/** Decodes HTML entities (`&amp;`, `&#8217;`, `&eacute;`) once. */
export function decodeEntities(text: string): string {
  return text.includes('&') ? decodeHTML(text) : text;
}

/** Collapses runs of whitespace (including no-break spaces) to one space and trims. */
export function collapseSpace(text: string): string {
  return text.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim();
}

/** Plain text of an HTML fragment: paragraphs separated by a blank line, no tags, entities decoded. */
export function htmlToText(html: string): string {
  const marked = html.replace(comments, '').replace(dropElements, ' ').replace(blockBoundary, '\n\n').replace(anyTag, '');
  return decodeEntities(marked)
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
  if (/<[a-z/!]/i.test(s)) s = decodeEntities(s.replace(comments, '').replace(anyTag, ' '));
  const title = collapseSpace(s);
  return title || undefined;
}

/** True when the string holds HTML markup rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  return /<(?:p|div|br|a|img|span|em|strong|b|i|ul|ol|li|h[1-6]|blockquote|figure|table|iframe|section|article)\b[^>]*>/i.test(text);
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

/** Cuts at a word boundary so the result, with its ellipsis, is at most `max` characters. */
export function shortenAtWord(text: string, max: number): string {
  const s = collapseSpace(text);
  if (s.length <= max) return s;
  const room = s.slice(0, max - 1);
  const cut = room.replace(/\s+\S*$/, '');
  const base = (cut.length >= max / 2 ? cut : room).replace(/[\s,;:–—-]+$/, '');
  return `${base}…`;
}

// Not after an initial or a common abbreviation ("U.S. President", "Mr. Aliyev").
const sentenceEnd = /(?<!(?:^|[\s.])(?:\p{Lu}|Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Col|Lt|Sgt|Prof|No|vs|etc|Inc|Ltd))[.!?…](?:["'”’)\]]*)(?=\s+["'“‘([]?[\p{Lu}\p{N}]|\s*$)/u;

/** The first sentence of a text (up to the first ".", "!" or "?" followed by a capital), at most `max` characters. */
export function firstSentence(text: string, max = 120): string {
  const s = collapseSpace(text.split(/\n\s*\n/)[0] ?? text);
  const m = sentenceEnd.exec(s);
  const sentence = m ? s.slice(0, m.index + m[0].length) : s;
  return shortenAtWord(sentence.replace(/[.]$/, ''), max);
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

/** Teasers end with "…", "[…]", "Read more", "Continue reading": the full text is on the page. */
export function looksTruncated(text: string): boolean {
  const tail = text.slice(-120).trim();
  return /(?:\.\.\.|…|\[\s*(?:…|\.\.\.)\s*\]|\b(?:read|see) (?:more|the full|the rest)\b.{0,40}|continue reading.{0,60}|the post .{1,200} appeared first on .{1,80})$/i.test(tail);
}
