// Text features for dedupe: normalized word tokens and a content hash.
import { createHash } from 'node:crypto';
import { stripDiacritics, wordPattern } from '../../text/diacritics.js';

const wordTokenPattern = new RegExp(wordPattern, 'gu');

// ASCII and the typographic punctuation of the press (dashes, curly quotes, guillemets, € £): characters that NFKD
// and NFC leave as they are and that are no combining marks.
// eslint-disable-next-line no-control-regex
const foldInvariant = /^[\x00-\x7f\u2013\u2014\u2018\u2019\u201c\u201d\u00ab\u00bb\u20ac\u00a3]*$/;

/**
 * True when folding (NFKD, combining marks removed, NFC) would return the text unchanged: most English copy, whose
 * three passes over the whole text can then be skipped.
 */
export function isFoldInvariant(text: string): boolean {
  return foldInvariant.test(text);
}

/** Lower-cased, accent-free word tokens (letters and digits of any script). */
export function wordTokens(text: string): string[] {
  const folded = isFoldInvariant(text) ? text : stripDiacritics(text);
  return folded.toLowerCase().match(wordTokenPattern) ?? [];
}

// Below this many words a "same hash" says little (two one-line teasers can match by accident).
const minHashedWords = 40;

/**
 * Hash of the normalized title and text; equal hashes mean the same article under two URLs. Null for very short texts.
 * The title is part of it because a text alone can repeat across articles (a feed's fixed blurb, a paywall's notice):
 * a match on it dropped every later article of that site as a duplicate of the first. A copy under a new headline is
 * stored and joins the same story instead.
 */
export function contentHash(title: string, text: string): string | null {
  const tokens = wordTokens(text);
  if (tokens.length < minHashedWords) return null;
  return createHash('sha256').update(`${wordTokens(title).join(' ')}\n${tokens.join(' ')}`).digest('hex');
}
