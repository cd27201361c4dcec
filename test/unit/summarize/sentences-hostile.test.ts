// Hostile article text: inputs that took the old splitter minutes (quadratic or exponential backtracking), so a
// regression fails here on the runner's per-test timeout; linear code answers in milliseconds.
import { describe, expect, it } from 'vitest';
import { endsLikeSentence, splitBlocks, splitSentences } from '../../../src/pipeline/summarize/sentences.js';

describe('splitSentences on hostile input', () => {
  it('splits "Mr. " × 120,000 quickly, as one sentence', () => {
    // ~15 s for 25,000 before: the word before each period was found by a regex over the whole open sentence.
    const text = 'Mr. '.repeat(120_000);
    expect(splitSentences(text)).toEqual([text.trim()]);
    expect(splitSentences(`${text}Smith left. He came back.`, 'de')).toEqual([`${text}Smith left.`, 'He came back.']);
  });

  it('splits long runs of abbreviations and initials and still ends the sentence after them', () => {
    const initials = 'A. B. '.repeat(80_000);
    const sentences = splitSentences(`${initials}Rowling wrote it. The end.`);
    expect(sentences).toEqual([`${initials}Rowling wrote it.`, 'The end.']);
  });

  it('reads a run of closing guillemets after a terminator quickly', () => {
    // A run of "»" could be matched two ways each: 2^n attempts when the line did not end there (33 took minutes).
    const line = `Er rief!${'»'.repeat(33)} und ging`;
    expect(endsLikeSentence(line)).toBe(false);
    expect(endsLikeSentence(`Er rief!${'»'.repeat(10_000)}`)).toBe(true);
    expect(endsLikeSentence('Er rief: « Nein ! »')).toBe(true);
    expect(splitBlocks(`${line}\nweiter`)).toEqual([`${line} weiter`]);
    expect(splitSentences(`Er rief!${'»'.repeat(33)} Dann ging er.`)).toEqual([`Er rief!${'»'.repeat(33)}`, 'Dann ging er.']);
  });

  it('joins 200,000 hard-wrapped lines quickly', () => {
    // Each join re-read the whole paragraph so far (50,000 lines took 1.7 s before).
    const lines = 'word\n'.repeat(200_000);
    expect(splitBlocks(`Start of it\n${lines}end.`)).toEqual([`Start of it ${'word '.repeat(200_000)}end.`]);
    expect(splitBlocks(`It ended.\n${lines}`)).toEqual(['It ended.', 'word'.concat(' word'.repeat(199_999))]);
    expect(splitBlocks('He said: «Non !»\nand left\n« Oui »\nthen')).toEqual(['He said: «Non !»', 'and left', '« Oui » then']);
  });
});
