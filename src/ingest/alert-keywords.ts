// What keyword follows look for in an article, for the alert worker's matching of a queued story
// (src/db/alert-fanout.ts, ADR 20).
import type { KeywordProbe } from '../db/alerts.js';
import { filterWordSequence } from '../pipeline/orchestrator.js';

/**
 * Words are read as filters read them, so a follow and an article agree on what a word is and a phrase follow
 * matches where a `"quoted phrase"` filter would. Read only when asked: a story whose guilds follow no keyword needs
 * neither.
 */
export function alertKeywords(article: { title: string; text: string }): KeywordProbe {
  let sequence: string[] | undefined;
  const inOrder = () => (sequence ??= filterWordSequence(`${article.title}\n${article.text}`));
  return {
    words: () => [...new Set(inOrder())],
    sequence: () => inOrder().join(' '),
  };
}
