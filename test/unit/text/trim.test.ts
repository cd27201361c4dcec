// Trimming by a loop (src/text/trim.ts) and numbering slugs by a counter (parse/text.ts uniqueSlug): the same
// results as the regular expressions and the counting loops they replaced, which were quadratic on long runs.
import { describe, expect, it } from 'vitest';
import { uniqueSlug } from '../../../src/pipeline/parse/text.js';
import { charIn, trimEndWhere } from '../../../src/text/trim.js';

describe('trimEndWhere', () => {
  it('drops the run of matching characters at the end only, whole characters at a time', () => {
    const punct = charIn(/[\s,;:|-]/);
    expect(trimEndWhere('Jane Doe, ;-', punct)).toBe('Jane Doe');
    expect(trimEndWhere(',,,a,,,', punct)).toBe(',,,a');
    expect(trimEndWhere(',,,', punct)).toBe('');
    expect(trimEndWhere('', punct)).toBe('');
    // A letter outside the Basic Multilingual Plane (two code units) is one character, kept or dropped whole.
    const notLetter = (c: string) => !/\p{L}/u.test(c);
    expect(trimEndWhere('a𝒜!!', notLetter)).toBe('a𝒜');
    expect(trimEndWhere('a😀😀', notLetter)).toBe('a');
    expect(trimEndWhere(`${','.repeat(100_000)}x${','.repeat(100_000)}`, punct)).toBe(`${','.repeat(100_000)}x`);
  });
});

describe('uniqueSlug', () => {
  it('keeps a slug while it is free, then numbers it from 2, past numbers other titles took', () => {
    const used = new Set<string>();
    const next = new Map<string, number>();
    expect(['news', 'news', 'news-3', 'news', 'news', 'other'].map((s) => uniqueSlug(s, used, next))).toEqual(['news', 'news-2', 'news-3', 'news-4', 'news-5', 'other']);
    const many = Array.from({ length: 8_000 }, () => uniqueSlug('breaking-news', used, next));
    expect(new Set(many).size).toBe(8_000);
    expect(many.at(-1)).toBe('breaking-news-8000');
  });
});
