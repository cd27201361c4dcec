// Text features for dedupe and clustering: normalized word tokens, a content hash and a MinHash signature.
import { createHash } from 'node:crypto';

/** Lower-cased, accent-free word tokens (letters and digits of any script). */
export function wordTokens(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? [];
}

// Below this many words a "same hash" says little (two one-line teasers can match by accident).
const minHashedWords = 40;

/** Hash of the normalized text; equal hashes mean the same article under two URLs. Null for very short texts. */
export function contentHash(text: string): string | null {
  const tokens = wordTokens(text);
  if (tokens.length < minHashedWords) return null;
  return createHash('sha256').update(tokens.join(' ')).digest('hex');
}

export const signatureSize = 64;
const seeds = Array.from({ length: signatureSize }, (_, i) => Math.imul(0x9e3779b1, i + 1) | 0);

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

function mix(h: number, seed: number): number {
  // murmur3's finalizer: cheap and well distributed, so one base hash yields 64 independent-looking ones.
  let x = (h ^ seed) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) | 0;
}

/** MinHash signature (signed 32-bit ints, for a PostgreSQL int4[]) of word 3-shingles. Empty for empty text. */
export function minhashSignature(text: string, shingleSize = 3): number[] {
  const tokens = wordTokens(text);
  if (tokens.length === 0) return [];
  const shingles = new Set<number>();
  const n = Math.max(1, tokens.length - shingleSize + 1);
  for (let i = 0; i < n; i++) shingles.add(fnv1a(tokens.slice(i, i + shingleSize).join(' ')));
  const sig = new Array<number>(signatureSize).fill(0x7fffffff);
  for (const h of shingles) {
    for (let j = 0; j < signatureSize; j++) {
      const v = mix(h, seeds[j]!);
      if (v < sig[j]!) sig[j] = v;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of the shingle sets behind two signatures (0 when either is empty). */
export function signatureSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || a.length !== b.length) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}
