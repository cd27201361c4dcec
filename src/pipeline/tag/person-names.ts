// People who share a place's name: a surname after a first name or a title ("Michael Jordan", "Mr. Jordan"), and a
// first name before a surname ("Jordan Henderson", "Paris Hilton", "Israel Adesanya"). A first name needs evidence:
// "Israel Hamas talks", "Kenya Ruto signs bill", "the Jordan Armed Forces" look just like a person's name, and a lost
// country mention costs more than a person now and then read as a country.
import type { AliasSpec } from './lexicon/alias-types.js';
import { CORPORATE_SUFFIXES, GROUP_NAMES, PERSON_CUES, PLACE_NAME_WORDS, PLACE_PRECEDERS, TITLE_WORDS } from './lexicon/context-words.js';
import type { Segment } from './countries.js';
import { countryLexicon } from './country-lexicon.js';
import { isAllCaps, type WordCasing } from './name-casing.js';
import type { Token } from './text.js';

/** What an article's text shows about the names in it, for a first name that is also a place. */
export interface NameEvidence {
  /** Two capitalized words in a row in running text ("jordan henderson"). */
  pairs: ReadonlySet<string>;
  /** Pairs a person cue stands before anywhere ("captain Jordan Henderson", "Mr Israel Katz"). */
  cued: ReadonlySet<string>;
  /** Capitalized words running text also uses on their own, as a surname is ("Henderson said", "Mr Adesanya"). */
  alone: ReadonlySet<string>;
  /** The capitalized words running text writes before a word ("ruto" → "william"): its first names, if a surname. */
  before: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Where a match stands: its tokens, the line's kind and casing, and what the article shows (built on demand). */
export interface NameContext {
  tokens: readonly Token[];
  start: number;
  end: number;
  allCaps: boolean;
  /** A headline clips ("Israel–Hamas deal" → "Israel Hamas deal", "Kenya's Ruto" → "Kenya Ruto"). */
  headline: boolean;
  casing: () => WordCasing;
  names: () => NameEvidence;
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

/** A role or title right before the name: "Liverpool captain Jordan Henderson", "UFC fighter Israel Adesanya". */
function hasCue(tokens: readonly Token[], start: number): boolean {
  const prev = tokens[start - 1];
  return prev !== undefined && !(tokens[start] as Token).afterPunct && (PERSON_CUES.has(prev.key) || TITLE_WORDS.has(prev.key));
}

/** What the article shows about its names; `casing` tells a common word opening a sentence ("Then Henderson said"). */
export function nameEvidence(segments: readonly Segment[], casing: WordCasing): NameEvidence {
  const pairs = new Set<string>();
  const cued = new Set<string>();
  const alone = new Set<string>();
  const before = new Map<string, Set<string>>();
  for (const { tokens, headline } of segments) {
    if (isAllCaps(tokens)) continue;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      if (!t.cap || t.upper || /^\d/.test(t.key)) continue;
      const prev = tokens[i - 1];
      const joined = prev !== undefined && !t.afterPunct && prev.cap && !prev.upper;
      if (joined && hasCue(tokens, i - 1)) cued.add(`${prev.key} ${t.key}`);
      if (headline === true) continue;
      if (!joined || TITLE_WORDS.has(prev.key) || PLACE_PRECEDERS.has(prev.key) || (prev.sentenceStart && casing.lower.has(prev.key))) {
        alone.add(t.key);
        continue;
      }
      pairs.add(`${prev.key} ${t.key}`);
      const names = before.get(t.key) ?? new Set<string>();
      names.add(prev.key);
      before.set(t.key, names);
    }
  }
  return { pairs, cued, alone, before };
}

/** What a first name may stand before: a surname, an initial and a surname, or neither (a place's name). */
function nameShape(context: NameContext): 'initial' | 'surname' | undefined {
  const { tokens, start, end, allCaps } = context;
  const self = tokens[start] as Token;
  const next = tokens[end];
  if (allCaps || end - start !== 1 || !self.cap || self.upper || !mayBeSurname(next)) return undefined;
  // An initial ("Israel G. Grossman", "Jordan B. Peterson") right before a surname, past its full stop and a space, is
  // a name's own shape: "Paris G-7" is a meeting.
  if (next.key.length === 1) return isInitialOf(next, tokens[end + 1]) ? 'initial' : undefined;
  const key = next.key;
  if (PLACE_NAME_WORDS.has(key) || CORPORATE_SUFFIXES.has(key) || GROUP_NAMES.has(key) || countryLexicon().byKey.has(key)) return undefined;
  // A word the article also writes in lower case is a common noun ("the agreement", "the valley"), not a surname.
  if (context.casing().lower.has(key)) return undefined;
  return 'surname';
}

/** A headline's pair is a name only if the running text writes it too. */
function inRunningText(context: NameContext, pair: string): boolean {
  return !context.headline || context.names().pairs.has(pair);
}

function isFirstName(context: NameContext): boolean {
  const shape = nameShape(context);
  if (shape !== 'surname') return shape === 'initial';
  const { tokens, start, end } = context;
  const self = tokens[start] as Token;
  const key = (tokens[end] as Token).key;
  const names = context.names();
  const pair = `${self.key} ${key}`;
  if (hasCue(tokens, start) || names.cued.has(pair)) return true;
  if (!inRunningText(context, pair)) return false;
  // The second word is this person's surname: the text uses it on its own ("Henderson said", "Adesanya, 34,") and
  // never after another first name ("Kenya Ruto" where the text says "President William Ruto").
  const firstNames = names.before.get(key);
  return names.alone.has(key) && ![...(firstNames ?? [])].some((name) => name !== self.key);
}

/**
 * A country's name in another language before a surname, in English text: "Mauricio Pochettino" (Mauricio is Spanish
 * for Mauritius), "Maurice Greene". English never writes a country that way, so the name's shape is evidence enough;
 * past a third capitalized word the pair is a place and a person's full name. Text in other languages is left alone:
 * there the name is most often the country, and titles are capitalized ("Türkiyə Prezidenti Rəcəp Tayip Ərdoğan").
 */
function isForeignFirstName(context: NameContext, language: string | undefined): boolean {
  if (language !== undefined && language !== 'en') return false;
  const { tokens, start, end } = context;
  const shape = nameShape(context);
  if (shape === 'initial') return true;
  if (shape !== 'surname' || mayBeSurname(tokens[end + 1])) return false;
  return inRunningText(context, `${(tokens[start] as Token).key} ${(tokens[end] as Token).key}`);
}

/** Whether a match of a name that can be a person's (`person`, `firstName`, `translated`) is one here. */
export function looksLikePerson(spec: AliasSpec, context: NameContext, language?: string): boolean {
  return (
    (spec.person === true && isSurname(context)) ||
    (spec.firstName === true && isFirstName(context)) ||
    (spec.translated === true && isForeignFirstName(context, language))
  );
}
