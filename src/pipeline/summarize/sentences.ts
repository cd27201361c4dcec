// Sentence splitting for news text in any script. A period is the hard case: it also closes abbreviations ("Mr.",
// "U.S.", "Jan."), initials ("George W. Bush") and German ordinals ("am 3. Oktober"), so a period ends a sentence
// only when whitespace and a plausible sentence start follow and the word before it is not such a case.
// CJK full stops need no following space; Arabic, Devanagari, Armenian, Ethiopic and Burmese have their own marks.
import { abbreviationKind, isSentenceOpener } from './abbreviations.js';

const LATIN_TERMINATORS = '.!?…‽';
const CJK_TERMINATORS = '。！？｡';
// Arabic question mark, Urdu full stop, Devanagari danda and double danda, Armenian full stop, Ethiopic full stop,
// Burmese section mark, Khmer khan and bariyoosan.
const OTHER_TERMINATORS = '؟۔।॥։።။។៕';
// “ and ‘ close quotations in German („…“, ‚…‘); French puts a (narrow) space before ».
const CLOSER_CHARS = `'"”’“‘»)]}」』）›`;
const CLOSERS = CLOSER_CHARS.replace(']', '\\]');

// Closing quotes after a terminator. "»" is itself a closer, so the spaced form requires its space: with an optional
// space both alternatives matched a bare "»" and a failing match tried 2^n ways through a run of them.
const CLOSING = `(?:[ \u00a0\u202f]»|[${CLOSERS}])*`;

