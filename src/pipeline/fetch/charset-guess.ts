// Which legacy code page an undeclared, non-UTF-8 document is in. Browsers guess from the user's locale, which a bot
// serving many regions does not have. A library was measured first: chardet 2.2, on the extraction bench's English
// articles re-encoded in windows-1252 (slices of 150, 400, 2,000 characters and whole), named windows-1250 in 51 of
// 444, EUC-JP in 6 (mojibake) and windows-1254 in 1; this file reads all 444 as windows-1252, and the Cyrillic, Greek,
// Arabic and Turkish cases of its test as they are. Hand-written for that reason. It reads the words that hold
// non-ASCII bytes under each candidate and
// scores two things any reader would notice:
//   - script: a word is plausible when its letters are in one script, and in Latin text accented letters sit among
//     ASCII ones ("café"), while Cyrillic, Greek and Arabic words have no ASCII letter ("Новости", not "cafй" or
//     "Íîâîñòè");
//   - frequency: the share of the non-ASCII bytes read as the letters that carry most of that script's text (the
//     wrong Cyrillic table gives capitals mid-word, Russian read as Greek gives rare letters such as ΰ and ξ).
// The highest score wins, a candidate later in the list (less often seen undeclared) only by a clear margin;
// windows-1252, the WHATWG default, keeps documents with little evidence. Checked on the extraction bench's articles
// re-encoded (English, French, Portuguese, German in 1252; Russian in 1251 and koi8-r), as written, all in capitals
// and all in lower case: every slice of 150 characters or more is read right. Shorter, Russian all in one case is
// ambiguous (windows-1251's capitals are koi8-r's lower case): of 40-character slices, 5% of koi8-r's lower-case ones
// read as windows-1251, 0.3% of windows-1251's capital ones as koi8-r.
// KOI8-U is not a candidate of its own: it is KOI8-R but for eight bytes, so it is told from KOI8-R afterwards, by
// those bytes (koi8UkrainianLetters).
import iconv from 'iconv-lite';

interface Candidate {
  charset: string;
  script: RegExp;
  latin: boolean;
  /**
   * Lower case, the most frequent letters of the languages written in it (a capital counts at a word's start).
   * Frequent letters that the same bytes give in another candidate's script are left out: they tell nothing.
   */
  common: string;
}

const CANDIDATES: Candidate[] = [
  // French, German, Spanish, Portuguese, Italian, Dutch, Nordic: ð þ ý are left out, being where 1254 differs.
  { charset: 'windows-1252', script: /^\p{Script=Latin}+$/u, latin: true, common: 'àáâãäåæçèéêëìíîïñòóôõöøùúûüÿßœšž' },
  { charset: 'windows-1254', script: /^\p{Script=Latin}+$/u, latin: true, common: 'çğıöşüâîûİ' },
  // Russian, Ukrainian, Bulgarian (п к м у are left out: read as windows-1253 they are Greek's frequent ο κ μ σ).
  { charset: 'windows-1251', script: /^\p{Script=Cyrillic}+$/u, latin: false, common: 'оеаинтсрвлдяыі' },
  { charset: 'koi8-r', script: /^\p{Script=Cyrillic}+$/u, latin: false, common: 'оеаинтсрвлдяыі' },
  // Greek (ρ κ π μ λ left out: they are Russian's с к р м л in windows-1251).
  { charset: 'windows-1253', script: /^\p{Script=Greek}+$/u, latin: false, common: 'αοιετνσςηάίόέ' },
  { charset: 'windows-1256', script: /^\p{Script=Arabic}+$/u, latin: false, common: 'اليمونهربتعةدفقسأكح' },
];

/** Enough words to decide; a long page is not read to its end (this runs on the fetcher's thread). */
const SAMPLE_BYTES = 32 * 1024;
const SCAN_BYTES = 512 * 1024;
const MAX_WORD = 40;
/** Below this score no candidate is convincing and the default stands. */
const MIN_SCORE = 0.2;
/** A candidate later in the list must beat the best so far by this much: on little text, the more common wins. */
const MARGIN = 0.1;

const isAsciiLetter = (b: number) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);

