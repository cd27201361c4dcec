// The offline summarizer: picks 2–4 whole sentences of the article that fit in 600 characters. News puts its point
// first, so position carries most of the score; overlap with the title and centrality (similarity to the rest of
// the article) lift sentences that state the story, a mild penalty keeps out long run-on sentences (usually
// captions glued to text), and redundancy between picked sentences is charged. The weights were chosen on the
// CNN/DailyMail dev split (bench/summarization.ts) among a few round values, not fitted finely.
import type { Candidate } from './candidates.js';
import { cosine, documentFeatures } from './features.js';
import { MAX_SUMMARY_CHARS, MAX_SUMMARY_SENTENCES, MIN_SUMMARY_SENTENCES, measureSentence, measuredLength, mostlyWrittenIn, type MeasuredSentence } from './limits.js';

export interface ExtractiveWeights {
  /** Weight of the position prior exp(-rank / positionDecay). */
  position: number;
  positionDecay: number;
  title: number;
  centrality: number;
  /** Charged per picked sentence, so a weak fourth sentence is left out rather than added because it fits. */
  sentenceCost: number;
  /** Charged per pair of picked sentences, times their cosine similarity. */
  redundancy: number;
  /** Sentences longer than this many characters are charged `longPenalty` per extra 100 characters. */
  longFrom: number;
  longPenalty: number;
  /** Charged to direct quotes (a sentence that opens with a quotation mark) and to questions. */
  quote: number;
  /** How many of the best-scored candidates the search combines. */
  pool: number;
}

export const DEFAULT_WEIGHTS: ExtractiveWeights = {
  position: 1,
  positionDecay: 4,
  title: 0.1,
  centrality: 0.5,
  sentenceCost: 0.4,
  redundancy: 0.6,
  longFrom: 300,
  longPenalty: 0.3,
  quote: 0.3,
  pool: 10,
};

const QUOTE_OR_QUESTION = /^[\p{Pi}\p{Ps}'"„‚]*['"‘“«„‚]|\?[\p{Pf}'"”’»]*$/u;

/** The k-subsets of 0…n−1 in lexicographic order. */
function listCombinations(n: number, k: number, start = 0, prefix: number[] = [], into: number[][] = []): number[][] {
  if (prefix.length === k) {
    into.push(prefix);
    return into;
  }
  for (let i = start; i <= n - (k - prefix.length); i++) listCombinations(n, k, i + 1, [...prefix, i], into);
  return into;
}

// The pool has at most `pool` (10) members, so the few (n, k) pairs are listed once rather than per article.
const combinationLists = new Map<number, number[][]>();

function combinations(n: number, k: number): number[][] {
  const key = n * 64 + k;
  let list = combinationLists.get(key);
  if (!list) {
    list = listCombinations(n, k);
    combinationLists.set(key, list);
  }
  return list;
}

export interface ScoredCandidate extends Candidate {
  score: number;
}

export function scoreCandidates(candidates: Candidate[], title: string, weights: ExtractiveWeights): { scored: ScoredCandidate[]; similarity: (a: number, b: number) => number } {
  const features = documentFeatures(
    candidates.map((c) => c.text),
    title,
  );
  const scored = candidates.map((c, i) => {
    const long = Math.max(0, c.text.length - weights.longFrom) / 100;
    const score =
      weights.position * Math.exp(-c.rank / weights.positionDecay) +
      weights.title * (features.titleOverlap[i] as number) +
      weights.centrality * (features.centrality[i] as number) -
      weights.longPenalty * long -
      (QUOTE_OR_QUESTION.test(c.text) ? weights.quote : 0);
    return { ...c, score };
  });
  const similarity = (a: number, b: number): number => cosine(features.vectors[a] as Map<string, number>, features.vectors[b] as Map<string, number>);
  return { scored, similarity };
}

/** When the best-scored sentences are too long to pair, the best pair among all candidates that fits. */
function bestFittingPair(scored: ScoredCandidate[], measured: MeasuredSentence[]): number[] | undefined {
  let best: number[] | undefined;
  let bestValue = -Infinity;
  const n = Math.min(scored.length, 300);
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const x = scored[a] as ScoredCandidate;
      const y = scored[b] as ScoredCandidate;
      const value = x.score + y.score;
      if (value > bestValue && measuredLength([measured[a]!, measured[b]!]) <= MAX_SUMMARY_CHARS) {
        bestValue = value;
        best = [a, b];
      }
    }
  }
  return best;
}

