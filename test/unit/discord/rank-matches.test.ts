// Autocomplete matching (src/discord/autocomplete/choices.ts) folds case the same way on both sides: the Turkish and
// Azerbaijani capital "İ" lower-cases to "i" plus a combining dot, which kept "ilham" from finding "İlham Əliyev" in
// the autocompletes whose keys are not normalized tags (follows, routes, languages).
import { describe, expect, it } from 'vitest';
import { foldCase, rankMatches } from '../../../src/discord/autocomplete/choices.js';

const byText = (items: string[], typed: string) => rankMatches(items, typed, (item) => [item]);

describe('autocomplete case folding', () => {
  it('finds a key with a capital dotted I from plain letters, and the other way round', () => {
    const follows = ['İlham Əliyev', 'Istanbul talks', 'İzmir port', 'Tbilisi'];
    expect(byText(follows, 'ilham')).toEqual(['İlham Əliyev']);
    expect(byText(follows, 'əliyev')).toEqual(['İlham Əliyev']);
    expect(byText(follows, 'İZMİR')).toEqual(['İzmir port']);
    expect(byText(['ilham aliyev'], 'İlham')).toEqual(['ilham aliyev']);
    expect(byText(follows, 'i')).toEqual(['İlham Əliyev', 'Istanbul talks', 'İzmir port', 'Tbilisi']);
  });

  it('matches composed and decomposed accents alike', () => {
    expect(byText(['Café Tbilisi'], 'cafe\u0301')).toEqual(['Café Tbilisi']);
    expect(foldCase('İ')).toBe('i');
    expect(foldCase('İ'.toLowerCase())).toBe('i');
  });
});
