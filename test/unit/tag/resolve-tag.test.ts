import { describe, expect, it } from 'vitest';
import { countryName, flagEmoji, resolveTag, type RegionDefinition } from '../../../src/pipeline/tag/index.js';

describe('resolveTag', () => {
  it.each([
    ['azerbaijani', 'AZ'],
    ['Azerbaijan', 'AZ'],
    ['AZ', 'AZ'],
    ['AZE', 'AZ'],
    ['Türkiye', 'TR'],
    ['turkey', 'TR'],
    ['Turkish', 'TR'],
    ['U.S.', 'US'],
    ['usa', 'US'],
    ['uk', 'GB'],
    ['Britain', 'GB'],
    ['the Kremlin', 'RU'],
    ['Burma', 'MM'],
    ['west germany', 'DE'],
    ["Côte d'Ivoire", 'CI'],
  ])('%j is the country %s', (text, code) => {
    expect(resolveTag(text)).toMatchObject({ kind: 'country', code });
  });

  it('stores a country under its normalized display name', () => {
    expect(resolveTag('turkey')).toEqual({ kind: 'country', code: 'TR', name: 'turkiye', label: 'Türkiye' });
  });

  it('keeps lower-case two-letter words as member tags, not country codes', () => {
    expect(resolveTag('am')).toMatchObject({ kind: 'member', name: 'am' });
    expect(resolveTag('in')).toMatchObject({ kind: 'member', name: 'in' });
  });

  it('keeps cities and states as tags of their own', () => {
    expect(resolveTag('Baku')).toMatchObject({ kind: 'member', name: 'baku' });
    expect(resolveTag('Texas')).toMatchObject({ kind: 'member', name: 'texas' });
  });

  it('resolves region names, slugs and aliases', () => {
    expect(resolveTag('the South Caucasus')).toEqual({ kind: 'region', slug: 'south-caucasus', name: 'south caucasus', label: 'South Caucasus' });
    expect(resolveTag('south-caucasus')).toMatchObject({ kind: 'region', slug: 'south-caucasus' });
    expect(resolveTag('Transcaucasia')).toMatchObject({ kind: 'region', slug: 'south-caucasus' });
    expect(resolveTag('ASEAN')).toMatchObject({ kind: 'region', slug: 'southeast-asia' });
  });

  it("uses the guild's own regions when given", () => {
    const regions: RegionDefinition[] = [{ slug: 'caspian', name: 'Caspian Basin', countries: ['AZ', 'KZ', 'TM', 'IR', 'RU'] }];
    expect(resolveTag('caspian basin', regions)).toMatchObject({ kind: 'region', slug: 'caspian' });
    expect(resolveTag('South Caucasus', regions)).toMatchObject({ kind: 'member', name: 'south caucasus' });
  });

  it('resolves topic slugs, names and synonyms', () => {
    expect(resolveTag('  Human   Rights ')).toEqual({ kind: 'topic', slug: 'human-rights', name: 'human rights', label: 'Human rights' });
    expect(resolveTag('#diplomaticConflict')).toMatchObject({ kind: 'topic', slug: 'diplomacy' });
    expect(resolveTag('Press Freedom')).toMatchObject({ kind: 'topic', slug: 'media' });
    expect(resolveTag('defense')).toMatchObject({ kind: 'topic', slug: 'defence' });
  });

  it('keeps anything else as a normalized member tag', () => {
    expect(resolveTag('  #Zangezur   Corridor ')).toEqual({ kind: 'member', name: 'zangezur corridor', label: 'Zangezur Corridor' });
    expect(resolveTag('###')).toBeUndefined();
  });
});

describe('countryName and flagEmoji', () => {
  it('names countries and draws their flags', () => {
    expect(countryName('TR')).toBe('Türkiye');
    expect(countryName('az')).toBe('Azerbaijan');
    expect(countryName('ZZ')).toBe('ZZ');
    expect(flagEmoji('AZ')).toBe('\u{1F1E6}\u{1F1FF}');
    expect(flagEmoji('gb')).toBe('\u{1F1EC}\u{1F1E7}');
    expect(flagEmoji('USA')).toBe('');
  });
});
