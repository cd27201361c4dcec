// Names that count only when capitalized (Turkey, China, Jordan): whether a match's casing shows a name, read from
// the match and, for a capital that says nothing, from how the rest of the article writes the word.
import type { AliasSpec } from './lexicon/alias-types.js';
import type { Segment } from './countries.js';
import type { Token } from './text.js';

/** How an article writes its words, for names that count only when capitalized. */
export interface WordCasing {
  /** Words written in lower case somewhere. */
  lower: Set<string>;
  /** Words written with a capital that shows a name: mid-sentence, in a line not all in capitals. */
  named: Set<string>;
}

/** A line in capitals throughout ("CREDIT GUARANTEES FOR HUNGARY"): its capitals show nothing. */
export function isAllCaps(tokens: readonly Token[]): boolean {
  return tokens.length > 0 && tokens.every((t) => t.upper || !t.cap || t.key.length < 2 || /^\d/.test(t.key));
}

/** The whole article's word casing: built lazily, only for a match its own casing cannot decide. */
export function wordCasing(segments: readonly Segment[]): WordCasing {
  const lower = new Set<string>();
  const named = new Set<string>();
  for (const { tokens } of segments) {
    const allCaps = isAllCaps(tokens);
    for (const t of tokens) {
      // After punctuation a lower-case word may be part of an address (reuters.com/world/turkey), not prose.
      if (!t.cap && !t.afterPunct) lower.add(t.key);
      else if (t.cap && !t.sentenceStart && !allCaps) named.add(t.key);
    }
  }
  return { lower, named };
}

/** Whether a match is written the way its alias requires (`casing`); `casing` gives the article's word casing. */
export function casingOk(spec: AliasSpec, tokens: readonly Token[], start: number, end: number, caseless: boolean, allCaps: boolean, casing: () => WordCasing): boolean {
  const first = tokens[start] as Token;
  switch (spec.casing ?? 'any') {
    case 'any':
      return true;
    case 'cap': {
      // Scripts without capitals (Arabic, Thai, Chinese…, and Georgian, whose capitals news never uses) cannot show
      // a name by its case.
      if (caseless || first.key === first.key.toUpperCase() || /^[\u10D0-\u10FF]/.test(first.key)) return true;
      if (!first.cap) return false;
      // A capital that only opens a sentence shows nothing: when the article writes the word in lower case and never
      // capitalizes it mid-sentence, it is the word ("Turkey prices soar" over "the price of turkey rose"). Not so
      // for an all-capitals headline: wire bodies are sometimes all lower case ("credit from japan's eximbank").
      if (end - start > 1 || !first.sentenceStart || allCaps) return true;
      const { lower, named } = casing();
      return !lower.has(first.key) || named.has(first.key);
    }
    case 'upper':
      for (let i = start; i < end; i++) if (!(tokens[i] as Token).upper && !allCaps) return false;
      // In an all-capitals headline "US" could be "us": accept only when it is not between two ordinary words.
      return !allCaps || (tokens[start] as Token).upper;
  }
}
