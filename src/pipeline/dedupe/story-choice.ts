// Which story a new article joins (docs/adr/0005-story-clustering.md): the online centroid model of news-stream
// clustering (Miranda et al. 2018). Each story keeps the sum of its articles' normalised TF-IDF vectors, each
// weighted with the IDF of the day it was added; a new article is compared with each candidate story's centroid by
// cosine, its own IDF coming from every article stored so far, and joins the best story above a threshold, or starts a new one. Rare shared words weigh much, common
// ones little, so no hand-written list of names decides; and one shared word is never enough between two articles.
// The database and the preview find candidates differently; both decide here.

import { clusterTerms } from './cluster-terms.js';
import { isCountryNameTerm, isCountryTerm, isNameTerm, isSamePersonTerm, samePersonKeys } from './name-keys.js';
import { hasDocumentFrequency, type PlaceArticle, type RebuildCentroid, type StoryProfile, type TermStats } from '../types.js';

export type Idf = (term: string) => number;

/** Smoothed IDF counting the new article itself, so a term nobody else used weighs most, not infinitely. */
export function idfOf(stats: TermStats): Idf {
  return (term) => Math.log((stats.documents + 2) / (stats.frequency(term) + 2)) + 1;
}

/** How many of an article's heaviest words, and of its names and numbers, find its candidate stories (lookup keys). */
const lookupKeys = 20;
const neutralLookupKeys = 3;


/** The terms that find candidate stories: the article's heaviest words and names by TF-IDF. */
export function candidateTerms(terms: Record<string, number>, idf: Idf): string[] {
  const ranked = Object.entries(terms)
    .map(([t, w]) => [t, w * idf(t)] as const)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([t]) => t);
  return [...ranked.filter((t) => !isNameTerm(t)).slice(0, lookupKeys), ...ranked.filter((t) => t.startsWith('~')).slice(0, neutralLookupKeys)];
}

// Another language's report of the same event shares no words, only names, numbers and countries. Precision first: a
// wrong cross-language merge is worse than a missed one, so it takes several shared people, a shared number or a third
// person, most of the article's names being the story's, and a shared country when both were tagged with some (time
// agrees already: candidates come from the window). Countries are a condition only, never a shared name. Names are
// counted as people: a given name and a surname written together are one (Donald Trump, whom another event names too),
// and a country's name is none (Ukraine, which the reports of other events name too).
const crossPeople = 2;
const crossBar = 0.5;

// A headline's cosine to a story's centroid is bounded by how few words it has, a full article's is not: the bar
// rises from 0.08 for a headline (≤ 10 terms) to 0.25 for a text of 60 terms or more, log-linearly between.
const shortTerms = 10;
const longTerms = 60;
const shortBar = 0.08;
const longBar = 0.25;

export function joinThreshold(termCount: number): number {
  const x = (Math.log(Math.max(termCount, 1)) - Math.log(shortTerms)) / (Math.log(longTerms) - Math.log(shortTerms));
  return shortBar + (longBar - shortBar) * Math.min(1, Math.max(0, x));
}

export interface StoryChoice {
  storyId: number | null;
  /** Cosine to the chosen (or best rejected) story, 0 when there was no candidate. */
  score: number;
  /** Other candidates a headline meets nearly as well as the chosen one: they are one story with it (see below). */
  alike?: number[];
}

// A headline that meets two stories nearly as well (at 0.9 of the chosen one's cosine, and at 0.35 or more) cannot
// tell them apart: headlines of one event worded apart started both, and this one shares words with each. They merge,
// as stories whose centroids converge do (convergingStories). Headlines only: a full text meets a sibling event (the
// same kind of news, other people) at cosines up to 0.4 and more. Stories of two articles or more only: a near tie
// with a single article is weak evidence. UCI BCubed F1 0.795 → 0.810 (0.787 → 0.799 with 100,000 stories stored,
// whose flatter IDF makes near ties at 0.3 common), ECB+ unchanged (docs/benchmarks.md, 2026-12-08).
const alikeRatio = 0.9;
const alikeBar = 0.35;
const alikeSize = 2;

