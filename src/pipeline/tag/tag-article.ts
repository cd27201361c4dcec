// The tag stage's entry point: countries (most salient first), the regions they and the text imply, and the few
// strongest topics.
import type { ArticleTags } from '../types.js';
import { DEFAULT_COUNTRY_SCORING, findMentions, rankCountries, type CountryScoring, type Segment } from './countries.js';
import { datelineCountry, leadingDateline } from './dateline.js';
import { defaultRegions, rankRegions, type RegionDefinition } from './regions.js';
import { rankTopics } from './topics.js';
import { tokenize } from './text.js';

export interface TagInput {
  title: string;
  text: string;
  /** The place line of a wire story ("NEW YORK, March 3 -"); read from the text's opening when absent. */
  dateline?: string | undefined;
  /** ISO 639-1, when known: some names count only in their own language (Turkic endings, Latin abbreviations). */
  language?: string | undefined;
}

export interface TagOptions {
  countryScoring?: CountryScoring;
}

/** The two segments an article's countries are found in: its headline (weighted) and its body (which leads). */
export function articleSegments(titleTokens: Segment['tokens'], bodyTokens: Segment['tokens'], scoring: CountryScoring = DEFAULT_COUNTRY_SCORING): Segment[] {
  return [
    { tokens: titleTokens, weight: scoring.titleWeight, lead: false, headline: true },
    { tokens: bodyTokens, weight: 1, lead: true },
  ];
}

function analyse(input: TagInput, options: TagOptions) {
  const scoring = options.countryScoring ?? DEFAULT_COUNTRY_SCORING;
  const titleTokens = tokenize(input.title);
  const bodyTokens = tokenize(input.text);
  const segments = articleSegments(titleTokens, bodyTokens, scoring);
  const dateline = input.dateline?.trim() || leadingDateline(input.text);
  const { mentions, evidence } = findMentions(segments, scoring, input.language);
  const fromDateline = dateline ? datelineCountry(dateline, evidence) : undefined;
  const countries = rankCountries(mentions, fromDateline, scoring);
  return { countries, titleTokens, bodyTokens };
}

/**
 * Tags one article. `regions` replaces the default region set (a guild's own definitions); countries are ISO 3166-1
 * alpha-2 codes, most salient first; regions are slugs, most salient first; topics come from docs/topics.md.
 */
export function tagArticle(input: TagInput, regions: readonly RegionDefinition[] = defaultRegions, options: TagOptions = {}): ArticleTags {
  const { countries, titleTokens, bodyTokens } = analyse(input, options);
  return {
    countries: countries.map((c) => c.code),
    regions: rankRegions(countries, titleTokens, bodyTokens, regions),
    topics: rankTopics(titleTokens, bodyTokens),
  };
}