/** The words (runs of ASCII letters and non-ASCII bytes) that hold a non-ASCII byte, joined by spaces. */
function wordSample(bytes: Uint8Array): { sample: Buffer; highBytes: number } {
  const out: number[] = [];
  let highBytes = 0;
  let start = -1;
  let high = 0;
  const end = Math.min(bytes.length, SCAN_BYTES);
  for (let i = 0; i <= end && out.length < SAMPLE_BYTES; i++) {
    const b = i < end ? bytes[i]! : 0x20;
    if (b >= 0x80 || isAsciiLetter(b)) {
      if (start === -1) start = i;
      if (b >= 0x80) high++;
      continue;
    }
    // Longer runs are not words (base64, binary junk) and would only cost time.
    if (start !== -1 && high > 0 && i - start <= MAX_WORD) {
      for (let j = start; j < i; j++) out.push(bytes[j]!);
      out.push(0x20);
      highBytes += high;
    }
    start = -1;
    high = 0;
  }
  return { sample: Buffer.from(out), highBytes };
}

function score(candidate: Candidate, sample: Buffer, highBytes: number): number {
  // Single-byte code pages: one character per byte, so a decoded word lines up with its bytes.
  const text = iconv.decode(sample, candidate.charset);
  const words: string[] = [];
  // U+FFFD (a byte the code page leaves undefined) is kept in the word, which then fails the script test.
  for (const [word] of text.matchAll(/[\p{L}\p{M}\ufffd]+/gu)) {
    // A lone letter ("é" in Portuguese, "в" in Russian) reads as a word in too many scripts to tell anything.
    if (word.length < 2) continue;
    const hasAscii = /[A-Za-z]/.test(word);
    if (/[^\p{ASCII}]/u.test(word) && hasAscii === candidate.latin && candidate.script.test(word)) words.push(word);
  }
  // A text all in capitals (a headline, a title on its own) has them by style, not by chance: its letters count as
  // lower case. Decided for the whole text, not word by word: Russian read in the other of windows-1251 and koi8-r
  // turns its capitals into lower case and its lower case into capitals, and word by word its lower-case words would
  // count for the wrong code page (a short mixed-case koi8-r text was then read as windows-1251).
  const capitals = words.some((w) => w !== w.toLowerCase()) && words.every((w) => w === w.toUpperCase());
  let good = 0;
  for (const word of words) {
    for (let i = 0; i < word.length; i++) {
      const ch = word[i]!;
      if (ch.charCodeAt(0) < 0x80) continue;
      if (candidate.common.includes(ch) || ((i === 0 || capitals) && candidate.common.includes(ch.toLowerCase()))) good++;
    }
  }
  return good / highBytes;
}

// KOI8-U's і є ї ґ І Є Ї Ґ: KOI8-R has box-drawing characters there (╕ ╓ ╖ ╜ ╤ ╢ ╥ ╫), the only bytes they differ in.
const KOI8U_ONLY = new Set([0xa4, 0xa6, 0xa7, 0xad, 0xb4, 0xb6, 0xb7, 0xbd]);
/** A byte that is a Cyrillic letter in KOI8-R and KOI8-U alike (ё, Ё and the 64 letters from 0xC0). */
const isKoi8Letter = (b: number) => b >= 0xc0 || b === 0xa3 || b === 0xb3;
/**
 * Ukrainian text read as KOI8-R shows box-drawing characters inside words ("Ки╓в╕" for "Києві"); Russian text never
 * does, and a Russian page's pseudo-graphics stand apart from its words. One in a hundred such bytes between two
 * letters is a Ukrainian page: і alone is some 5% of Ukrainian letters.
 */
function koi8UkrainianLetters(sample: Buffer, highBytes: number): boolean {
  let between = 0;
  for (let i = 1; i < sample.length - 1; i++) {
    if (KOI8U_ONLY.has(sample[i]!) && isKoi8Letter(sample[i - 1]!) && isKoi8Letter(sample[i + 1]!)) between++;
  }
  return between >= highBytes / 100;
}

/** The likeliest legacy code page for bytes that are not UTF-8 and declare nothing. */
export function guessLegacyCharset(bytes: Uint8Array): string {
  const { sample, highBytes } = wordSample(bytes);
  const [fallback, ...others] = CANDIDATES;
  if (highBytes === 0) return fallback!.charset;
  let best = { charset: fallback!.charset, score: Math.max(MIN_SCORE, score(fallback!, sample, highBytes)) };
  for (const candidate of others) {
    const s = score(candidate, sample, highBytes);
    if (s > best.score + MARGIN) best = { charset: candidate.charset, score: s };
  }
  if (best.charset === 'koi8-r' && koi8UkrainianLetters(sample, highBytes)) return 'koi8-u';
  return best.charset;
}