export function chooseStory(terms: Record<string, number>, candidates: readonly StoryProfile[], idf: Idf): StoryChoice {
  const vector = new Map<string, number>();
  const names = new Map<string, number>();
  const countries = new Set<string>();
  const together: [string, string][] = [];
  // The article's name keys that are a country's name (`^~krn`): which they are does not depend on the text, so the
  // article's own say it for any name it shares.
  const countryNames = new Set<string>();
  let norm = 0;
  let namesNorm = 0;
  for (const [t, w] of Object.entries(terms)) {
    const x = w * idf(t);
    if (isCountryTerm(t)) countries.add(t);
    else if (isSamePersonTerm(t)) together.push(samePersonKeys(t));
    else if (isCountryNameTerm(t)) countryNames.add(t.slice(1));
    else if (isNameTerm(t)) {
      names.set(t, x);
      namesNorm += x * x;
    } else {
      vector.set(t, x);
      norm += x * x;
    }
  }
  norm = Math.sqrt(norm);
  namesNorm = Math.sqrt(namesNorm);
  let best: { id: number; score: number; size: number } | undefined;
  // Every candidate met through shared words, with its cosine and size: the headline's near ties with the chosen one.
  const scored: { id: number; score: number; size: number }[] = [];
  let across: { id: number; score: number } | undefined;
  for (const story of candidates) {
    let dot = 0;
    let centroidNorm = 0;
    let shared = 0;
    let onlyShared = '';
    let namesDot = 0;
    let centroidNames = 0;
    const sharedNames: string[] = [];
    const storyTogether: [string, string][] = [];
    let sharedNumbers = 0;
    let storyCountries = 0;
    let sharedCountries = 0;
    // Centroid weights carry their IDF already: only the article's own terms need counts from storage, so the
    // database path and the preview (which knows every count) compute the same cosine. (for…in, not
    // Object.entries: fifteen candidates of 100 terms per stored article, on the main thread.)
    for (const t in story.centroid) {
      const y = story.centroid[t]![0];
      if (isCountryTerm(t)) {
        storyCountries++;
        if (countries.has(t)) sharedCountries++;
        continue;
      }
      if (isSamePersonTerm(t)) {
        storyTogether.push(samePersonKeys(t));
        continue;
      }
      if (isNameTerm(t)) {
        centroidNames += y * y;
        const x = names.get(t);
        if (x) {
          namesDot += x * y;
          if (!t.startsWith('~')) sharedNumbers++;
          else if (!countryNames.has(t)) sharedNames.push(t);
        }
        continue;
      }
      centroidNorm += y * y;
      const x = vector.get(t);
      if (x) {
        dot += x * y;
        shared++;
        onlyShared = t;
      }
    }
    if (!shared || story.byNamesOnly) {
      // No word in common (or found by names alone): another language's report, if its names and numbers agree, and
      // its countries, when both have some: the same names in another country are another event.
      if (countries.size && storyCountries && !sharedCountries) continue;
      // Two names are two people unless the article or the story writes them together as one person's name; a
      // country's name, still in the names cosine, is no person.
      const people = peopleAmong(sharedNames, [...together, ...storyTogether]);
      if (people >= crossPeople && (sharedNumbers > 0 || people > crossPeople) && namesNorm && centroidNames) {
        const score = namesDot / (namesNorm * Math.sqrt(centroidNames));
        if (score >= crossBar && (!across || score > across.score)) across = { id: story.id, score };
      }
      continue;
    }
    if (!centroidNorm) continue;
    // One word in common is a coincidence between two articles ("Beats", a surname that is also a town), unless the
    // story has several articles and that word is in most of them: then it is what the story is about.
    if (shared < 2 && !(story.size >= 3 && (story.centroid[onlyShared]?.[1] ?? 0) / story.size >= 0.5)) continue;
    const score = dot / (norm * Math.sqrt(centroidNorm));
    scored.push({ id: story.id, score, size: story.size });
    if (!best || score > best.score) best = { id: story.id, score, size: story.size };
  }
  if (best && best.score >= joinThreshold(vector.size)) {
    const b = best;
    const alike =
      vector.size <= shortTerms && b.size >= alikeSize
        ? scored.filter((c) => c.id !== b.id && c.size >= alikeSize && c.score >= alikeBar && c.score >= alikeRatio * b.score).map((c) => c.id)
        : [];
    return { storyId: b.id, score: b.score, ...(alike.length ? { alike } : {}) };
  }
  if (across) return { storyId: across.id, score: across.score };
  return { storyId: null, score: best?.score ?? 0 };
}

