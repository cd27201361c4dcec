// Tag text as stored: lower case, no accents, words separated by single spaces, length capped.
import { stripDiacritics } from '../../text/diacritics.js';
import { foldAccents } from './text.js';

/** Longest normalized tag, in characters; longer input is cut at a word boundary. */
export const MAX_TAG_LENGTH = 50;

/**
 * The text a reader sees: invisible format characters (zero-width spaces and joiners, soft hyphens, bidi controls,
 * byte-order marks: Unicode's Cf) and variation selectors removed, and compatibility forms (fullwidth `Ｚ`, ligatures, mathematical letters)
 * folded (NFKC), so a tag that looks exactly like another is that tag, and a label cannot hide or reorder text.
 */
export function visibleText(text: string): string {
  // Variation selectors (emoji or text presentation, "⚽️") are marks, not format characters, and show nothing either:
  // kept, "⚽️ Sport" became a tag with an invisible word that no route on "sport" matched.
  return text.replace(/[\p{Cf}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}]+/gu, '').normalize('NFKC');
}

/**
 * `"  Human   Rights "` → `human rights`, `"Türkiye"` → `turkiye`, `#diplomaticConflict` → `diplomatic conflict`,
 * `south-caucasus` → `south caucasus`. Returns '' when nothing word-like is left.
 */
export function normalizeTag(text: string): string {
  // Only optional marks fold (Latin accents, Arabic harakat, Hebrew niqqud): the vowel signs of Thai, Khmer, Burmese
  // and Devanagari are \p{M} too but spell the word, so they stay and never split it ("ข่าว" news ≠ "ข้าว" rice).
  const words = foldAccents(stripDiacritics(visibleText(text)))
    // Dotted abbreviations are one word: "U.S." → "US".
    .replace(/(?<![\p{L}\p{N}])(?:\p{L}\.)+\p{L}\.?(?![\p{L}\p{N}])/gu, (m) => m.replace(/\./g, ''))
    // camelCase and PascalCase hashtags: "diplomaticConflict" → "diplomatic Conflict", "USPolicy" → "US Policy".
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    // "women's rights" → "womens rights": an apostrophe joins, it does not separate.
    .replace(/['’`]/g, '')
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((w) => w.length > 0);
  let out = '';
  for (const word of words) {
    const next = out ? `${out} ${word}` : word;
    if (next.length > MAX_TAG_LENGTH) return out || word.slice(0, MAX_TAG_LENGTH);
    out = next;
  }
  return out;
}
