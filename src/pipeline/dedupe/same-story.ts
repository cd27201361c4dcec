// Do two articles report the same event? Method (docs/adr/0005-story-clustering.md):
//  1. near-duplicates — the MinHash estimate of word-3-shingle Jaccard is high (syndicated or lightly edited copy);
//  2. same event — outlets word things differently but name the same people, places and organisations: a weighted
//     overlap of proper names, where country, capital and demonym names weigh little (every regional story has them),
//     gated by shared countries. The caller only compares articles that arrived within the clustering window.
import { genericNameWords } from './generic-words.js';
import { signatureSimilarity } from './text-features.js';

export interface ClusterFeatures {
  fingerprint: readonly number[];
  /** Proper names, most frequent first (see extractEntities). */
  entities: readonly string[];
  /** ISO alpha-2, most salient first. */
  countries: readonly string[];
}

export interface StoryMatch {
  same: boolean;
  reason: 'near-duplicate' | 'same-event' | 'different';
  /** Shingle similarity or entity overlap, 0–1. */
  score: number;
}

export interface SameStoryOptions {
  /** True for names that place a story rather than identify an event: countries, capitals, demonyms. */
  isPlaceName?: (name: string) => boolean;
}

const nearDuplicate = 0.5;
const compared = 40; // top entities of each side
const placeWeight = 0.25;
const minSharedNames = 2; // distinct non-place names in common
const minSharedWeight = 2.5; // names count 1, place names a quarter
const minOverlap = 0.2;

export function compareArticles(a: ClusterFeatures, b: ClusterFeatures, options: SameStoryOptions = {}): StoryMatch {
  const shingles = signatureSimilarity(a.fingerprint, b.fingerprint);
  if (shingles >= nearDuplicate) return { same: true, reason: 'near-duplicate', score: shingles };

  // Stories about disjoint sets of countries are different events whatever names they share.
  if (a.countries.length && b.countries.length) {
    const top = new Set(a.countries.slice(0, 3));
    if (!b.countries.slice(0, 3).some((c) => top.has(c))) return { same: false, reason: 'different', score: 0 };
  }

  const isPlace = options.isPlaceName ?? (() => false);
  const keysOfA = new Map<string, boolean>(); // key → is a place
  for (const name of a.entities.slice(0, compared)) for (const key of nameKeys(name)) keysOfA.set(key, isPlace(key));
  let shared = 0;
  let sharedNames = 0;
  for (const name of b.entities.slice(0, compared)) {
    // "Sputnik Azerbaijan" matches "Sputnik"; a match made only through a place word is a place match.
    const matches = nameKeys(name).filter((k) => keysOfA.has(k));
    if (!matches.length) continue;
    const throughName = matches.some((k) => !keysOfA.get(k));
    shared += throughName ? 1 : placeWeight;
    if (throughName) sharedNames++;
  }
  const total = (names: readonly string[]) =>
    names.slice(0, compared).reduce((sum, n) => sum + (isPlace(n) ? placeWeight : 1), 0);
  const smaller = Math.min(total(a.entities), total(b.entities));
  const overlap = smaller > 0 ? shared / smaller : 0;
  const same = sharedNames >= minSharedNames && shared >= minSharedWeight && overlap >= minOverlap;
  return { same, reason: same ? 'same-event' : 'different', score: overlap };
}

/** The name itself and its longer, non-generic words, so phrase variants of one name meet ("Sputnik Azerbaijan"
 * and "Sputnik") while "Bank of England" and "World Bank" do not. */
export function nameKeys(name: string): string[] {
  const words = name.split(/[\s-]+/u).filter((w) => w.length >= 4 && !genericNameWords.has(w));
  return name.includes(' ') || name.includes('-') ? [name, ...words] : [name];
}

/**
 * What the database indexes to find clustering candidates (docs/adr/0005-story-clustering.md): the non-place name
 * keys of the top entities — a same-event match needs two shared ones, so an article sharing none can be skipped
 * without loss — and LSH bands of the fingerprint (21 bands of 3 rows: pairs at shingle Jaccard 0.5 share a band
 * with probability 0.94, at 0.7 with 0.9999), so near-duplicates without names (scripts without case) are found too.
 */
export function candidateKeys(features: Pick<ClusterFeatures, 'entities' | 'fingerprint'>, options: SameStoryOptions = {}): { nameKeys: string[]; bands: string[] } {
  const isPlace = options.isPlaceName ?? (() => false);
  const keys = new Set<string>();
  for (const name of features.entities.slice(0, compared)) for (const key of nameKeys(name)) if (!isPlace(key)) keys.add(key);
  const bands: string[] = [];
  for (let b = 0; b + 3 <= features.fingerprint.length && b / 3 < 21; b += 3) {
    bands.push(`${b / 3}:${features.fingerprint.slice(b, b + 3).join(',')}`);
  }
  return { nameKeys: [...keys], bands };
}
