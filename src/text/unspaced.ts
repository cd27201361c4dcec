// Scripts written without spaces between words (Chinese, Japanese, Thai, Khmer, Lao, Burmese): ICU's dictionaries,
// through Intl.Segmenter, find the words. Clustering counts those words and search indexes them; PostgreSQL's
// parser would otherwise take a whole run of characters, a clause or a sentence, for one word.

export const unspacedScript = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Khmer}\p{Script=Lao}\p{Script=Myanmar}]/u;

let segmenter: Intl.Segmenter | undefined;

// ICU's dictionary segmenter slows down faster than the length of a run grows (80,000 Thai letters without a space:
// 6–8 s, 20,000: 50 ms), and each segment it returns holds a copy of its input, so keeping a long run's segments took
// memory by the square of its length. A run is segmented in windows of this many characters instead. ICU reads a few
// words ahead to place a boundary, so only the words that end well before a window's end are taken from it; the next
// window starts at the first word not taken.
const segmentWindow = 2_000;
const lookahead = 200;

/** The words ICU finds in a run of unspaced text, with where each starts in it (plain objects, safe to keep). */
export function* segmentWords(run: string): Generator<{ segment: string; index: number }> {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  for (let from = 0; from < run.length; ) {
    const end = Math.min(run.length, from + segmentWindow);
    const last = end === run.length;
    let next = end;
    for (const part of segmenter.segment(run.slice(from, end))) {
      if (!last && part.index > 0 && part.index + part.segment.length > segmentWindow - lookahead) {
        next = from + part.index;
        break;
      }
      if (part.isWordLike) yield { segment: part.segment, index: from + part.index };
    }
    from = next;
  }
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

// A letter of those scripts, with the marks and signs written inside their words (Japanese ー, 々), as their script
// extensions say.
const unspacedLetter = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}\p{scx=Khmer}\p{scx=Lao}\p{scx=Myanmar}]/u;
const startsUnspaced = new RegExp(`^${unspacedLetter.source}`, 'u');
const endsUnspaced = new RegExp(`${unspacedLetter.source}$`, 'u');

/**
 * Words joined as their scripts write them: nothing between two words of a script without spaces ("习 近平" →
 * "习近平"), one space elsewhere ("covid 疫苗"). Where ICU puts a boundary depends on the words around it (北京 alone,
 * 北京市 in a sentence; กรุงเทพ, กรุงเทพมหานคร; 习近平 alone, 习 近平 in a sentence), so keyword follows and
 * filters in those scripts look for the letters themselves in an article's words joined this way.
 */
export function joinWords(words: readonly string[]): string {
  // Each word's own end is tested, not the text joined so far (testing that made an article of 50,000 words take
  // seconds), and the pieces are joined once.
  const pieces: string[] = [];
  let previousEndsUnspaced = false;
  for (const word of words) {
    if (pieces.length && !(previousEndsUnspaced && startsUnspaced.test(word))) pieces.push(' ');
    pieces.push(word);
    if (word) previousEndsUnspaced = endsUnspaced.test(word);
  }
  return pieces.join('');
}

/** Whether words joined by joinWords are one run in a script without spaces: found by their letters, anywhere. */
export function isUnspacedRun(joined: string): boolean {
  return !joined.includes(' ') && unspacedLetter.test(joined);
}

/** The distinct letters of scripts without spaces in a text (what an unspaced keyword follow may start with). */
export function unspacedLetters(text: string): string[] {
  const letters = new Set<string>();
  for (const char of text) if (unspacedLetter.test(char)) letters.add(char);
  return [...letters];
}
