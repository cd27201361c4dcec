// People who share a place's name: a surname after a first name or a title ("Michael Jordan", "Mr. Jordan"), and a
// first name before a surname ("Jordan Henderson", "Paris Hilton", "Israel Adesanya").
import type { AliasSpec } from './lexicon/alias-types.js';
import { CORPORATE_SUFFIXES, PLACE_NAME_WORDS, PLACE_PRECEDERS, TITLE_WORDS } from './lexicon/context-words.js';
import { countryLexicon } from './country-lexicon.js';
import type { WordCasing } from './name-casing.js';
import type { Token } from './text.js';

/** Where a match stands: its tokens, the line's casing, and the article's word casing (built on demand). */
export interface NameContext {
  tokens: readonly Token[];
  start: number;
  end: number;
  allCaps: boolean;
  titleCase: () => boolean;
  casing: () => WordCasing;
}

function isSurname({ tokens, start, allCaps }: NameContext): boolean {
  const prev = tokens[start - 1];
  const self = tokens[start] as Token;
  if (!prev) return false;
  // "Mr. Jordan", "Coach Chad": the title's own full stop does not end the name.
  if (TITLE_WORDS.has(prev.key)) return true;
  if (self.afterPunct) return false;
  if (allCaps || !prev.cap || prev.upper) return false;
  // "Michael Jordan", "Whitney Houston": a capitalized word right before, that is not itself a place word.
  return !PLACE_PRECEDERS.has(prev.key) && !countryLexicon().byKey.has(prev.key);
}

/** A word that may be a surname or an initial: capitalized, in the same sentence, and not in capitals (TV, AB). */
function mayBeSurname(token: Token | undefined): token is Token {
  return token !== undefined && token.cap && !token.upper && !token.afterPunct && !/^\d/.test(token.key);
}

function isInitialOf(initial: Token, surname: Token | undefined): boolean {
  return surname !== undefined && surname.cap && !surname.upper && surname.start - initial.start <= 3;
}

function isFirstName(context: NameContext): boolean {
  const { tokens, start, end, allCaps } = context;
  const self = tokens[start] as Token;
  const next = tokens[end];
  if (allCaps || end - start !== 1 || !self.cap || self.upper || !mayBeSurname(next)) return false;
  // An initial ("Israel G. Grossman", "Jordan B. Peterson") only right before a surname, past its full stop and a
  // space: "Paris G-7" is a meeting.
  if (next.key.length === 1 && !isInitialOf(next, tokens[end + 1])) return false;
  if (PLACE_NAME_WORDS.has(next.key) || CORPORATE_SUFFIXES.has(next.key) || countryLexicon().byKey.has(next.key)) return false;
  const casing = context.casing();
  // A word the article also writes in lower case is a common noun ("the agreement", "the valley"), not a surname.
  if (casing.lower.has(next.key)) return false;
  // In a title-case headline every word has a capital: there the running text must show the pair as a name.
  return !context.titleCase() || casing.namePairs().has(`${self.key} ${next.key}`);
}

/** Whether a match of a name that can be a person's (`person`, `firstName`) is one here. */
export function looksLikePerson(spec: AliasSpec, context: NameContext): boolean {
  return (spec.person === true && isSurname(context)) || (spec.firstName === true && isFirstName(context));
}
