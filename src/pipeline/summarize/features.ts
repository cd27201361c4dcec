// Language-independent word features for sentence scoring. Words are letter/digit runs, cut to a short prefix as a
// poor man's stemmer that works in any alphabet ("hairstyles" and "hairstyle" meet, so do "Азербайджан" and
// "Азербайджана"); scripts without spaces use character bigrams. Weights come from the document itself (a word in
// every sentence says nothing), so no per-language stop-word list is needed.

const PREFIX = 6;
const UNSPACED_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]+/gu;

// A code unit of a surrogate pair: where there is none, characters are code units and words need no spreading.
const SURROGATE = /[\uD800-\uDFFF]/;

export function featureTokens(text: string): string[] {
  const lower = text.toLowerCase();
  const tokens: string[] = [];
  const astral = SURROGATE.test(lower);
  for (const word of lower.replace(UNSPACED_RUN, ' ').match(/[\p{L}\p{M}\p{N}]+/gu) ?? []) {
    if (!astral) {
      if (word.length >= 3) tokens.push(word.slice(0, PREFIX));
      continue;
    }
    if ([...word].length < 3) continue;
    tokens.push([...word].slice(0, PREFIX).join(''));
  }
  for (const run of lower.match(UNSPACED_RUN) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) tokens.push(`${chars[i] as string}${chars[i + 1] as string}`);
  }
  return tokens;
}

export type Vector = Map<string, number>;

function counts(tokens: string[]): Vector {
  const v: Vector = new Map();
  for (const t of tokens) v.set(t, (v.get(t) ?? 0) + 1);
  return v;
}

export function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, x] of a) {
    na += x * x;
    const y = b.get(k);
    if (y !== undefined) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

export interface DocumentFeatures {
  /** TF-IDF vector of each sentence. */
  vectors: Vector[];
  /** Cosine of each sentence with the rest of the document. */
  centrality: number[];
  /** IDF-weighted share of the title's words that the sentence contains. */
  titleOverlap: number[];
}

export function documentFeatures(sentences: string[], title: string): DocumentFeatures {
  // Each sentence's counts serve as its set of words (a Map keeps first-occurrence order, as a Set of the tokens
  // would) and then become its TF-IDF vector in place; each word's IDF is computed once.
  const vectors = sentences.map((sentence) => counts(featureTokens(sentence)));
  const df = new Map<string, number>();
  for (const v of vectors) for (const t of v.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = sentences.length;
  const idfs = new Map<string, number>();
  for (const [t, f] of df) idfs.set(t, Math.log((n + 1) / (f + 0.5)));
  const idf = (t: string): number => idfs.get(t) ?? Math.log((n + 1) / 0.5);
  for (const v of vectors) for (const [k, x] of v) v.set(k, x * idf(k));
  const total: Vector = new Map();
  for (const v of vectors) for (const [k, x] of v) total.set(k, (total.get(k) ?? 0) + x);
  // cos(v, total − v) from dot products, so a long article costs O(words) rather than O(sentences × vocabulary).
  let totalNorm2 = 0;
  for (const x of total.values()) totalNorm2 += x * x;
  const centrality = vectors.map((v) => {
    let dot = 0;
    let norm2 = 0;
    for (const [k, x] of v) {
      dot += x * (total.get(k) ?? 0);
      norm2 += x * x;
    }
    const restNorm2 = totalNorm2 - 2 * dot + norm2;
    return norm2 > 0 && restNorm2 > 1e-12 ? (dot - norm2) / Math.sqrt(norm2 * restNorm2) : 0;
  });
  const titleWords = [...new Set(featureTokens(title))];
  const titleWeight = titleWords.reduce((sum, t) => sum + Math.max(idf(t), 0), 0);
  const titleOverlap = vectors.map((present) => {
    if (titleWeight === 0) return 0;
    return titleWords.reduce((sum, t) => sum + (present.has(t) ? Math.max(idf(t), 0) : 0), 0) / titleWeight;
  });
  return { vectors, centrality, titleOverlap };
}
