// Scores of a clustering against gold labels: BCubed precision/recall/F1 (per item, averaged), pairwise ("standard",
// Miranda et al.) precision/recall/F1 over same-cluster pairs, and how many predicted clusters mix two gold stories
// (each with at least two items, so one stray item is not counted as a mixed story).
export interface ClusteringScores {
  bcubed: { p: number; r: number; f1: number };
  pairwise: { p: number; r: number; f1: number };
  clusters: number;
  goldClusters: number;
  mixedClusters: number;
}

const f1 = (p: number, r: number) => (p + r > 0 ? (2 * p * r) / (p + r) : 0);
const pairs = (n: number) => (n * (n - 1)) / 2;
const round = (x: number) => Number(x.toFixed(4));

export function scoreClustering(items: { predicted: string; gold: string }[]): ClusteringScores {
  const predictedSize = new Map<string, number>();
  const goldSize = new Map<string, number>();
  const cell = new Map<string, number>();
  for (const { predicted, gold } of items) {
    predictedSize.set(predicted, (predictedSize.get(predicted) ?? 0) + 1);
    goldSize.set(gold, (goldSize.get(gold) ?? 0) + 1);
    const key = `${predicted}\u0000${gold}`;
    cell.set(key, (cell.get(key) ?? 0) + 1);
  }
  let p = 0;
  let r = 0;
  for (const { predicted, gold } of items) {
    const both = cell.get(`${predicted}\u0000${gold}`)!;
    p += both / predictedSize.get(predicted)!;
    r += both / goldSize.get(gold)!;
  }
  const n = items.length || 1;
  const samePairs = [...cell.values()].reduce((s, c) => s + pairs(c), 0);
  const predictedPairs = [...predictedSize.values()].reduce((s, c) => s + pairs(c), 0);
  const goldPairs = [...goldSize.values()].reduce((s, c) => s + pairs(c), 0);
  const pp = predictedPairs ? samePairs / predictedPairs : 1;
  const pr = goldPairs ? samePairs / goldPairs : 1;
  const storiesIn = new Map<string, number>();
  for (const [key, count] of cell) {
    const predicted = key.split('\u0000')[0]!;
    if (count >= 2) storiesIn.set(predicted, (storiesIn.get(predicted) ?? 0) + 1);
  }
  return {
    bcubed: { p: round(p / n), r: round(r / n), f1: round(f1(p / n, r / n)) },
    pairwise: { p: round(pp), r: round(pr), f1: round(f1(pp, pr)) },
    clusters: predictedSize.size,
    goldClusters: goldSize.size,
    mixedClusters: [...storiesIn.values()].filter((c) => c >= 2).length,
  };
}
