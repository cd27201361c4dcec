import { describe, expect, it } from 'vitest';
import { MAX_TAG_LENGTH, normalizeTag, resolveTag } from '../../../src/pipeline/tag/index.js';

describe('normalizeTag', () => {
  it.each([
    ['  Human   Rights ', 'human rights'],
    ['Türkiye', 'turkiye'],
    ['#diplomaticConflict', 'diplomatic conflict'],
    ['#USPolicy', 'us policy'],
    ['south-caucasus', 'south caucasus'],
    ['Human_Rights!!', 'human rights'],
    ["women's rights", 'womens rights'],
    ['U.S. elections', 'us elections'],
    ['São Tomé', 'sao tome'],
    ['Straße', 'strasse'],
    ['STRAẞE', 'strasse'],
    ['⚽\uFE0F Sport', 'sport'],
    ['❤\uFE0F Health', 'health'],
    ['Łódź', 'lodz'],
    ['COVID-19', 'covid 19'],
    ['Россия', 'россия'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeTag(input)).toBe(expected);
  });

  it('keeps the vowel signs and tone marks that spell Thai, Khmer, Burmese and Hindi words', () => {
    // "news" and "rice" differ only in the tone mark; both were once stored as "ข าว", one tag for the two.
    expect(normalizeTag('ข่าว')).toBe('ข่าว');
    expect(normalizeTag('ข้าว')).toBe('ข้าว');
    expect(normalizeTag('ข่าว')).not.toBe(normalizeTag('ข้าว'));
    for (const word of ['កម្ពុជា', 'မြန်မာ', 'भारत']) expect(normalizeTag(`#${word}`)).toBe(word);
    expect(normalizeTag('ข่าว การเมือง')).toBe('ข่าว การเมือง');
  });

  it('folds optional Arabic and Hebrew marks as it folds Latin accents, rather than splitting on them', () => {
    expect(normalizeTag('مُحَمَّد')).toBe('محمد');
    expect(normalizeTag('שָׁלוֹם')).toBe('שלום');
    expect(normalizeTag('Côte d’Ivoire')).toBe('cote divoire');
  });

  it('returns an empty string when nothing word-like is left', () => {
    expect(normalizeTag(' #  !! ')).toBe('');
  });

  it('caps the length at a word boundary', () => {
    const long = 'a tag that members typed which keeps going on and on far past any sensible length';
    const tag = normalizeTag(long);
    expect(tag.length).toBeLessThanOrEqual(MAX_TAG_LENGTH);
    expect(long.startsWith(tag)).toBe(true);
    expect(long[tag.length]).toBe(' ');
  });

  it('cuts a single over-long word at the cap', () => {
    expect(normalizeTag('x'.repeat(80))).toBe('x'.repeat(MAX_TAG_LENGTH));
  });

  it('is idempotent', () => {
    // The capital sharp s lower-cases to ß, which only a second pass spelled out.
    for (const t of ['#diplomaticConflict', 'Türkiye', '  Human   Rights ', 'ẞ', 'GROẞE']) expect(normalizeTag(normalizeTag(t))).toBe(normalizeTag(t));
  });

  it('folds tags that look the same: invisible characters removed, compatibility forms folded', () => {
    const looksAlike = ['zan\u200bgezur corridor', 'zan\u00adgezur corridor', '\u202ezangezur\u202c corridor', '\ufeffzangezur\u200d corridor', 'ｚａｎｇｅｚｕｒ corridor'];
    for (const typed of looksAlike) expect(normalizeTag(typed), JSON.stringify(typed)).toBe('zangezur corridor');
  });

  it('keeps invisible and bidi characters out of a member tag’s label too', () => {
    const tag = resolveTag('Zan\u200bgezur \u202eCorridor');
    expect(tag).toEqual({ kind: 'member', name: 'zangezur corridor', label: 'Zangezur Corridor' });
  });
});
