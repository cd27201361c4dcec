// A block keeps its inner whitespace until cleanSentence collapses it; a long run of spaces took the credit pattern
// quadratic time (1.7 s for 20,000 spaces), so 150,000 fail on the runner's per-test timeout if that comes back.
import { describe, expect, it } from 'vitest';
import { cleanSentence } from '../../../src/pipeline/summarize/furniture.js';

describe('cleanSentence on hostile input', () => {
  it('collapses a run of 150,000 spaces quickly', () => {
    expect(cleanSentence(`Share${' '.repeat(150_000)}Tweet`)).toBe('Share Tweet');
    expect(cleanSentence(`He left${' \t'.repeat(75_000)}(Photo: AP) today.`)).toBe('He left today.');
  });

  it('still removes inline credits with the space before them', () => {
    expect(cleanSentence('He left  (Photo: AP) today (AP Photo/Jane Doe), and (credits x).')).toBe('He left today, and.');
    expect(cleanSentence('(Photo: Reuters) The vote passed.')).toBe('The vote passed.');
  });
});
