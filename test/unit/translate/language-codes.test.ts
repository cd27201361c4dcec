// `/config language` must reach the codes the detector labels articles with and the translator is asked for: the
// detector calls Philippine text "tl", which the runtime's data renames "fil", and members type names CLDR lacks.
import { describe, expect, it } from 'vitest';
import { languageCodes, matchLanguage } from '../../../src/text/languages.js';
import { languageLabel } from '../../../src/discord/commands/config-language.js';

describe('language codes a guild can choose', () => {
  it('offers Filipino under "tl", the code articles in it are labelled with', () => {
    expect(languageCodes()).toContain('tl');
    expect(languageCodes()).not.toContain('fil');
    expect(languageLabel('tl')).toBe('Filipino (tl)');
  });

  it.each(['tl', 'TL', 'fil', 'fil-PH', 'Tagalog', 'Filipino', 'filipino'])('finds Filipino from %j', (typed) => {
    expect(matchLanguage(typed)).toBe('tl');
  });

  it.each([
    ['Bahasa Indonesia', 'id'],
    ['bahasa  indonesia', 'id'],
    ['Bahasa Melayu', 'ms'],
    ['in', 'id'],
    ['iw', 'he'],
  ])('finds %j as %j', (typed, code) => {
    expect(matchLanguage(typed)).toBe(code);
  });

  it('still refuses what is no language, and keeps retired codes out of the list', () => {
    for (const typed of ['Bahasa', 'constructor', 'xx', 'klingon']) expect(matchLanguage(typed), typed).toBeUndefined();
    for (const retired of ['iw', 'in', 'ji', 'jw', 'mo', 'sh']) expect(languageCodes()).not.toContain(retired);
  });
});
