// Public surface of the tag stage: countries (ISO 3166-1 alpha-2), regions, topics, tag normalization.
export { tagArticle, type TagInput, type TagOptions } from './tag-article.js';
export { defaultRegions, matchRegion, regionMentions, type RegionDefinition } from './regions.js';
export { normalizeTag, MAX_TAG_LENGTH } from './normalize.js';
export { resolveTag, countryTag, regionTag, regionTagName, topicTag, type ResolvedTag } from './resolve-tag.js';
export { countryName, flagEmoji } from './display.js';
export { datelineCountry, leadingDateline } from './dateline.js';
export { TOPICS, type TopicDefinition } from './topic-lexicon.js';
