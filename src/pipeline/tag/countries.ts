// Finds the countries an article is about and orders them by salience: the dateline and the title weigh most, then
// mentions early in the text, then how often a country comes back. A lone weak hint (one demonym, one city deep in
// a long text) is not enough to tag a country.
import type { AliasKind, AliasSpec } from './lexicon/alias-types.js';
import { countryLexicon } from './country-lexicon.js';
import { CORPORATE_HEADS, CORPORATE_SUFFIXES, CURRENCY_WORDS, NAME_LINKS } from './lexicon/context-words.js';
import { casingOk, isAllCaps, wordCasing, type WordCasing } from './name-casing.js';
import { looksLikePerson, nameEvidence, type NameEvidence } from './person-names.js';
import { isCaselessText, type Token } from './text.js';

/** How much one mention of each kind counts, before position weights. */
export const KIND_WEIGHT: Readonly<Record<AliasKind, number>> = {
  name: 1,
  historic: 1,
  code: 1,
  metonym: 0.8,
  capital: 0.8,
  demonym: 0.6,
  subdivision: 0.6,
  city: 0.6,
};

export interface CountryScoring {
  /** Multiplier for a mention in the title. */
  titleWeight: number;
  /** Added to the dateline's country. */
  datelineBonus: number;
  /** Mentions among the first `leadTokens` body tokens count `leadWeight` times. */
  leadTokens: number;
  leadWeight: number;
  /** A country needs at least this score to be tagged … */
  minScore: number;
  /**
   * … or this much in a story with a dateline. Wire copy names many places in passing (markets, meeting venues,
   * comparisons); once a dateline anchors the story, a country mentioned once or twice is rarely what it is about.
   */
  minScoreWithDateline: number;
  /** … and at least this share of the top country's score. */
  minShare: number;
  /** When no country reaches the thresholds, the best one is still tagged if it scores this much. */
  minFallbackScore: number;
  maxCountries: number;
  /**
   * The k-th use of the same alias for a country counts k^-repeatDecay of its weight: frequency matters, but
   * twenty "Russian …" do not outweigh a country named, called by its capital and by its people.
   */
  repeatDecay: number;
}

export const DEFAULT_COUNTRY_SCORING: CountryScoring = {
  titleWeight: 3,
  datelineBonus: 6,
  leadTokens: 60,
  leadWeight: 1.5,
  minScore: 1,
  minScoreWithDateline: 2.5,
  minShare: 0,
  minFallbackScore: 0.5,
  maxCountries: 10,
  repeatDecay: 0.5,
};

export interface Segment {
  tokens: readonly Token[];
  /** Position weight of every mention in this segment (title: titleWeight). */
  weight: number;
  /** Body segments get the lead bonus on their first tokens. */
  lead: boolean;
  /** A headline, which may be in title case ("Israel Strikes Hezbollah Targets"): running text never is. */
  headline?: boolean;
}

export interface Mention {
  country: string;
  spec: AliasSpec;
  /** Weight of this mention after kind and position. */
  score: number;
  /** Order of appearance over all segments, for ties. */
  order: number;
}

/** A mention inside a company name or before a currency counts this share of a plain one. */
export const WEAK_CONTEXT_FACTOR = 0.3;

function inCompanyName(tokens: readonly Token[], start: number, end: number, allCaps: boolean): boolean {
  // Forward: the capitalized words that continue the name, up to a corporate suffix.
  for (let i = end; i < Math.min(tokens.length, end + (allCaps ? 2 : 4)); i++) {
    const t = tokens[i] as Token;
    if (t.afterPunct && !(i === end && t.key === 's')) break;
    if (!t.cap && !NAME_LINKS.has(t.key)) break;
    if (CORPORATE_SUFFIXES.has(t.key)) return true;
  }
  // In an all-capitals headline every word looks like part of a name ("CREDIT GUARANTEES FOR HUNGARY").
  if (allCaps) return false;
  // Backward: a bank or company word that opens the name ("Bank of Tokyo", "Banque Nationale de Paris").
  for (let i = start - 1; i >= Math.max(0, start - 4); i--) {
    const t = tokens[i] as Token;
    const after = tokens[i + 1] as Token;
    if (after.afterPunct) break;
    if (!t.cap && !NAME_LINKS.has(t.key)) break;
    if (CORPORATE_HEADS.has(t.key)) return true;
  }
  return false;
}

