// A 6,000-digit number in one article became a term past PostgreSQL's index row size (2,704 bytes): the store that
// wrote the pending term counts failed, put them back, and so every store after it failed too, for all feeds.
import { describe, expect, it } from 'vitest';
import { clusterTerms } from '../../../src/pipeline/dedupe/cluster-terms.js';

describe('clustering terms', () => {
  it('are never longer than 64 characters, whatever the text holds', () => {
    const long = (unit: string, n: number) => unit.repeat(n);
    const text = [
      `The ministry published ${long('7', 6000)} figures.`,
      `Officials met ${'Q' + long('wxyz', 800)} ${'Z' + long('bcdf', 800)} in Baku.`,
      `Reporters quoted ${'Ա' + long('բգդ', 900)} at length.`,
    ].join(' ');
    const terms = Object.keys(clusterTerms({ title: `Budget ${long('9', 3000)} announced`, text, language: 'en', countries: ['AZ'] }));
    expect(terms.length).toBeGreaterThan(3);
    expect(terms.filter((t) => t.length > 64)).toEqual([]);
    expect(terms).toContain('ministri'); // the ordinary words are still there
  });
});
