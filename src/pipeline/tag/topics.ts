// Topic tags from the documented lexicon (./topic-lexicon.ts, docs/topics.md): every cue found in the title and
// text adds points, repeats of the same cue count less and less, and only the few strongest topics are returned.
import { PhraseMatcher } from './phrase-matcher.js';
import type { Token } from './text.js';
import { TOPIC_BLOCKING_PHRASES, TOPICS } from './topic-lexicon.js';

interface Cue {
  topic: string;
  points: number;
  /** Identifies the lexicon entry, so repeats of one cue decay together. */
  id: number;
  /** The entry's word without a plural ending: "match" and "matches" are one piece of evidence, not two. */
  word: string;
}

const wordOf = (phrase: string): string => phrase.replace(/\*$/u, '').replace(/(?<=\w\w\w)(es|s)$/u, '');

export interface TopicScoring {
  strongPoints: number;
  cuePoints: number;
  titleWeight: number;
  leadTokens: number;
  leadWeight: number;
  /** The k-th occurrence of the same cue counts k^-repeatDecay. */
  repeatDecay: number;
  /** A topic needs this many points … */
  minScore: number;
  /** … and this share of the best topic's points. */
  minShare: number;
  maxTopics: number;
}

export const DEFAULT_TOPIC_SCORING: TopicScoring = {
  strongPoints: 2,
  cuePoints: 1,
  titleWeight: 3,
  leadTokens: 60,
  leadWeight: 1.5,
  repeatDecay: 0.5,
  minScore: 4,
  minShare: 0.4,
  maxTopics: 3,
};

let matcher: PhraseMatcher<Cue> | undefined;

function topicMatcher(scoring: TopicScoring): PhraseMatcher<Cue> {
  if (matcher) return matcher;
  const m = new PhraseMatcher<Cue>();
  let id = 0;
  for (const phrase of TOPIC_BLOCKING_PHRASES) m.add(phrase, { topic: '', points: 0, id: id++, word: '' });
  for (const topic of TOPICS) {
    for (const phrase of topic.strong) m.add(phrase, { topic: topic.slug, points: scoring.strongPoints, id: id++, word: wordOf(phrase) });
    for (const phrase of topic.cues) m.add(phrase, { topic: topic.slug, points: scoring.cuePoints, id: id++, word: wordOf(phrase) });
  }
  matcher = m;
  return m;
}

/**
 * Whether a topic's cues are evidence enough: a distinctive phrase, or two different supporting words. One supporting
 * word, however often repeated, is not: "season" is a TV series' or a harvest's as well as a league's, "court" a
 * food court's, "app" any story's.
 */
function enoughEvidence(evidence: { words: Set<string>; strong: boolean }): boolean {
  return evidence.strong || evidence.words.size >= 2;
}

/** Points per topic slug, strongest first; a topic without enoughEvidence is left out. */
export function scoreTopics(title: readonly Token[], body: readonly Token[], scoring: TopicScoring = DEFAULT_TOPIC_SCORING): [string, number][] {
  const m = topicMatcher(DEFAULT_TOPIC_SCORING);
  const scores = new Map<string, number>();
  const repeats = new Map<number, number>();
  const found = new Map<string, { words: Set<string>; strong: boolean }>();
  const scan = (tokens: readonly Token[], weight: number, lead: boolean) => {
    for (const match of m.match(tokens)) {
      const position = lead && match.start < scoring.leadTokens ? scoring.leadWeight : 1;
      // One phrase can be a cue for two topics ("sanctions": trade and diplomacy); each gets its points.
      for (const cue of match.values) {
        if (!cue.topic) continue;
        const k = (repeats.get(cue.id) ?? 0) + 1;
        repeats.set(cue.id, k);
        const strong = cue.points === DEFAULT_TOPIC_SCORING.strongPoints;
        const evidence = found.get(cue.topic) ?? { words: new Set<string>(), strong: false };
        evidence.words.add(cue.word);
        evidence.strong ||= strong;
        found.set(cue.topic, evidence);
        const points = strong ? scoring.strongPoints : scoring.cuePoints;
        scores.set(cue.topic, (scores.get(cue.topic) ?? 0) + points * weight * position * k ** -scoring.repeatDecay);
      }
    }
  };
  scan(title, scoring.titleWeight, false);
  scan(body, 1, true);
  return [...scores.entries()].filter(([topic]) => enoughEvidence(found.get(topic)!)).sort((a, b) => b[1] - a[1]);
}

/** The few strongest topics of an article, as lexicon slugs. */
export function rankTopics(title: readonly Token[], body: readonly Token[], scoring: TopicScoring = DEFAULT_TOPIC_SCORING): string[] {
  const ranked = scoreTopics(title, body, scoring);
  const top = ranked[0]?.[1] ?? 0;
  return ranked
    .filter(([, score]) => score >= scoring.minScore && score >= top * scoring.minShare)
    .slice(0, scoring.maxTopics)
    .map(([slug]) => slug);
}
