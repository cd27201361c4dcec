// Small builders for data-layer tests.
import type { ArticleToStore } from '../../src/db/articles.js';

let counter = 0;

export function articleFixture(overrides: Partial<ArticleToStore> = {}): ArticleToStore {
  counter++;
  return {
    feedId: null,
    url: `https://news.example/${counter}`,
    title: `Story ${counter}`,
    sourceName: 'Example News',
    text: `Body of story ${counter}.`,
    summary: `Summary of story ${counter}.`,
    contentHash: null,
    fingerprint: [],
    entities: [],
    nameKeys: [],
    bands: [],
    countries: [],
    regions: [],
    topics: [],
    ...overrides,
  };
}
