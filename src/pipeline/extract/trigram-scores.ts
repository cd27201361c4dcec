// franc-min's `francAll`, answer for answer, at about a third of its cost. franc keeps each language's trigram
// ranks in a plain object and looks every trigram of the text up in every candidate language (21 look-ups per
// trigram when checking a declared Latin language, 44 when detecting), after building the text's trigram counts in
// another plain object and sorting them. Here each script's models are turned once into one map from trigram to the
// (language, rank) pairs that have it, so a trigram costs one look-up whatever the number of languages, and the
// counts are not sorted: a language's distance is a sum of integers, which no order changes. Everything that
// decides the answer is franc's own: its trigram data and script expressions, its cleaning, its distance
// (|count − rank − 1|, or 300 for a trigram the model lacks), its stable sort by distance with the languages in its
// table's order, and its normalisation. test/unit/extract/trigram-scores.test.ts compares the two on many texts,
// so an upgrade of franc-min that changes its method shows there.
import { data } from 'franc-min/data.js';
import { expressions } from 'franc-min/expressions.js';

export type LanguageScore = [language: string, score: number];

export interface ScoreOptions {
  /** Shorter text is undetermined ('und'); franc's default is 10. */
  minLength?: number;
  /** Only these ISO 639-3 codes are considered. */
  only?: readonly string[];
}

// franc's constants: the longest sample it reads, its default minimum, and the cost of a trigram a model lacks.
const MAX_LENGTH = 2048;
const MIN_LENGTH = 10;
const MAX_DIFFERENCE = 300;

interface ScriptModel {
  /** The languages scored, in franc's table order, which is the order ties keep after its stable sort. */
  languages: string[];
  /** Trigram (as trigramKey) → flat (language index, rank) pairs of the languages whose model has it. */
  ranks: Map<number, number[]>;
}

/** Three UTF-16 code units as one number (48 bits): no substring to allocate and hash per trigram of the text. */
function trigramKey(text: string, at: number): number {
  return (text.charCodeAt(at) * 0x10000 + text.charCodeAt(at + 1)) * 0x10000 + text.charCodeAt(at + 2);
}

// Per script and set of allowed languages: the language check always passes the same list.
const models = new Map<string, ScriptModel>();

/** A script's models (those of the allowed languages) as one map, built on first use in a few ms. */
function scriptModel(script: string, only: readonly string[]): ScriptModel {
  const cacheKey = `${script}:${only.join(',')}`;
  let model = models.get(cacheKey);
  if (model) return model;
  const table = data[script]!;
  const languages = Object.keys(table).filter((language) => only.length === 0 || only.includes(language));
  const ranks = new Map<number, number[]>();
  languages.forEach((language, index) => {
    const trigrams = table[language]!.split('|');
    // franc assigns ranks from the last trigram to the first, so a trigram listed twice keeps its first rank.
    const own = new Map<number, number>();
    for (let rank = trigrams.length - 1; rank >= 0; rank--) {
      // Every trigram in franc-min's data is three code units; another could never equal one of the text's.
      if (trigrams[rank]!.length === 3) own.set(trigramKey(trigrams[rank]!, 0), rank);
    }
    for (const [trigram, rank] of own) {
      const pairs = ranks.get(trigram);
      if (pairs) pairs.push(index, rank);
      else ranks.set(trigram, [index, rank]);
    }
  });
  model = { languages, ranks };
  models.set(cacheKey, model);
  return model;
}

const und = (): LanguageScore[] => [['und', 1]];

/** The script most of the sample's characters are in (the first listed of equals), as franc's getTopScript. */
function topScript(value: string): [string | undefined, number] {
  let topCount = -1;
  let top: string | undefined;
  for (const script of Object.keys(expressions)) {
    const count = (value.match(expressions[script]!)?.length ?? 0) / value.length || 0;
    if (count > topCount) {
      topCount = count;
      top = script;
    }
  }
  return [top, topCount];
}

/** Counts of the text's trigrams after franc's cleaning (trigram-utils' `clean`, padded with a space each side). */
function trigramCounts(value: string): Map<number, number> {
  const text = ` ${value.replace(/[\u0021-\u0040]+/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase()} `;
  const counts = new Map<number, number>();
  for (let i = 0; i + 3 <= text.length; i++) {
    const trigram = trigramKey(text, i);
    counts.set(trigram, (counts.get(trigram) ?? 0) + 1);
  }
  return counts;
}

/** The languages franc-min would rank for `value`, best first, each with its score (1 for the best). */
export function languageScores(input: string, options: ScoreOptions = {}): LanguageScore[] {
  const only = options.only ?? [];
  if (!input || input.length < (options.minLength ?? MIN_LENGTH)) return und();
  const value = input.slice(0, MAX_LENGTH);
  const [script, share] = topScript(value);
  if (script === undefined || !(script in data)) {
    // A script with a single language (Greek, Thai, Korean…): that language, if allowed.
    if (script === undefined || share === 0 || (only.length > 0 && !only.includes(script))) return und();
    return [[script, 1]];
  }
  const model = scriptModel(script, only);
  if (model.languages.length === 0) return und();
  const counts = trigramCounts(value);
  // Every trigram first costs the maximum in every language; a trigram a model has then gets its difference back.
  const distances = new Array<number>(model.languages.length).fill(counts.size * MAX_DIFFERENCE);
  for (const [trigram, count] of counts) {
    const pairs = model.ranks.get(trigram);
    if (!pairs) continue;
    for (let i = 0; i < pairs.length; i += 2) {
      distances[pairs[i]!]! += Math.abs(count - pairs[i + 1]! - 1) - MAX_DIFFERENCE;
    }
  }
  const scores = model.languages.map((language, index): LanguageScore => [language, distances[index]!]);
  scores.sort((a, b) => a[1] - b[1]);
  // franc's normalisation, operation for operation so the floating-point results are the same.
  const min = scores[0]![1];
  const max = value.length * MAX_DIFFERENCE - min;
  for (const score of scores) score[1] = 1 - (score[1] - min) / max || 0;
  return scores;
}
