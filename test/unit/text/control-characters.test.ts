import { describe, expect, it } from 'vitest';
import { withoutControlCharacters } from '../../../src/text/control-characters.js';

describe('withoutControlCharacters', () => {
  it('drops C0 and C1 controls and DEL, keeps tab and line breaks and every other character', () => {
    expect(withoutControlCharacters('a\u0000b')).toBe('ab');
    expect(withoutControlCharacters('\u0001gas\u001f \u007foil\u0085\u009f')).toBe('gas oil');
    expect(withoutControlCharacters('one\ttwo\nthree\r\n')).toBe('one\ttwo\nthree\r\n');
    expect(withoutControlCharacters('İlham Əliyev 🙂 שלום \u200d')).toBe('İlham Əliyev 🙂 שלום \u200d');
  });
});