function contextFactor(tokens: readonly Token[], start: number, end: number, allCaps: boolean): number {
  const next = tokens[end];
  if (next && CURRENCY_WORDS.has(next.key)) return WEAK_CONTEXT_FACTOR;
  return inCompanyName(tokens, start, end, allCaps) ? WEAK_CONTEXT_FACTOR : 1;
}

/** An article's country mentions, and the firm evidence among them that decides a name needing support. */
export interface FoundMentions {
  mentions: Mention[];
  evidence: Evidence;
}

/**
 * Every country mention in the segments, in reading order, with its weighted score; and their firm evidence, weighed
 * once here for both the mentions and the dateline's qualifier (supportedCountry).
 */
export function findMentions(segments: readonly Segment[], scoring: CountryScoring = DEFAULT_COUNTRY_SCORING, language?: string): FoundMentions {
  const { matcher } = countryLexicon();
  const mentions: Mention[] = [];
  let order = 0;
  // Built at the first match its own casing cannot decide (a sentence-initial Turkey, a Jordan before a capital).
  let casing: WordCasing | undefined;
  const articleCasing = () => (casing ??= wordCasing(segments));
  let names: NameEvidence | undefined;
  const articleNames = () => (names ??= nameEvidence(segments, articleCasing()));
  // The words read as a person's name somewhere in the text ("jordan" in "Jordan Pickford"), and the mentions that
  // might be that person on their own.
  const personWords = new Set<string>();
  const namesakes = new Map<Mention, string>();
  for (const segment of segments) {
    const { tokens } = segment;
    const caseless = isCaselessText(tokens);
    const allCaps = isAllCaps(tokens);
    const headline = segment.headline === true;
    for (const match of matcher.match(tokens)) {
      const spec = match.values[0] as AliasSpec;
      if (!spec.country) continue;
      if (spec.languages && !(language && spec.languages.includes(language))) continue;
      if (!casingOk(spec, tokens, match.start, match.end, caseless, allCaps, articleCasing)) continue;
      if (spec.tail && !spec.tail.ending.test((tokens[match.start] as Token).key.slice(spec.tail.after))) continue;
      const next = tokens[match.end];
      if (spec.notBefore && next && spec.notBefore.includes(next.key)) continue;
      const { start, end } = match;
      const ambiguous = spec.person === true || spec.firstName === true || spec.translated === true;
      const word = ambiguous ? wordsOf(tokens, start, end) : '';
      if (ambiguous && looksLikePerson(spec, { tokens, start, end, allCaps, headline, casing: articleCasing, names: articleNames }, language)) {
        personWords.add(word);
        continue;
      }
      const lead = segment.lead && match.start < scoring.leadTokens ? scoring.leadWeight : 1;
      const context = contextFactor(tokens, match.start, match.end, allCaps);
      const mention = { country: spec.country, spec, score: KIND_WEIGHT[spec.kind] * segment.weight * lead * context, order: order++ };
      mentions.push(mention);
      if (ambiguous) namesakes.set(mention, word);
    }
  }
  dropNamesakes(mentions, namesakes, personWords);
  // Moving a mention to its fallback keeps its spec, and mentions that need support are no firm evidence: the
  // evidence of the mentions before resolveSupport is that of those after it.
  const evidence = firmEvidence(mentions);
  return { mentions: resolveSupport(mentions, evidence), evidence };
}

const wordsOf = (tokens: readonly Token[], start: number, end: number): string =>
  tokens.slice(start, end).map((t) => t.key).join(' ');

/**
 * Once the text names a person by a word that is also a country's ("Jordan Pickford", "Michael Jordan"), that word on
 * its own is the same person ("Jordan was outstanding in goal"), unless the text names the country some other way too
 * (its capital, its people): then it may be either, and stays the country's.
 */
function dropNamesakes(mentions: Mention[], namesakes: ReadonlyMap<Mention, string>, personWords: ReadonlySet<string>): void {
  if (personWords.size === 0) return;
  const otherwise = new Set(mentions.filter((m) => !personWords.has(namesakes.get(m) ?? '')).map((m) => m.country));
  for (let i = mentions.length - 1; i >= 0; i--) {
    const m = mentions[i] as Mention;
    if (personWords.has(namesakes.get(m) ?? '') && !otherwise.has(m.country)) mentions.splice(i, 1);
  }
}

/** The firm evidence (mentions that need no support) for each country, and the part of it that is places. */
export interface Evidence {
  firm: ReadonlyMap<string, number>;
  places: ReadonlyMap<string, number>;
}

/** A text without mentions: a dateline read on its own. */
export const NO_EVIDENCE: Evidence = { firm: new Map(), places: new Map() };

