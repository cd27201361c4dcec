// Scripts written without spaces between words (Chinese, Japanese, Thai, Khmer, Lao, Burmese): ICU's dictionaries,
// through Intl.Segmenter, find the words. Clustering counts those words and search indexes them; PostgreSQL's
// parser would otherwise take a whole run of characters, a clause or a sentence, for one word.

export const unspacedScript = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Khmer}\p{Script=Lao}\p{Script=Myanmar}]/u;

let segmenter: Intl.Segmenter | undefined;

/** The words ICU finds in a run of unspaced text, with where each starts in it. */
export function* segmentWords(run: string): Generator<{ segment: string; index: number }> {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  for (const part of segmenter.segment(run)) if (part.isWordLike) yield part;
}

/** The words of a run of letters that may be written without spaces; other runs come back whole. */
export function* wordsOfRun(run: string): Generator<string> {
  if (!unspacedScript.test(run)) {
    yield run;
    return;
  }
  for (const part of segmentWords(run)) yield part.segment;
}

/** The text with a space between the words of every unspaced run, unchanged when it has none. */
export function spaceUnspacedWords(text: string): string {
  if (!unspacedScript.test(text)) return text;
  return text.replace(/[\p{L}\p{M}\p{N}]+/gu, (run) => (unspacedScript.test(run) ? [...wordsOfRun(run)].join(' ') : run));
}

// A Chinese or Japanese character carries about what three Latin letters do (a word is one to three of them, and no
// spaces separate words), a Korean syllable block two to three letters (its jamo): length thresholds written in Latin
// letters count them three and two times.
const ideographic = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const hangulSyllable = /[\uAC00-\uD7A3]/gu;

/** Length of prose in Latin-letter equivalents. */
export function proseLength(text: string): number {
  return text.length + 2 * (text.match(ideographic)?.length ?? 0) + (text.match(hangulSyllable)?.length ?? 0);
}
