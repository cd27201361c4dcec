// Text folding and tokenization shared by the country, region and topic matchers. Every lexicon phrase and every
// article goes through the same `tokenize`, so "Côte d'Ivoire", "COTE D'IVOIRE" and "cote d ivoire" meet.

import { diacritics } from '../../text/diacritics.js';
import { segmentWords, unspacedScript } from '../../text/unspaced.js';

/** Letters that NFKD does not decompose into a base letter plus marks. */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  // The capital sharp s lower-cases to ß: left alone here it became "ß" and only a second pass gave "ss".
  ẞ: 'SS',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  đ: 'd',
  Đ: 'D',
  ł: 'l',
  Ł: 'L',
  ı: 'i',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'Th',
};
const SPECIAL_RE = new RegExp(`[${Object.keys(SPECIAL_LETTERS).join('')}]`, 'g');

/**
 * Strips accents (NFKD, then the marks writing may leave out: src/text/diacritics.ts, one set for every reader, so
 * Arabic harakat and Hebrew niqqud too: "محمّد" is "محمد" to a filter and a keyword follow as to clustering) and
 * spells out the few letters NFKD leaves alone; keeps case.
 */
export function foldAccents(text: string): string {
  // Skip the costly NFKD for the common all-ASCII case.
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  // Marks by block, without the u flag: several times faster than /\p{M}/u on long texts.
  return text
    .normalize('NFKD')
    .replace(diacritics, '')
    .replace(SPECIAL_RE, (c) => SPECIAL_LETTERS[c] ?? c);
}

export interface Token {
  /** Lower-case, accent-free form used for lookups; dotted abbreviations lose their dots (`U.S.` → `us`). */
  key: string;
  /** First letter is upper case (`Turkey`, `TURKEY`). */
  cap: boolean;
  /** Every letter is upper case and there are at least two (`US`, `UK`, `U.S.`). */
  upper: boolean;
  /** First token of a sentence, line or quotation: capitalization there says nothing. */
  sentenceStart: boolean;
  /** Something other than spaces (a comma, a dash, a parenthesis) separates it from the previous token. */
  afterPunct: boolean;
  /** Character offset in the text. */
  start: number;
}

// Word characters: ASCII letters and digits, plus any Unicode letter or digit, classified once per code unit.
const WORD_CLASS = new Uint8Array(65536);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  WORD_CLASS[c] = /[A-Za-z0-9]/.test(ch) ? 1 : 2;
}

function isWordChar(code: number): boolean {
  let cls = WORD_CLASS[code];
  if (cls === 0) {
    // Marks count as word characters so a decomposed "e\u0301" stays one word until it is folded.
    cls = /[\p{L}\p{N}\p{M}]/u.test(String.fromCharCode(code)) ? 1 : 2;
    WORD_CLASS[code] = cls;
  }
  return cls === 1;
}

function isLetterCode(code: number): boolean {
  return isWordChar(code) && !(code >= 48 && code <= 57);
}

const DOT = 46;
// . ! ? : ; quotes, brackets and line breaks end a sentence or open a quotation.
const SENTENCE_END = new Set([46, 33, 63, 58, 59, 34, 0x201c, 0x201d, 0xab, 0xbb, 40, 41, 91, 93, 10]);

// Korean particles after a noun of at least two syllables (subject, topic, object, and, of, in/at, from, to, also).
const hangulParticle = /(?<=\p{Script=Hangul}{2})(?:이|가|은|는|을|를|와|과|의|에서|에게|에|으로|로|도|만|까지|부터)$/u;


/**
 * Splits text into word tokens: runs of letters and digits, or dotted abbreviations (U.S., U.K., N.Y.) which lose
 * their dots. Apostrophes and hyphens split, so "Russia's" gives `russia` `s` and "Azerbaijani-run" gives
 * `azerbaijani` `run`, on both sides of every match. A hand-written scanner: Unicode-class regular expressions
 * cost several times more on a 5,000-word article.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let lastEnd = 0;
  let i = 0;
  while (i < n) {
    if (!isWordChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let ascii = true;
    while (i < n) {
      const code = text.charCodeAt(i);
      if (!isWordChar(code)) break;
      if (code > 127) ascii = false;
      i++;
    }
    let word = text.slice(start, i);
    // A single letter followed by ".X." is the start of a dotted abbreviation.
    if (i - start === 1 && text.charCodeAt(i) === DOT && isLetterCode(text.charCodeAt(i + 1)) && text.charCodeAt(i + 2) === DOT) {
      while (text.charCodeAt(i) === DOT && isLetterCode(text.charCodeAt(i + 1)) && !isWordChar(text.charCodeAt(i + 2))) {
        word += text[i + 1];
        i += 2;
      }
      if (text.charCodeAt(i) === DOT) i++;
    }
    // Korean attaches its particles to the noun (태국이, 캄보디아와): the noun is the word. (Before folding, which
    // decomposes Hangul syllables into letters.)
    if (!ascii && hangulParticle.test(word)) word = word.replace(hangulParticle, '');
    // Fold accents word by word: most words are ASCII, and NFKD over a whole article costs more than the scan.
    if (!ascii) word = foldAccents(word);
    if (word.length === 0) continue;
    // Chinese, Japanese, Thai, Khmer… put no spaces between words: ICU's dictionaries find them (Intl.Segmenter).
    if (!ascii && unspacedScript.test(word)) {
      for (const part of segmentWords(word)) {
        tokens.push({ key: part.segment.toLowerCase(), cap: false, upper: false, sentenceStart: false, afterPunct: false, start: start + part.index });
      }
      lastEnd = i;
      continue;
    }
    const lower = word.toLowerCase();
    const first = word.charCodeAt(0);
    const cap = first >= 65 && first <= 90 ? true : first < 128 ? false : word[0] !== lower[0];
    const upper = cap && word.length >= 2 && word !== lower && word === word.toUpperCase();
    let sentenceStart = tokens.length === 0;
    let afterPunct = tokens.length === 0;
    for (let g = lastEnd; g < start; g++) {
      const code = text.charCodeAt(g);
      if (code === 32 || code === 9 || code === 13) continue;
      afterPunct = true;
      if (SENTENCE_END.has(code)) sentenceStart = true;
    }
    tokens.push({ key: lower, cap, upper, sentenceStart, afterPunct, start });
    lastEnd = i;
  }
  return tokens;
}

/** True when a text has (almost) no capital letters: then casing cannot tell "turkey" the bird from the country. */
export function isCaselessText(tokens: readonly Token[]): boolean {
  if (tokens.length < 8) return false;
  let caps = 0;
  for (const t of tokens) if (t.cap) caps++;
  return caps / tokens.length < 0.01;
}