/**
 * How many people some name keys are: one for each group of them that stand together, in the article or the story, as
 * one person's name (Donald, Trump; Vladimir, Putin: two). Pairs with a name outside them are no link: "Prime Minister
 * Anutin" and "Prime Minister Hun Manet" are not one person because "Minister" is in both.
 */
export function peopleAmong(keys: readonly string[], together: readonly (readonly [string, string])[]): number {
  // Each key points towards its group's first key (a few names: no need for more than following the links).
  const group = new Map(keys.map((k) => [k, k]));
  const root = (k: string): string => {
    const up = group.get(k)!;
    return up === k ? k : root(up);
  };
  let people = keys.length;
  for (const [a, b] of together) {
    if (!group.has(a) || !group.has(b)) continue;
    const [ra, rb] = [root(a), root(b)];
    if (ra === rb) continue;
    group.set(rb, ra);
    people--;
  }
  return people;
}

/** Most terms a story's centroid keeps; its lighter terms say little about what the story is (100 and 200 cluster the
 * benchmark sets alike, and the candidates' centroids are the store's largest read). */
const centroidTerms = 100;
/** Most names and numbers it keeps besides. */
const centroidNames = 16;
/** Most countries it keeps besides (an article brings at most five). */
const centroidCountries = 8;
/** Most pairs of names standing together as one person's it keeps besides. */
const centroidSamePerson = 8;
// (No country-name term `^~krn`: the article's own tell which of the names it shares are countries'.)

/** The story's centroid with one more article added: its TF-IDF vector normalised, so long texts do not dominate. */
export function addToCentroid(centroid: Record<string, [number, number]>, terms: Record<string, number>, idf: Idf): Record<string, [number, number]> {
  const weighted = Object.entries(terms).map(([t, w]) => [t, w * idf(t)] as const);
  // Words, names, countries and same-person pairs are normalised apart, as they are compared apart: an article's names
  // must not dilute its words, nor its countries or pairs its names.
  const norms = { words: 0, names: 0, countries: 0, people: 0, countryNames: 0 };
  for (const [t, w] of weighted) norms[kindOf(t)] += w * w;
  for (const k of ['words', 'names', 'countries', 'people', 'countryNames'] as const) norms[k] = Math.sqrt(norms[k]) || 1;
  const next = new Map<string, [number, number]>(Object.entries(centroid));
  for (const [t, w] of weighted) {
    const [weight, members] = next.get(t) ?? [0, 0];
    next.set(t, [Math.round((weight + w / norms[kindOf(t)]) * 1e4) / 1e4, members + 1]);
  }
  return heaviestOf(next);
}

const kindOf = (t: string) => (isCountryTerm(t) ? 'countries' : isSamePersonTerm(t) ? 'people' : isCountryNameTerm(t) ? 'countryNames' : isNameTerm(t) ? 'names' : 'words');

/** The terms a centroid keeps: its heaviest words, names, countries and same-person pairs, each up to their number. */
function heaviestOf(terms: Map<string, [number, number]>): Record<string, [number, number]> {
  const byWeight = [...terms].sort((a, b) => b[1][0] - a[1][0] || (a[0] < b[0] ? -1 : 1));
  const kept = [
    ...byWeight.filter(([t]) => kindOf(t) === 'words').slice(0, centroidTerms),
    ...byWeight.filter(([t]) => kindOf(t) === 'names').slice(0, centroidNames),
    ...byWeight.filter(([t]) => kindOf(t) === 'countries').slice(0, centroidCountries),
    ...byWeight.filter(([t]) => kindOf(t) === 'people').slice(0, centroidSamePerson),
  ];
  return Object.fromEntries(kept);
}

/** One centroid for two stories that become one: weights and article counts add up, as if each article had joined it. */
export function mergeCentroids(a: StoryProfile['centroid'], b: StoryProfile['centroid']): StoryProfile['centroid'] {
  const sum = new Map<string, [number, number]>(Object.entries(a));
  for (const [t, [w, m]] of Object.entries(b)) {
    const [w0, m0] = sum.get(t) ?? [0, 0];
    sum.set(t, [Math.round((w0 + w) * 1e4) / 1e4, m0 + m]);
  }
  return heaviestOf(sum);
}