// Armenian text online often ends its sentences with an ASCII colon for want of the full stop ։ on a keyboard; Armenian
// has its own colon (․), so a colon after an Armenian word is read as a full stop when an Armenian sentence follows.
const ARMENIAN_COLON = `(?<=\\p{Script=Armenian}[»”")]?):`;
const ARMENIAN_START = /^[«"“(]?\p{Script=Armenian}/u;
const ARMENIAN_END = /\p{Script=Armenian}[»”")]?:$/u;

const BOUNDARY = new RegExp(
  `([${LATIN_TERMINATORS}]+|[${CJK_TERMINATORS}]+|[${OTHER_TERMINATORS}]+|${ARMENIAN_COLON})(${CLOSING})(\\s*)`,
  'gu',
);
/**
 * What a new sentence may start with after a Latin terminator and a space. Georgian is written in one case, whose
 * letters Unicode counts as lower case (since it added the capitals, Mtavruli, that news text does not use).
 */
const SENTENCE_START = /^[\p{Lu}\p{Lt}\p{Lo}\p{Script=Georgian}\p{N}'"“‘«„‚(¿¡[\-–—•*]/u;
/**
 * What a new sentence starts with after an ellipsis: an ellipsis is as often a pause inside a sentence ("rose … 40
 * percent", "said... "we will see"") as its end, so, as in pySBD, only a capital letter after it (past opening quotes
 * and brackets) starts a new one; a letter of a script without case (Chinese, Arabic, Georgian) still does.
 */
const ELLIPSIS_SENTENCE_START = /^[\p{Ps}\p{Pi}'"„‚¿¡ \u00a0\u202f]*[\p{Lu}\p{Lt}\p{Lo}\p{Script=Georgian}]/u;
const ELLIPSIS = /…|\.\./u;
const ENDING_MARKS = new Set(`${LATIN_TERMINATORS}${CJK_TERMINATORS}${OTHER_TERMINATORS}:`);
const CLOSER_SET = new Set(CLOSER_CHARS);
const QUOTE_SPACES = new Set(' \u00a0\u202f');

/**
 * Whether the text ends with a terminator or a colon, then only closing quotes (what a regex of a terminator, CLOSING
 * and `$` would test), read backwards over the closing quotes alone. (That regex reads the whole text from the start, and a paragraph of many
 * hard-wrapped lines is tested after each line is joined, which made 50,000 short lines take seconds.) All these
 * marks are single UTF-16 units, so stepping one unit at a time is safe.
 */
function endsWithTerminator(text: string): boolean {
  let i = text.length;
  while (i > 0) {
    const c = text[i - 1] as string;
    if (CLOSER_SET.has(c) || (QUOTE_SPACES.has(c) && text[i] === '»')) i--;
    else break;
  }
  return i > 0 && ENDING_MARKS.has(text[i - 1] as string);
}
/** Languages that write ordinal numbers with a period ("3. Oktober", "1. maja"). */
const ORDINAL_PERIOD_LANGUAGES = new Set(['de', 'da', 'no', 'nb', 'nn', 'fi', 'cs', 'sk', 'pl', 'hu', 'hr', 'sl', 'sr', 'bs', 'et', 'lv', 'is', 'tr']);

const SPACE = /\s/u;

/**
 * The word that ends at `end` (not reaching back before `start`), leading brackets and opening quotes removed.
 * Scans back over that word only: a regex anchored at the end (`/(\S+)$/`) is retried from every position of the
 * text before it, and that text grows while abbreviations keep a sentence open ("Mr. " × 25,000 took seconds).
 */
function previousWord(line: string, start: number, end: number): string {
  let from = end;
  while (from > start) {
    // Surrogate pairs are never whitespace, so stepping back one code unit at a time is safe.
    if (SPACE.test(line[from - 1] as string)) break;
    from--;
  }
  if (from === end) return '';
  return line.slice(from, end).replace(/^[\p{Ps}\p{Pi}'"]+/u, '');
}

function nextWord(after: string): string {
  const match = /^[\p{Ps}\p{Pi}'"]*([\p{L}\p{N}]+)/u.exec(after);
  return match ? (match[1] as string) : '';
}

/** Whether a single period after `word` and before `after` (which starts after the whitespace) ends a sentence. */
function periodEndsSentence(word: string, after: string, language: string | undefined): boolean {
  if (word === '') return true;
  const following = nextWord(after);
  const opener = isSentenceOpener(following);
  // An initial ("J. K. Rowling", "George W. Bush"), unless an ordinary opener follows ("vitamin D. The …").
  if (/^\p{Lu}$/u.test(word)) return opener && !/^\p{Lu}\./u.test(after);
  // A Georgian letter alone is an abbreviation ("ქ. თბილისი", the city of Tbilisi; "2024 წ.", the year).
  if (/^\p{Script=Georgian}$/u.test(word)) return false;
  const kind = abbreviationKind(word);
  if (kind === 'title') return false;
  if (kind === 'before-number') return !/^\p{N}/u.test(after);
  if (kind === 'ambiguous') return opener;
  // Acronyms with inner periods that are not in our lists ("U.S.A.", "N.Y.").
  if (/^(\p{L}\.)+\p{L}$/u.test(word)) return opener;
  if (language && ORDINAL_PERIOD_LANGUAGES.has(language) && /^\p{N}{1,2}$/u.test(word) && !opener) return false;
  return true;
}

function splitLine(line: string, language: string | undefined): string[] {
  const sentences: string[] = [];
  let start = 0;
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(line); m !== null; m = BOUNDARY.exec(line)) {
    const end = m.index + m[0].length;
    if (end >= line.length) break;
    const terminator = m[1] as string;
    const space = m[3] as string;
    const rest = line.slice(end);
    let boundary: boolean;
    // After a CJK full stop, “ and ‘ open the next sentence's quotation (they close one only in German, which has no
    // such stops): the sentence ends before them.
    const quoteOpens = CJK_TERMINATORS.includes(terminator[0] as string) ? (m[2] as string).search(/[“‘]/u) : -1;
    if (quoteOpens >= 0) {
      const cut = m.index + terminator.length + quoteOpens;
      sentences.push(line.slice(start, cut));
      start = cut;
      continue;
    }
    if (terminator === ':') {
      boundary = space !== '' && ARMENIAN_START.test(rest);
    } else if (CJK_TERMINATORS.includes(terminator[0] as string) || OTHER_TERMINATORS.includes(terminator[0] as string)) {
      boundary = true;
    } else if (space === '' || !SENTENCE_START.test(rest)) {
      boundary = false;
    } else if (ELLIPSIS.test(terminator)) {
      boundary = ELLIPSIS_SENTENCE_START.test(rest);
    } else if (terminator === '.' && (m[2] as string) === '') {
      boundary = periodEndsSentence(previousWord(line, start, m.index), rest, language);
    } else {
      boundary = true;
    }
    if (boundary) {
      sentences.push(line.slice(start, m.index + terminator.length + (m[2] as string).length));
      start = end;
    }
  }
  sentences.push(line.slice(start));
  return sentences;
}

/**
 * Lines of a paragraph, with hard-wrapped lines joined again: a line that does not end a sentence (or ends with an
 * ellipsis) followed by one that starts in lower case is the same sentence.
 */
function paragraphLines(paragraph: string): string[] {
  // Each line as its raw lines, joined once at the end: appending to a string and then reading its last characters
  // copies the whole string each time. Whether a line ends a sentence is read from its last raw line alone, which
  // is enough: a raw line joined on starts with a lower-case letter, so no terminator or closing quote crosses it.
  const lines: string[][] = [];
  let lastPart = '';
  for (const raw of paragraph.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    // An ellipsis ends no sentence before a lower-case word (ELLIPSIS_SENTENCE_START), at a line's end either.
    if (lines.length > 0 && /^\p{Ll}/u.test(line) && (!endsWithTerminator(lastPart) || lastPart.endsWith('…') || lastPart.endsWith('..'))) {
      (lines[lines.length - 1] as string[]).push(line);
    } else {
      lines.push([line]);
    }
    lastPart = line;
  }
  return lines.map((parts) => parts.join(' '));
}

/** Paragraphs of a text: separated by blank lines. */
export function splitParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\u00a0]*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** Blocks of a text: its lines, with hard-wrapped lines joined and blank lines dropped. */
export function splitBlocks(text: string): string[] {
  return splitParagraphs(text).flatMap(paragraphLines);
}

/**
 * Sentences of a text, in order, whitespace collapsed. Paragraph breaks and line breaks always end a sentence
 * (headings and captions stand on their own lines); text without any punctuation comes back as one sentence.
 */
export function splitSentences(text: string, language?: string): string[] {
  const lang = language?.toLowerCase().split(/[-_]/)[0];
  const sentences: string[] = [];
  for (const line of splitBlocks(text)) {
    for (const sentence of splitLine(line, lang)) {
      const clean = sentence.replace(/\s+/gu, ' ').trim();
      if (clean !== '') sentences.push(clean);
    }
  }
  return sentences;
}

/** Whether a sentence ends as sentences do (., !, ?, 。, ؟, । …, possibly inside quotes). */
export function endsLikeSentence(sentence: string): boolean {
  const trimmed = sentence.trimEnd();
  return endsWithTerminator(sentence) && (!trimmed.endsWith(':') || ARMENIAN_END.test(trimmed));
}
