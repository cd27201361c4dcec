// The article-extraction-benchmark metric (scrapinghub/article-extraction-benchmark, evaluate.py), reproduced so our
// numbers compare with the published table:
// - tokens are `\w+` runs. Python's Unicode `\w` is "alphanumeric or underscore" (letters L*, numbers N*, `_`); JS
//   `[\p{L}\p{N}_]` matches the same set except code points Unicode assigned after Python 3.11's database (a few
//   thousand rare scripts), which never occur in this data. Tokens keep their case.
// - shingles are 4-grams of tokens; a text of 1–3 tokens has one shorter shingle, an empty text has none.
// - shingles are counted with multiplicity (a repeated paragraph counts twice): tp = Σ min, fp/fn = Σ excess.
// - per page, tp/fp/fn are divided by their sum so long pages weigh no more than short ones.
// - precision is averaged over pages where tp + fp > 0 (an empty prediction is left out of precision but scores
//   recall 0); recall over pages where tp + fn > 0; a page with fp = fn = 0 scores 1 on both. F1 = harmonic mean of
//   the two means (not a mean of per-page F1s).

export interface ShingleMatch {
  tp: number;
  fp: number;
  fn: number;
}

export interface ExtractionScores {
  precision: number;
  recall: number;
  f1: number;
}

const token = /[\p{L}\p{N}_]+/gu;

export function tokenize(text: string): string[] {
  return text.match(token) ?? [];
}

export function shingleCounts(text: string, n = 4): Map<string, number> {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < last; i++) {
    const slice = tokens.slice(i, i + n);
    if (slice.length === 0) continue;
    // U+0001 cannot be part of a token, so joined shingles are unambiguous.
    const key = slice.join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Normalised tp/fp/fn of one page (all zero when both texts are empty). */
export function shingleMatch(truth: string, prediction: string, n = 4): ShingleMatch {
  const t = shingleCounts(truth, n);
  const p = shingleCounts(prediction, n);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, tc] of t) {
    const pc = p.get(key) ?? 0;
    tp += Math.min(tc, pc);
    fn += Math.max(0, tc - pc);
  }
  for (const [key, pc] of p) fp += Math.max(0, pc - (t.get(key) ?? 0));
  const sum = tp + fp + fn;
  return sum > 0 ? { tp: tp / sum, fp: fp / sum, fn: fn / sum } : { tp, fp, fn };
}

function precisionOf({ tp, fp, fn }: ShingleMatch): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

function recallOf({ tp, fp, fn }: ShingleMatch): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

function mean(values: number[]): number {
  if (values.length === 0) throw new Error('No pages to average (the benchmark would fail here too).');
  return values.reduce((a, b) => a + b, 0) / values.length;
}

export function scoreMatches(matches: ShingleMatch[]): ExtractionScores {
  const precision = mean(matches.filter((m) => m.tp + m.fp > 0).map(precisionOf));
  const recall = mean(matches.filter((m) => m.tp + m.fn > 0).map(recallOf));
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
}

/** Per-page precision/recall/F1, for listing the worst pages while working on the extractor. */
export function pageScores(m: ShingleMatch): ExtractionScores {
  const precision = precisionOf(m);
  const recall = recallOf(m);
  return { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}
