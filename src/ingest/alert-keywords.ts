// What keyword follows look for in an article, for the alert worker's matching of a queued story
// (src/db/alert-fanout.ts, ADR 20).
import type { KeywordProbe } from '../db/alerts.js';
import { filterWordSequence, wordGap } from '../pipeline/orchestrator.js';
import { joinWords, unspacedLetters, unspacedScript } from '../text/unspaced.js';

const unspacedKeywordTextLength = 20_000;

/**
 * Words are read as filters read them, so a follow and an article agree on what a word is and a phrase follow
 * matches where a `"quoted phrase"` filter would: not from the title into the text, and a follow typed in capitals
 * ("WHO") only where the article writes it so. Read only when asked: a story whose guilds follow no keyword needs
 * neither.
 */
export function alertKeywords(article: { title: string; text: string }): KeywordProbe {
  let read: ReturnType<typeof filterWordSequence> | undefined;
  const inOrder = () => (read ??= filterWordSequence(article.title, article.text));
  let joinedWords: string | undefined;
  // Every follow of a script without spaces whose first letter the article has is looked for in this text, by strpos
  // in the database: the first 20,000 characters (a long report), so that a large guild's follows cost milliseconds.
  const joined = () => (joinedWords ??= joinWords(inOrder().words).slice(0, unspacedKeywordTextLength));
  const unspaced = unspacedScript.test(article.title) || unspacedScript.test(article.text);
  return {
    joined,
    // The letters of scripts without spaces only where the article has some (most do not: no joining needed).
    words: () => [...new Set([...inOrder().words, ...inOrder().capitals, ...(unspaced ? unspacedLetters(joined()) : [])])].filter((w) => w !== wordGap),
    // The words in capitals as a second run after a gap: a phrase follow is found in one run or the other, never
    // across the gap, since no follow's words hold one.
    sequence: () => {
      const { words, capitals } = inOrder();
      const plain = words.join(' ');
      const withCapitals = capitals.join(' ');
      return withCapitals === plain ? plain : `${plain} ${wordGap} ${withCapitals}`;
    },
  };
}
