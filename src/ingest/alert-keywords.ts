// What keyword follows look for in an article, for the alert worker's matching of a queued story
// (src/db/alert-fanout.ts, ADR 20).
import type { KeywordProbe } from '../db/alerts.js';
import { filterMatcher, filterWords, type Filter } from '../pipeline/orchestrator.js';

/**
 * Words are read as filters read them, so a follow and an article agree on what a word is; the filter matcher
 * confirms each phrase. Both are built only when asked: a story whose guilds follow no keyword needs neither.
 */
export function alertKeywords(article: { title: string; text: string }): KeywordProbe {
  let words: string[] | undefined;
  let matches: ((filter: Filter) => boolean) | undefined;
  return {
    words: () => (words ??= filterWords(`${article.title}\n${article.text}`)),
    has: (phrase) => (matches ??= filterMatcher({ ...article, countries: [], regions: [], topics: [] }))({ terms: [{ anyOf: [{ words: phrase }], exclude: false }] }),
  };
}
