import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/pipeline/parse/errors.js';
import { buildOpml, parseOpml } from '../../../src/pipeline/parse/opml.js';
import { fixture } from './helpers.js';

describe('OPML', () => {
  it('lists feeds and linked pages from nested folders, once each, with titles', () => {
    expect(parseOpml(fixture('sources.opml'))).toEqual([
      { url: 'https://feeds.example.net/caucasus.xml', title: 'Caucasus Watch' },
      { url: 'https://steppe.example.kz/feed.json', title: 'Steppe & Notes' },
      { url: 'https://forum.example.com/threads/azerbaijan-russia.123/', title: 'Forum thread' },
    ]);
  });

  it('round-trips what it builds, escaping titles', () => {
    const sources = [
      { url: 'https://feeds.example.net/caucasus.xml?a=1&b=2', title: 'Caucasus <Watch> & Co' },
      { url: 'https://steppe.example.kz/feed.json' },
    ];
    const xml = buildOpml(sources, 'Gazette sources');
    expect(xml).toContain('<title>Gazette sources</title>');
    expect(xml).toContain('&amp;');
    expect(parseOpml(xml)).toEqual([
      { url: 'https://feeds.example.net/caucasus.xml?a=1&b=2', title: 'Caucasus <Watch> & Co' },
      { url: 'https://steppe.example.kz/feed.json', title: 'https://steppe.example.kz/feed.json' },
    ]);
  });

  it('reports a file that is not OPML in plain words', () => {
    expect(() => parseOpml('<rss version="2.0"><channel/></rss>')).toThrow(ParseError);
    expect(() => parseOpml('not xml at all')).toThrow(/^The OPML file could not be read/);
  });
});
