// Sentence splitting for news text in any script. A period is the hard case: it also closes abbreviations ("Mr.",
// "U.S.", "Jan."), initials ("George W. Bush") and German ordinals ("am 3. Oktober"), so a period ends a sentence
// only when whitespace and a plausible sentence start follow and the word before it is not such a case.
// CJK full stops need no following space; Arabic, Devanagari, Armenian, Ethiopic and Burmese have their own marks.
import { abbreviationKind, isSentenceOpener } from './abbreviations.js';

const LATIN_TERMINATORS = '.!?…‽';
const CJK_TERMINATORS = '。！？｡';
// Arabic question mark, Urdu full stop, Devanagari danda and double danda, Armenian full stop, Ethiopic full stop,
// Burmese section mark.
const OTHER_TERMINATORS = '؟۔।॥։።။';
// “ and ‘ close quotations in German („…“, ‚…‘); French puts a (narrow) space before ».
const CLOSERS = `'"”’“‘»)\\]}」』）›`;

const BOUNDARY = new RegExp(
  `([${LATIN_TERMINATORS}]+|[${CJK_TERMINATORS}]+|[${OTHER_TERMINATORS}]+)((?:[ \u00a0\u202f]?»|[${CLOSERS}])*)(\\s*)`,
  'gu',
);
/** What a new sentence may start with after a Latin terminator and a space. */
const SENTENCE_START = /^[\p{Lu}\p{Lt}\p{Lo}\p{N}'"“‘«„‚(¿¡[\-–—•*]/u;
const ENDS_WITH_TERMINATOR = new RegExp(
  `[${LATIN_TERMINATORS}${CJK_TERMINATORS}${OTHER_TERMINATORS}:](?:[ \u00a0\u202f]?»|[${CLOSERS}])*$`,
  'u',
);
/** Languages that write ordinal numbers with a period ("3. Oktober", "1. maja"). */
const ORDINAL_PERIOD_LANGUAGES = new Set(['de', 'da', 'no', 'nb', 'nn', 'fi', 'cs', 'sk', 'pl', 'hu', 'hr', 'sl', 'sr', 'bs', 'et', 'lv', 'is', 'tr']);

function previousWord(before: string): string {
  const match = /(\S+)$/u.exec(before);
  if (!match) return '';
  return (match[1] as string).replace(/^[\p{Ps}\p{Pi}'"]+/u, '');
}

function nextWord(after: string): string {
  const match = /^[\p{Ps}\p{Pi}'"]*([\p{L}\p{N}]+)/u.exec(after);
  return match ? (match[1] as string) : '';
}

/** Whether a single period between `before` and `after` (which starts after the whitespace) ends a sentence. */
function periodEndsSentence(before: string, after: string, language: string | undefined): boolean {
  const word = previousWord(before);
  if (word === '') return true;
  const following = nextWord(after);
  const opener = isSentenceOpener(following);
  // An initial ("J. K. Rowling", "George W. Bush"), unless an ordinary opener follows ("vitamin D. The …").
  if (/^\p{Lu}$/u.test(word)) return opener && !/^\p{Lu}\./u.test(after);
  const lower = word.toLowerCase();
  const kind = abbreviationKind(lower);
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
    if (CJK_TERMINATORS.includes(terminator[0] as string) || OTHER_TERMINATORS.includes(terminator[0] as string)) {
      boundary = true;
    } else if (space === '' || !SENTENCE_START.test(rest)) {
      boundary = false;
    } else if (terminator === '.' && (m[2] as string) === '') {
      boundary = periodEndsSentence(line.slice(start, m.index), rest, language);
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
 * Lines of a paragraph, with hard-wrapped lines joined again: a line that does not end a sentence followed by one
 * that starts in lower case is the same sentence.
 */
function paragraphLines(paragraph: string): string[] {
  const lines: string[] = [];
  for (const raw of paragraph.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const last = lines.length - 1;
    if (last >= 0 && !ENDS_WITH_TERMINATOR.test(lines[last] as string) && /^\p{Ll}/u.test(line)) {
      lines[last] = `${lines[last] as string} ${line}`;
    } else {
      lines.push(line);
    }
  }
  return lines;
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
  return ENDS_WITH_TERMINATOR.test(sentence) && !sentence.trimEnd().endsWith(':');
}
