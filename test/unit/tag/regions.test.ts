import { describe, expect, it } from 'vitest';
import { defaultRegions, tagArticle, type RegionDefinition } from '../../../src/pipeline/tag/index.js';

describe('regions', () => {
  it('has the documented defaults for the South Caucasus and Southeast Asia', () => {
    const bySlug = new Map(defaultRegions.map((r) => [r.slug, r]));
    expect(bySlug.get('south-caucasus')?.countries).toEqual(['AM', 'AZ', 'GE']);
    expect(new Set(bySlug.get('southeast-asia')?.countries)).toEqual(new Set(['BN', 'KH', 'ID', 'LA', 'MY', 'MM', 'PH', 'SG', 'TH', 'VN', 'TL']));
  });

  it('gives every region of the tagged countries, the strongest first', () => {
    const tags = tagArticle({ title: 'Armenia and Azerbaijan sign peace deal', text: 'Armenia and Azerbaijan signed the deal. Russia was not invited.' });
    expect(tags.regions[0]).toBe('south-caucasus');
    expect(tags.regions).toContain('eastern-europe');
  });

  it('counts a region named in the text even with no country of it tagged', () => {
    const tags = tagArticle({ title: 'Investors look east', text: 'Funds are moving into Southeast Asia, analysts said, and Southeast Asian bonds rallied.' });
    expect(tags.regions).toEqual(['southeast-asia']);
  });

  it('does not take the North Caucasus for the South Caucasus', () => {
    const tags = tagArticle({ title: 'Floods', text: 'Floods hit the North Caucasus this week.' });
    expect(tags.regions).not.toContain('south-caucasus');
  });

  it('treats a region without countries as switched off', () => {
    const regions: RegionDefinition[] = [
      { slug: 'south-caucasus', name: 'South Caucasus', countries: [] },
      { slug: 'caspian', name: 'Caspian Basin', countries: ['AZ', 'KZ'] },
    ];
    const tags = tagArticle({ title: 'The South Caucasus shifts', text: 'Azerbaijan and Armenia talked about the South Caucasus.' }, regions);
    expect(tags.regions).toEqual(['caspian']);
  });

  it('tags nothing in an empty article', () => {
    expect(tagArticle({ title: '', text: '' })).toEqual({ countries: [], regions: [], topics: [] });
  });

  it("uses a guild's own region definitions instead of the defaults", () => {
    const regions: RegionDefinition[] = [
      { slug: 'caspian', name: 'Caspian Basin', countries: ['AZ', 'KZ', 'TM', 'IR', 'RU'] },
      { slug: 'black-sea', name: 'Black Sea', countries: ['TR', 'GE', 'UA', 'RU', 'RO', 'BG'] },
    ];
    const tags = tagArticle({ title: 'Baku hosts talks', text: 'Azerbaijan and Kazakhstan discussed Caspian Basin shipping.' }, regions);
    expect(tags.regions).toEqual(['caspian']);
    const other = tagArticle({ title: 'Ankara and Kyiv talk', text: 'Turkey and Ukraine discussed grain shipping.' }, regions);
    expect(other.regions).toEqual(['black-sea']);
  });
});