/** A centroid's words (names and countries are compared apart, and only across languages) with their norm. */
function wordsOf(centroid: StoryProfile['centroid']): { words: Map<string, number>; norm: number } {
  const words = new Map<string, number>();
  let norm = 0;
  for (const t in centroid) {
    if (isNameTerm(t)) continue;
    const x = centroid[t]![0];
    words.set(t, x);
    norm += x * x;
  }
  return { words, norm };
}

/** Cosine of a centroid's words, read once by wordsOf, and another centroid's: one pass over the other's terms. */
function centroidCosine(a: ReturnType<typeof wordsOf>, b: StoryProfile['centroid']): number {
  let dot = 0;
  let nb = 0;
  for (const t in b) {
    if (isNameTerm(t)) continue;
    const y = b[t]![0];
    nb += y * y;
    const x = a.words.get(t);
    if (x) dot += x * y;
  }
  return a.norm && nb ? dot / Math.sqrt(a.norm * nb) : 0;
}

// Two stories can turn out to be one: headlines of one event worded apart start two stories, and a later report
// that shares words with both brings their centroids together. When a story, with the new article, meets another
// candidate's centroid at this cosine, they merge. 0.5 merges 14 pairs of stories in the UCI headlines (BCubed F1
// 0.763 to 0.790, in memory) and none in ECB+; at 0.45 ECB+'s sibling events start to merge (docs/benchmarks.md).
const convergeBar = 0.5;

/**
 * The candidates that have become one story with the placed one: their centroids meet its new centroid at the
 * convergence bar. Names-only candidates (another language) are never merged this way: their words are not compared.
 */
export function convergingStories(centroid: StoryProfile['centroid'], placedId: number | null, candidates: readonly StoryProfile[]): StoryProfile[] {
  const placed = wordsOf(centroid);
  return candidates.filter((c) => c.id !== placedId && !c.byNamesOnly && centroidCosine(placed, c.centroid) >= convergeBar);
}

/** Where an article goes, the one decision the database and the preview share; storage only answers questions. */
export const placeArticle: PlaceArticle = async (terms, index) => {
  const idf = idfOf(await index.stats(Object.keys(terms).filter(hasDocumentFrequency)));
  const lookupTerms = candidateTerms(terms, idf);
  const candidates = lookupTerms.length ? await index.candidates(lookupTerms) : [];
  const { storyId, alike = [] } = chooseStory(terms, candidates, idf);
  const previous = candidates.find((c) => c.id === storyId)?.centroid ?? {};
  const centroid = addToCentroid(previous, terms, idf);
  const converging = convergingStories(centroid, storyId, candidates);
  // The headline's near ties merge too (chooseStory, alikeRatio).
  for (const c of candidates) if (alike.includes(c.id) && !converging.includes(c)) converging.push(c);
  if (!converging.length) return { storyId, centroid, lookupTerms };
  // The oldest story stays (its posts are the first ones); the article joins it and the others merge into it.
  const ids = [...(storyId === null ? [] : [storyId]), ...converging.map((c) => c.id)].sort((a, b) => a - b);
  const merged = converging.reduce((sum, c) => mergeCentroids(sum, c.centroid), centroid);
  return { storyId: ids[0]!, centroid: merged, lookupTerms, merge: ids.slice(1) };
};

/**
 * A story's centroid from its articles, as if they had joined it one by one today (the IDF of now for all of them):
 * what a split or a merge leaves the stories with.
 */
export const rebuildCentroid: RebuildCentroid = async (articles, stats) => {
  // No country-name markers: a centroid keeps none, and reading the tagger's tables for them here would load them on
  // the main thread (a moderator's split or merge: 223 ms and ~30 MB for good).
  const terms = articles.map((a) => clusterTerms({ title: a.title, text: a.text, language: a.language ?? undefined, countries: a.countries }, { countryNames: false }));
  const idf = idfOf(await stats([...new Set(terms.flatMap((t) => Object.keys(t)))].filter(hasDocumentFrequency)));
  return terms.reduce<StoryProfile['centroid']>((centroid, t) => addToCentroid(centroid, t, idf), {});
};
