// Public surface of the tag stage.
export { tagArticle, scoreCountries, type TagInput, type TagOptions } from './tag-article.js';
export { defaultRegions, type RegionDefinition } from './regions.js';
