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

  it('does not count an alias that names somewhere else in a text about a country outside the region', () => {
    const regionsOf = (title: string, text: string) => tagArticle({ title, text }).regions;
    expect(regionsOf('Kadyrov names his son a minister', 'Ramzan Kadyrov, who has ruled the Caucasus republic of Chechnya for years, said Russia backs him.')).not.toContain('south-caucasus');
    expect(regionsOf('Port upgrade approved', 'The port of Vladivostok in Russia’s Far East will be expanded, Russia said.')).not.toContain('east-asia');
    expect(regionsOf('Lake shipping season opens', 'Ships on the Great Lakes region routes between Michigan and Ontario began sailing as Canada reopened its locks.')).not.toContain('central-africa');
    // Named by their name, or in the title, regions still count; so does an alias when no country contradicts it.
    expect(regionsOf('Caucasus summit planned', 'Leaders will meet in Brussels, Belgium said.')).toContain('south-caucasus');
    expect(regionsOf('Leaders meet', 'Leaders of the South Caucasus met in Brussels, Belgium said.')).toContain('south-caucasus');
    expect(regionsOf('Flooding', 'Heavy rain flooded roads across the Caucasus on Monday.')).toContain('south-caucasus');
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
