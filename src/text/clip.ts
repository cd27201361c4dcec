// Cutting text to a length limit (Discord's, a prompt's) without breaking what a reader sees. Lengths are UTF-16 code
// units, as Discord counts them, but a cut never falls inside a character: not between the halves of a surrogate pair
// (an emoji, a flag), nor between a letter and its marks (a Khmer subscript after its coeng, a Burmese visarga), which
// showed broken glyphs. Where it can, the cut falls between words: at a space, or, in Thai, Khmer, Lao and Burmese,
// which write no spaces between words, where ICU's word dictionary says a word ends.

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const words = new Intl.Segmenter(undefined, { granularity: 'word' });

/** Graphemes longer than this are only seen in abuse (stacked marks): past it, a cut may fall inside one. */
const longestGrapheme = 32;

/** The longest start of `text` of at most `max` code units that ends between two graphemes. */
export function graphemePrefix(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = 0;
  for (const { index, segment } of graphemes.segment(text.slice(0, max + longestGrapheme))) {
    if (index + segment.length > max) break;
    end = index + segment.length;
  }
  return text.slice(0, end);
}

/**
 * `text` cut to at most `max` code units with an ellipsis: after the last whole word that leaves at least
 * `minShare` of the room used, else after the last whole grapheme.
 */
export function clipText(text: string, max: number, minShare = 0.6): string {
  if (text.length <= max) return text;
  const room = max - 1; // the ellipsis
  const head = graphemePrefix(text, room);
  let wordEnd = 0;
  // The word after `head` may continue past it: a boundary at head's end counts only if the text has one there.
  for (const { index, segment } of words.segment(text.slice(0, room + longestGrapheme))) {
    if (index + segment.length > head.length) {
      if (index === head.length) wordEnd = index;
      break;
    }
    wordEnd = index + segment.length;
  }
  const cut = wordEnd >= max * minShare ? head.slice(0, wordEnd) : head;
  return `${cut.trimEnd()}…`;
}

/**
 * clipText (at a word where at least half the room is used) without a comma, colon or dash left dangling before the
 * ellipsis: for a title or a sentence cut short, where "Talks resume,…" reads as a typo.
 */
export function clipPhrase(text: string, max: number, minShare = 0.5): string {
  const clipped = clipText(text, max, minShare);
  if (clipped === text) return text;
  return `${clipped.slice(0, -1).replace(/[\s,;:–—-]+$/u, '')}…`;
}