/** Longest a cut opening sentence may be: room is left for another sentence beside it. */
const maxLeadCut = 380;

/**
 * The start of an over-long sentence up to a clause's end (a comma, semicolon, colon or dash, in any script's form)
 * within `maxLeadCut` characters and after a third of it, with an ellipsis; undefined when it has no such place.
 */
export function leadClauses(sentence: string): string | undefined {
  const head = sentence.slice(0, maxLeadCut);
  // Thai, Lao, Khmer and Burmese write no space between words: a space there ends a phrase (ADR 34).
  const clauseEnd = mostlyWrittenIn(head, /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/gu) ? /[,;:，；：、]\s|\s[–—-]\s|\s/gu : /[,;:，；：、]\s|\s[–—-]\s/gu;
  let at = -1;
  for (const m of head.matchAll(clauseEnd)) if (m.index >= maxLeadCut / 3) at = m.index;
  return at === -1 ? undefined : `${head.slice(0, at).trimEnd()}…`;
}

/** The best-scoring set of 2–4 candidates that fits, in reading order; fewer only when no pair fits. */
export function selectSentences(candidates: Candidate[], title: string, weights: ExtractiveWeights = DEFAULT_WEIGHTS): string[] {
  const fits = (c: Candidate) => c.text.length <= MAX_SUMMARY_CHARS;
  // An opening sentence too long for a summary, beside sentences that fit, is what the article is about: its first
  // clauses, marked as cut, rather than a summary of the later, smaller points (a treaty's terms dropped, its date
  // kept). A text that is one giant sentence and nothing else is junk more often than news, and gets its title.
  const others = candidates.some((c) => c.rank > 0 && fits(c));
  const fitting = candidates.flatMap((c) => {
    if (fits(c)) return [c];
    const cut = c.rank === 0 && others ? leadClauses(c.text) : undefined;
    return cut ? [{ ...c, text: cut }] : [];
  });
  if (fitting.length === 0) return [];
  const { scored, similarity } = scoreCandidates(fitting, title, weights);
  // Each sentence is measured once and each pair's similarity computed once: the search below tries up to 375
  // combinations of the pool, and re-tidying and re-comparing the same sentences was most of its cost.
  const measured = scored.map((c) => measureSentence(c.text));
  const pool = [...scored.keys()].sort((a, b) => (scored[b] as ScoredCandidate).score - (scored[a] as ScoredCandidate).score).slice(0, weights.pool);
  pool.sort((a, b) => a - b);
  const poolMeasured = pool.map((i) => measured[i]!);
  // NaN: not computed yet (were a similarity itself NaN, it would only be computed again, to the same value).
  const pairSimilarity = new Float64Array(pool.length * pool.length).fill(NaN);
  const pooledSimilarity = (a: number, b: number): number => {
    const key = a * pool.length + b;
    let value = pairSimilarity[key]!;
    if (Number.isNaN(value)) {
      value = similarity(pool[a]!, pool[b]!);
      pairSimilarity[key] = value;
    }
    return value;
  };
  let best: number[] | undefined;
  let bestValue = -Infinity;
  for (let k = Math.min(MAX_SUMMARY_SENTENCES, pool.length); k >= MIN_SUMMARY_SENTENCES; k--) {
    for (const combo of combinations(pool.length, k)) {
      if (measuredLength(poolMeasured, combo) > MAX_SUMMARY_CHARS) continue;
      // The same sums in the same order as before, so equal scores still tie the same way.
      let value = 0;
      for (const p of combo) value += (scored[pool[p]!] as ScoredCandidate).score - weights.sentenceCost;
      for (let a = 0; a < combo.length; a++) {
        for (let b = a + 1; b < combo.length; b++) value -= weights.redundancy * pooledSimilarity(combo[a]!, combo[b]!);
      }
      if (value > bestValue) {
        bestValue = value;
        best = combo.map((p) => pool[p]!);
      }
    }
  }
  if (best === undefined) best = bestFittingPair(scored, measured);
  if (best === undefined) {
    // No two sentences fit together: the single best one.
    best = [pool.reduce((a, b) => ((scored[b] as ScoredCandidate).score > (scored[a] as ScoredCandidate).score ? b : a))];
  }
  return best.map((i) => (scored[i] as ScoredCandidate).text);
}
