// Small builders for data-layer tests.
import type { ArticleToStore, PlaceArticle } from '../../src/db/articles.js';

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
    terms: {},
    countries: [],
    regions: [],
    topics: [],
    ...overrides,
  };
}

/** A story model that starts a new story for every article, indexed by all of its terms. */
export const newStory: PlaceArticle = async (terms) => ({ storyId: null, centroid: {}, lookupTerms: Object.keys(terms) });

/** A story model that puts every article into this story. */
export const joinStory =
  (storyId: number): PlaceArticle =>
  async (terms) => ({ storyId, centroid: {}, lookupTerms: Object.keys(terms) });
