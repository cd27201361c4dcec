// The benchmark metric is reproduced from scrapinghub/article-extraction-benchmark's evaluate.py; these cases pin
// the behaviours that decide scores at the edges.
import { describe, expect, it } from 'vitest';
import { scoreMatches, shingleCounts, shingleMatch, tokenize } from '../../../bench/lib/extraction-metric.js';

describe('extraction benchmark metric', () => {
  it('tokenizes like Python\'s Unicode \\w+', () => {
    expect(tokenize("Don't stop—it's 2019_v2! Ünïcödé дом 東京")).toEqual(['Don', 't', 'stop', 'it', 's', '2019_v2', 'Ünïcödé', 'дом', '東京']);
  });

  it('builds 4-gram shingles, one shorter shingle for short texts, none for empty ones', () => {
    expect([...shingleCounts('a b c d e').keys()]).toHaveLength(2);
    expect([...shingleCounts('a b').values()]).toEqual([1]);
    expect(shingleCounts('  ,.- ').size).toBe(0);
  });

  it('counts repeated shingles with multiplicity and normalises per page', () => {
    const match = shingleMatch('one two three four', 'one two three four one two three four');
    // truth has 1 shingle; prediction has 5, of which "one two three four" twice: tp 1, fp 4 → normalised by 5.
    expect(match).toEqual({ tp: 0.2, fp: 0.8, fn: 0 });
  });

  it('leaves an empty prediction out of precision but counts it as zero recall', () => {
    const perfect = shingleMatch('alpha beta gamma delta', 'alpha beta gamma delta');
    const empty = shingleMatch('alpha beta gamma delta', '');
    expect(empty).toEqual({ tp: 0, fp: 0, fn: 1 });
    expect(scoreMatches([perfect, empty])).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3 });
  });

  it('takes F1 of the mean precision and mean recall', () => {
    const a = shingleMatch('w1 w2 w3 w4 w5', 'w1 w2 w3 w4 w5 x1 x2 x3'); // tp 2, fp 3
    const b = shingleMatch('w1 w2 w3 w4 w5 w6', 'w1 w2 w3 w4'); // tp 1, fn 2
    const score = scoreMatches([a, b]);
    expect(score.precision).toBeCloseTo((2 / 5 + 1) / 2, 10);
    expect(score.recall).toBeCloseTo((1 + 1 / 3) / 2, 10);
    expect(score.f1).toBeCloseTo((2 * score.precision * score.recall) / (score.precision + score.recall), 10);
  });
});
