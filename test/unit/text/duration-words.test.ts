// Durations in words: rounded to the largest unit (a source's silence), or exact (how long an import read).
import { describe, expect, it } from 'vitest';
import { durationWords } from '../../../src/text/duration-words.js';

describe('a duration in words', () => {
  it('says the largest whole unit, and less than a minute below one', () => {
    expect([30_000, 60_000, 45 * 60_000, 7 * 3_600_000 + 59 * 60_000, 86_400_000, 3 * 86_400_000 + 5].map((ms) => durationWords(ms))).toEqual([
      'less than a minute',
      '1 minute',
      '45 minutes',
      '7 hours',
      '1 day',
      '3 days',
    ]);
  });

  it('says how long it was exactly: seconds under two minutes, never rounded up', () => {
    expect([1_500, 90_000, 119_999, 120_000, 150_000, 600_000].map((ms) => durationWords(ms, { exact: true }))).toEqual(['1 second', '90 seconds', '119 seconds', '2 minutes', '2 minutes 30 seconds', '10 minutes']);
  });
});
