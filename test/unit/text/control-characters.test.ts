import { describe, expect, it } from 'vitest';
import { stringsWithoutControlCharacters, withoutControlCharacters } from '../../../src/text/control-characters.js';

describe('withoutControlCharacters', () => {
  it('drops C0 and C1 controls and DEL, keeps tab and line breaks and every other character', () => {
    expect(withoutControlCharacters('a\u0000b')).toBe('ab');
    expect(withoutControlCharacters('\u0001gas\u001f \u007foil\u0085\u009f')).toBe('gas oil');
    expect(withoutControlCharacters('one\ttwo\nthree\r\n')).toBe('one\ttwo\nthree\r\n');
    expect(withoutControlCharacters('İlham Əliyev 🙂 שלום \u200d')).toBe('İlham Əliyev 🙂 שלום \u200d');
  });
});

describe('stringsWithoutControlCharacters', () => {
  it("cleans a record's strings and string lists, and leaves everything else as it is", () => {
    const at = new Date(0);
    const items = [{ title: 'x' }];
    const cleaned = stringsWithoutControlCharacters({ guid: 'a\u0000b', categories: ['c\u0000', 'd'], at, needsFetch: true, none: undefined, items });
    expect(cleaned).toEqual({ guid: 'ab', categories: ['c', 'd'], at, needsFetch: true, none: undefined, items });
    expect(cleaned.at).toBe(at);
  });
});
