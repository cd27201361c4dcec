// ROUGE-N and ROUGE-Lsum F1 computed the way Google's rouge_score (RougeScorer(..., use_stemmer=True)) computes
// them, so our numbers sit next to published ones: lower-case, every run of characters outside [a-z0-9] is a
// space, tokens longer than 3 characters go through NLTK's Porter stemmer, and Lsum is the summary-level LCS over
// newline-separated sentences with ROUGE-1.5.5's guard against counting a token twice.
import { porterStem } from './porter-stemmer.js';

export interface RougeScore {
  precision: number;
  recall: number;
  fmeasure: number;
}

export interface RougeScores {
  rouge1: RougeScore;
  rouge2: RougeScore;
  rougeLsum: RougeScore;
}

const stemCache = new Map<string, string>();

function stem(token: string): string {
  let stemmed = stemCache.get(token);
  if (stemmed === undefined) {
    stemmed = porterStem(token);
    stemCache.set(token, stemmed);
  }
  return stemmed;
}

export function rougeTokenize(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(/\s+/)
    .map((t) => (t.length > 3 ? stem(t) : t))
    .filter((t) => /^[a-z0-9]+$/.test(t));
}

function fmeasure(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

function score(hits: number, predictionCount: number, targetCount: number): RougeScore {
  const precision = hits / Math.max(predictionCount, 1);
  const recall = hits / Math.max(targetCount, 1);
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

function ngramCounts(tokens: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    // U+0001 cannot occur in a token, so joined n-grams never collide.
    const key = tokens.slice(i, i + n).join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export function rougeN(targetTokens: string[], predictionTokens: string[], n: number): RougeScore {
  const target = ngramCounts(targetTokens, n);
  const prediction = ngramCounts(predictionTokens, n);
  let hits = 0;
  for (const [gram, count] of target) hits += Math.min(count, prediction.get(gram) ?? 0);
  let targetCount = 0;
  for (const c of target.values()) targetCount += c;
  let predictionCount = 0;
  for (const c of prediction.values()) predictionCount += c;
  return score(hits, predictionCount, targetCount);
}

function lcsTable(ref: string[], can: string[]): Int32Array[] {
  const table: Int32Array[] = [];
  for (let i = 0; i <= ref.length; i++) table.push(new Int32Array(can.length + 1));
  for (let i = 1; i <= ref.length; i++) {
    const row = table[i] as Int32Array;
    const prev = table[i - 1] as Int32Array;
    for (let j = 1; j <= can.length; j++) {
      row[j] = ref[i - 1] === can[j - 1] ? (prev[j - 1] as number) + 1 : Math.max(prev[j] as number, row[j - 1] as number);
    }
  }
  return table;
}

/** Indices into `ref` of one longest common subsequence, chosen with rouge_score's tie-breaking. */
function lcsIndices(ref: string[], can: string[]): number[] {
  const t = lcsTable(ref, can);
  let i = ref.length;
  let j = can.length;
  const lcs: number[] = [];
  while (i > 0 && j > 0) {
    if (ref[i - 1] === can[j - 1]) {
      lcs.push(i - 1);
      i--;
      j--;
    } else if ((t[i] as Int32Array)[j - 1] as number > ((t[i - 1] as Int32Array)[j] as number)) {
      j--;
    } else {
      i--;
    }
  }
  return lcs.reverse();
}

export function rougeLsum(targetSentences: string[][], predictionSentences: string[][]): RougeScore {
  const zero = { precision: 0, recall: 0, fmeasure: 0 };
  if (targetSentences.length === 0 || predictionSentences.length === 0) return zero;
  const m = targetSentences.reduce((sum, s) => sum + s.length, 0);
  const n = predictionSentences.reduce((sum, s) => sum + s.length, 0);
  if (m === 0 || n === 0) return zero;
  const refCounts = new Map<string, number>();
  const canCounts = new Map<string, number>();
  for (const s of targetSentences) for (const t of s) refCounts.set(t, (refCounts.get(t) ?? 0) + 1);
  for (const s of predictionSentences) for (const t of s) canCounts.set(t, (canCounts.get(t) ?? 0) + 1);
  let hits = 0;
  for (const ref of targetSentences) {
    const union = new Set<number>();
    for (const can of predictionSentences) for (const i of lcsIndices(ref, can)) union.add(i);
    for (const i of [...union].sort((a, b) => a - b)) {
      const token = ref[i] as string;
      const c = canCounts.get(token) ?? 0;
      const r = refCounts.get(token) ?? 0;
      if (c > 0 && r > 0) {
        hits++;
        canCounts.set(token, c - 1);
        refCounts.set(token, r - 1);
      }
    }
  }
  return { precision: hits / n, recall: hits / m, fmeasure: fmeasure(hits / n, hits / m) };
}

/** Sentences are separated by "\n" in both texts, as rouge_score expects for rougeLsum. */
export function rougeScores(target: string, prediction: string): RougeScores {
  const targetTokens = rougeTokenize(target);
  const predictionTokens = rougeTokenize(prediction);
  const lines = (text: string): string[][] =>
    text
      .split('\n')
      .filter((line) => line.length > 0)
      .map(rougeTokenize);
  return {
    rouge1: rougeN(targetTokens, predictionTokens, 1),
    rouge2: rougeN(targetTokens, predictionTokens, 2),
    rougeLsum: rougeLsum(lines(target), lines(prediction)),
  };
}
