// The seed documents (test/fixtures/seeds): what a user expects from the tag stage on real regional news.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tagArticle } from '../../../src/pipeline/tag/index.js';

const SEEDS = new URL('../../fixtures/seeds/', import.meta.url);
const forum = readFileSync(new URL('000_b3421202f4057a70.txt', SEEDS), 'utf8');
const aggregator = readFileSync(new URL('004_a284c9c23bdb87fa.txt', SEEDS), 'utf8');

/** One of the aggregator page's two articles, as an extractor that splits the page would hand it over. */
function section(from: string, to: string): string {
  const start = aggregator.indexOf(from);
  expect(start).toBeGreaterThanOrEqual(0);
  return aggregator.slice(start, aggregator.indexOf(to, start) + to.length);
}

const alJazeera = {
  title: "The South Caucasus is slipping from Russia's grasp",
  text: section('The recent flare-up between Russia and Azerbaijan', "Al Jazeera's editorial stance."),
};
const alArabiya = {
  title: 'Cambodia Accuses Thailand of Escalating Tensions With New Land Crossing Restrictions',
  text: section("Cambodia's government on Tuesday accused Thailand", 'where the syndicates were based.'),
};

describe('tagging the seed documents', () => {
  it('tags the forum analysis with Azerbaijan and Russia first and the other countries it names', () => {
    const tags = tagArticle({ title: '', text: forum });
    expect(new Set(tags.countries.slice(0, 2))).toEqual(new Set(['AZ', 'RU']));
    expect(tags.countries).toEqual(expect.arrayContaining(['AM', 'TR', 'UA']));
    expect(tags.regions).toContain('south-caucasus');
    expect(tags.regions).toContain('eastern-europe');
    expect(tags.topics).toContain('diplomacy');
    expect(tags.topics.length).toBeLessThanOrEqual(3);
  });

  it('tags the Al Jazeera piece on the same story the same way', () => {
    const tags = tagArticle(alJazeera);
    expect(new Set(tags.countries.slice(0, 2))).toEqual(new Set(['AZ', 'RU']));
    expect(tags.countries).toEqual(expect.arrayContaining(['AM', 'TR', 'UA']));
    expect(tags.regions[0]).toBe('south-caucasus');
    expect(tags.regions).toEqual(expect.arrayContaining(['eastern-europe', 'central-asia', 'middle-east']));
    expect(tags.topics[0]).toBe('diplomacy');
  });

  it('tags the Cambodia–Thailand border dispute with both countries, Southeast Asia and conflict', () => {
    const tags = tagArticle(alArabiya);
    expect(tags.countries.slice(0, 2)).toEqual(['KH', 'TH']);
    expect(tags.regions[0]).toBe('southeast-asia');
    expect(tags.topics[0]).toBe('conflict');
    expect(tags.countries).not.toContain('US');
  });
});
