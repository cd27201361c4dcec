// Marks that are optional in writing: accents on Latin, Greek and Cyrillic letters (é → e, ё → е), Arabic harakat,
// hamza above or below and the dagger alif (أ → ا, أيضاً → أيضا), and Hebrew niqqud and cantillation. Nothing else:
// removing every combining mark (\p{M}) after NFKD also removed the vowel signs of Thai, Khmer, Burmese, Lao and
// Devanagari, which are part of their words: "กัมพูชา" (Cambodia) became "กม" + "พ" + "ชา", and unrelated stories
// shared such fragments.
// eslint-disable-next-line no-misleading-character-class -- a class of combining-diacritic blocks is exactly the intent
export const diacritics = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u0610-\u061a\u064b-\u065f\u0670\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7]+/g;

/** NFKD, the combining diacritics removed, NFC again (Hangul and other syllables come back whole). */
export function stripDiacritics(text: string): string {
  return text.normalize('NFKD').replace(diacritics, '').normalize('NFC');
}

/** Letters, then letters, marks (a script's vowel signs) and digits: one word of any script. */
export const wordPattern = '[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}]*';