function firmEvidence(mentions: readonly Mention[]): Evidence {
  const firm = new Map<string, number>();
  const places = new Map<string, number>();
  for (const m of mentions) {
    if (m.spec.support) continue;
    firm.set(m.country, (firm.get(m.country) ?? 0) + m.score);
    if (m.spec.kind === 'city' || m.spec.kind === 'subdivision') places.set(m.country, (places.get(m.country) ?? 0) + m.score);
  }
  return { firm, places };
}

/** Whether a name that needs support (Georgia) keeps its own country against this evidence. */
function isSupported(spec: AliasSpec, { firm, places }: Evidence): boolean {
  // A neighbour is indirect evidence (the country is near it), the fallback's own places direct: half weight.
  const forIt = (firm.get(spec.country) ?? 0) + (spec.support ?? []).reduce((sum, c) => sum + (firm.get(c) ?? 0), 0) / 2;
  const against = spec.fallback ? (places.get(spec.fallback) ?? 0) : 0;
  return forIt > 0 && forIt >= against;
}

/**
 * The country a name that needs support (Georgia) means in a text with this evidence (findMentions), by the same
 * rule as its mentions in running text: its own when supported, else its fallback, if any; `ifNone` when the text has
 * no evidence for either. For a dateline's qualifier.
 */
export function supportedCountry(spec: AliasSpec, evidence: Evidence, ifNone = spec.fallback): string | undefined {
  if (!spec.support) return spec.country;
  if (isSupported(spec, evidence)) return spec.country;
  const against = spec.fallback ? (evidence.places.get(spec.fallback) ?? 0) : 0;
  return against > 0 ? spec.fallback : ifNone;
}

/**
 * Mentions that need support (Georgia) keep their country when the text's firm evidence for it and its listed
 * neighbours (at half weight) outweighs the evidence for their fallback; otherwise they move to the fallback, or are
 * dropped. The fallback's evidence is its places (Atlanta, Alabama), not its name: a story about the country often
 * names the US as a foreign actor ("the U.S. condemned the law"), a story about the state names other places of it.
 * Weighed, not just present: one passing "Russia" in a story of a Senate runoff in Atlanta does not make it the
 * country's.
 */
function resolveSupport(mentions: Mention[], evidence: Evidence): Mention[] {
  const out: Mention[] = [];
  for (const m of mentions) {
    if (!m.spec.support || isSupported(m.spec, evidence)) out.push(m);
    else if (m.spec.fallback) out.push({ ...m, country: m.spec.fallback, score: m.score * KIND_WEIGHT.subdivision });
  }
  return out;
}

export interface ScoredCountry {
  code: string;
  score: number;
  first: number;
}

/** Countries by salience, strongest first, with weak ones cut. */
export function rankCountries(mentions: readonly Mention[], datelineCountry: string | undefined, scoring: CountryScoring = DEFAULT_COUNTRY_SCORING): ScoredCountry[] {
  const byCode = new Map<string, ScoredCountry>();
  // Repetition decays per alias, not per country: a country named, called by its capital and by its people is more
  // central than one whose adjective recurs ("Russian journalists", "Russian police", "Russian media" …).
  const repeats = new Map<string, number>();
  for (const m of mentions) {
    const key = `${m.country} ${m.spec.phrase}`;
    const k = (repeats.get(key) ?? 0) + 1;
    repeats.set(key, k);
    const score = m.score * k ** -scoring.repeatDecay;
    const entry = byCode.get(m.country);
    if (entry) entry.score += score;
    else byCode.set(m.country, { code: m.country, score, first: m.order });
  }
  if (datelineCountry) {
    const entry = byCode.get(datelineCountry);
    if (entry) {
      entry.score += scoring.datelineBonus;
      entry.first = -1;
    } else byCode.set(datelineCountry, { code: datelineCountry, score: scoring.datelineBonus, first: -1 });
  }
  const ranked = [...byCode.values()].sort((a, b) => b.score - a.score || a.first - b.first);
  const top = ranked[0]?.score ?? 0;
  const min = datelineCountry ? scoring.minScoreWithDateline : scoring.minScore;
  const kept = ranked.filter((c) => c.code === datelineCountry || (c.score >= min && c.score >= top * scoring.minShare));
  // With nothing firm, the best weak hint ("U.S. Shoe Inc", a lone city) still beats no tag at all.
  const best = ranked[0];
  if (kept.length === 0 && best && best.score >= scoring.minFallbackScore) kept.push(best);
  return kept.slice(0, scoring.maxCountries);
}
