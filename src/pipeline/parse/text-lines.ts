// What one line of a plain-text capture is: page furniture, a date line, a bullet of metadata, a quoted post's
// header, prose, or a short line (a headline, an outlet, an author). Captures of listing pages and forum threads are
// built from these, whatever the site; the vocabulary here is the general one of news and forum pages.
import { parseDate } from '../dates/parse-date.js';
import { monthNumber } from '../dates/month-names.js';
import type { DateContext } from '../types.js';
import { collapseSpace } from './text.js';

export type LineKind = 'blank' | 'furniture' | 'end' | 'date' | 'bullet' | 'quote' | 'prose' | 'short';

export interface Line {
  text: string;
  kind: LineKind;
  date?: Date | undefined;
  /** For a bullet: the text after the bullet sign. */
  value?: string | undefined;
  /** For a quote header: who is quoted and what of the quote sits on the same line. */
  quoteAuthor?: string | undefined;
  quoteRest?: string | undefined;
}

// Whole lines that are navigation, buttons or branding, compared lower-cased without surrounding punctuation.
const furnitureWords = new Set([
  'logo', '#', 'menu', 'search', 'home', 'share', 'share this', 'tweet', 'print', 'email', 'e-mail', 'reply', 'quote',
  'report', 'like', 'likes', 'find', 'advertisement', 'advert', 'ad', 'ads', 'sponsored', 'close', 'skip to content',
  'skip to main content', 'toggle navigation', 'subscribe', 'sign in', 'log in', 'login', 'register', 'sign up',
  'follow us', 'back to top', 'load more', 'show more', 'read more', 'see more', 'more', 'next', 'previous', 'prev',
  'top', 'open', 'copy link', 'link copied', 'listen', 'listen to this article', 'facebook', 'twitter', 'x', 'telegram',
  'whatsapp', 'linkedin', 'reddit', 'instagram', 'youtube', 'rss', 'newsletter', 'multi-quote', 'quick reply',
  'thanks', 'like reply', 'permalink', 'edit', 'delete', 'pm', 'website', 'find all posts', 'app-storeplay-store',
]);
// Lines that start the page footer: after one of these, the rest of an article block is not the article.
const endPatterns = [
  /\bdownload\b.{0,40}\bapp\b/i,
  /^get started\b/i,
  /\b(?:app[- ]?store|play[- ]?store|google play)\b/i,
  /^(?:related|recommended|trending|popular|latest|more)(?: (?:articles|stories|news|posts|reads|from [\p{L} ]{1,40}))?:?$/iu,
  /^(?:you (?:may|might) also like|most read|read next|read also|see also|don't miss)\b/i,
  /^(?:sign up|subscribe) (?:for|to) (?:our|the) newsletter/i,
  /all rights reserved|^©|^copyright\s+(?:©\s*)?\d{4}/i,
  /^(?:leave|post|add) a (?:comment|reply)\b|^\d+\s+comments?$/i,
];
const furniturePatterns = [
  /^(?:share|follow) (?:on|us on) \w+$/i,
  /^(?:posts?|threads?|joined|reputation|rep|likes received|messages|points|location)\s*:?\s*[\d,. ]*$/i,
  /^(?:image|photo|picture)(?: credit)?:/i,
  /^\(?(?:photo|image|video): /i,
];

// A quoted post's header on forums: "(Yesterday, 09:10 AM)Tee tiong huat Wrote: …", "Jane said:", "Quote from: X on …".
const quoteHeader = /^(?:\(([^)]{3,40})\)\s*)?([^:()\n]{1,60}?)\s+(?:wrote|said|writes|says|escribió|a écrit|schrieb|написал|написала|yazdı)\s*:\s*(.*)$/iu;
const quoteFrom = /^(?:quote(?: from)?:?\s*(?:originally posted by\s+)?|originally posted by\s+)([^:\n]{1,60}?)(?:\s+(?:on|at|@)\s+[^:]{3,40}(?::\d{2}[^:]{0,10})?)?:?\s*(?:\r?$|(?<=:)\s*(.*))$/i;

const bullet = /^[•·▪◦►▸‣⁃∙●○■□*–—-]\s*(.+)$/u;
const dateWords = /^(?:yesterday|today|am|pm|a\.m|p\.m|at|on|published|updated|posted|modified|time|date|utc|gmt|ago|hours?|hrs?|minutes?|mins?|days?|weeks?|months?|seconds?|secs?|last|edited|th|st|nd|rd|of|de|le|the|vor|il|г|в|à)$/i;

// Headlines may end in "?" and run to ~120 characters; prose ends in a full stop or has more than one sentence.
const prose = /[.!…"”»)]$/u;
const twoSentences = /\p{Ll}{2}[.!?]\s+\p{Lu}.*[.!?…]$/u;

/** Classifies every line; the date context resolves "Yesterday, 09:20 AM" and "10-07-2025". */
export function classifyLines(text: string, dates: DateContext): Line[] {
  return text.split(/\r?\n/).map((raw) => classifyLine(raw, dates));
}

export function classifyLine(raw: string, dates: DateContext): Line {
  const text = collapseSpace(raw);
  if (!text) return { text, kind: 'blank' };
  const quote = readQuoteHeader(text);
  if (quote) return { text, kind: 'quote', quoteAuthor: quote.author, quoteRest: quote.rest };
  if (text.length <= 200 && isFurniture(text)) {
    return { text, kind: endPatterns.some((p) => p.test(text)) ? 'end' : 'furniture' };
  }
  // A longer promotional line ("Ready to dive in? Download the app today…") still starts the footer.
  if (text.length <= 400 && /\bdownload\b.{0,40}\bapp\b|\bapp[- ]?store\b/i.test(text)) return { text, kind: 'end' };
  if (text.length <= 60) {
    const date = dateOfLine(text, dates);
    if (date) return { text, kind: 'date', date };
  }
  const b = text.length <= 60 ? bullet.exec(text) : null;
  if (b) return { text, kind: 'bullet', value: b[1]!.trim() };
  if (text.length >= 160 || (text.length >= 80 && prose.test(text)) || twoSentences.test(text)) return { text, kind: 'prose' };
  return { text, kind: 'short' };
}

function isFurniture(text: string): boolean {
  const bare = text.toLowerCase().replace(/^[\s|:•·>›»«-]+|[\s|:•·<‹»«-]+$/g, '');
  if (furnitureWords.has(bare) || furnitureWords.has(text.toLowerCase())) return true;
  if (/^[#|•·\-–—_=*~/\\]+$/.test(text)) return true;
  return endPatterns.some((p) => p.test(text)) || furniturePatterns.some((p) => p.test(text));
}

function readQuoteHeader(text: string): { author: string; rest: string } | undefined {
  const m = quoteHeader.exec(text);
  if (m) {
    const author = m[2]!.trim();
    // "The minister said: …" is reporting, not a forum quote: a poster's name is short and has no sentence in it.
    const rest = (m[3] ?? '').trim();
    // "Jane said:" starts a quote only on a line of its own (XenForo); "wrote:" may carry the quote on the same line.
    const verbOnly = /\s(?:said|says|writes)\s*:/i.test(text) && !m[1];
    const plausibleName = author.split(/\s+/).length <= 4 && !/[.!?,;]/.test(author) && !/^(?:he|she|they|it|we|i|you|who|which|this|that)$/i.test(author);
    if (plausibleName && (!verbOnly || rest === '')) {
      return { author, rest };
    }
  }
  const f = quoteFrom.exec(text);
  if (f && /^(?:quote|originally)/i.test(text)) return { author: f[1]!.trim(), rest: (f[2] ?? '').trim() };
  return undefined;
}

/** A line that is only a date ("time10-07-2025", "Yesterday, 09:20 AM", "Published 10 July 2025"), or undefined. */
export function dateOfLine(text: string, dates: DateContext): Date | undefined {
  const words = text
    .replace(/\d+/g, ' ')
    .split(/[^\p{L}.]+/u)
    .map((w) => w.replace(/^\.+|\.+$/g, ''))
    .filter((w) => w.length > 0 && !dateWords.test(w) && monthNumber(w) === undefined && !/^[ap]$/i.test(w));
  if (words.length > 2) return undefined;
  if (!/\d/.test(text) && !/yesterday|today/i.test(text)) return undefined;
  return parseDate(text, dates);
}
