// The product's summary rules in one place: 2–4 whole sentences, at most 600 characters once joined. Lengths are
// counted in UTF-16 code units (JavaScript's `length`), which is never less than the count of characters a person
// sees, so a summary within the limit here is within it however Discord or a database counts.
import { clipPhrase } from '../../text/clip.js';

export const MAX_SUMMARY_CHARS = 600;
export const MIN_SUMMARY_SENTENCES = 2;
export const MAX_SUMMARY_SENTENCES = 4;

/**
 * Whether most of a text's letters are of the scripts `letters` matches (global): a Thai name quoted in an English
 * paragraph does not make it Thai.
 */
export function mostlyWrittenIn(text: string, letters: RegExp): boolean {
  const all = text.match(/\p{L}/gu)?.length ?? 0;
  return all > 0 && (text.match(letters)?.length ?? 0) >= all / 2;
}

/** Scripts whose sentences follow each other without a space (。 and friends). */
const NO_SPACE_AFTER = /[。！？｡」』）]$/u;
const NO_SPACE_BEFORE = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}「『（]/u;

function tidy(sentence: string): string {
  // Most sentences are tidy already, and the selector measures every combination of them: test before copying.
  if (!/[^\S ]| {2}|^ | $/u.test(sentence)) return sentence;
  return sentence.replace(/\s+/gu, ' ').trim();
}

/** What joinedLength needs of one sentence: the selector measures each candidate once, not once per combination. */
export interface MeasuredSentence {
  /** Length once tidied; 0 for a sentence joinSummary leaves out. */
  length: number;
  /** Whether the next sentence may follow without a space (it ends with 。 and the like)… */
  closesUnspaced: boolean;
  /** …and whether it may follow one that does without a space. */
  opensUnspaced: boolean;
}

function measureTidied(sentence: string): MeasuredSentence {
  return { length: sentence.length, closesUnspaced: NO_SPACE_AFTER.test(sentence), opensUnspaced: NO_SPACE_BEFORE.test(sentence) };
}

export const measureSentence = (raw: string): MeasuredSentence => measureTidied(tidy(raw));

/** What goes between two sentences once joined: nothing between a sentence that closes unspaced and one that opens so. */
function separator(previous: MeasuredSentence, next: MeasuredSentence): string {
  return previous.closesUnspaced && next.opensUnspaced ? '' : ' ';
}

/** joinedLength of sentences measured beforehand: all of them, or those at `picked` (in that order). */
export function measuredLength(sentences: readonly MeasuredSentence[], picked?: readonly number[]): number {
  let length = 0;
  let previous: MeasuredSentence | undefined;
  const count = picked ? picked.length : sentences.length;
  for (let i = 0; i < count; i++) {
    const sentence = sentences[picked ? picked[i]! : i]!;
    if (sentence.length === 0) continue;
    if (previous !== undefined) length += separator(previous, sentence).length;
    length += sentence.length;
    previous = sentence;
  }
  return length;
}

/** Length of the sentences once joined by joinSummary, without the cap. */
export function joinedLength(sentences: string[]): number {
  return measuredLength(sentences.map(measureSentence));
}

/**
 * One summary string of at most 600 characters: the sentences in order, whole, separated by a space (none between
 * CJK sentences), stopping before the first sentence that would not fit. Only when the first sentence alone is
 * over the limit is it shortened with "…": the summarizers never pass such a sentence, so this is a safety net.
 */
export function joinSummary(sentences: string[]): string {
  let summary = '';
  let previous: MeasuredSentence | undefined;
  for (const raw of sentences) {
    const sentence = tidy(raw);
    if (sentence === '') continue;
    const measured = measureTidied(sentence);
    if (previous === undefined) {
      if (sentence.length > MAX_SUMMARY_CHARS) return clipPhrase(sentence, MAX_SUMMARY_CHARS);
      summary = sentence;
    } else {
      const next = summary + separator(previous, measured) + sentence;
      if (next.length > MAX_SUMMARY_CHARS) break;
      summary = next;
    }
    previous = measured;
  }
  return summary;
}
