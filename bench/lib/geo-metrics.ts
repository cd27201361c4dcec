// Scores predicted country lists against gold sets the way the benchmark README defines it: micro-averaged
// precision, recall and F1 over (story, country) pairs, and top-1 = the first predicted country is gold.

export interface GeoScore {
  n: number;
  precision: number;
  recall: number;
  f1: number;
  top1: number;
}

export function scoreGeo(pairs: Iterable<{ gold: readonly string[]; predicted: readonly string[] }>): GeoScore {
  let n = 0;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let top1 = 0;
  for (const { gold, predicted } of pairs) {
    n++;
    const goldSet = new Set(gold);
    const predictedSet = new Set(predicted);
    for (const p of predictedSet) if (goldSet.has(p)) tp++;
    else fp++;
    for (const g of goldSet) if (!predictedSet.has(g)) fn++;
    if (predicted[0] !== undefined && goldSet.has(predicted[0])) top1++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { n, precision, recall, f1, top1: n === 0 ? 0 : top1 / n };
}
