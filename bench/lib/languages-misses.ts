// Why `npm run bench -- languages` missed or added a country. A missed country either was never recognised in the
// text (a lexicon gap: the language's name, inflection or city is unknown) or was recognised but scored below the
// tagger's thresholds (a salience cut, the same in every language); a wrong one shows the phrase that produced it.
// The mentions come from the tagger's own findMentions, so the explanation cannot drift from what tagArticle does.
import { DEFAULT_COUNTRY_SCORING, findMentions } from '../../src/pipeline/tag/countries.js';
import { articleSegments } from '../../src/pipeline/tag/tag-article.js';
import { tokenize } from '../../src/pipeline/tag/text.js';
import type { ArticleOutcome } from './languages-metrics.js';

/** Country → the phrases that mentioned it, as tagArticle sees the article (title and body segments alike). */
export function mentionsByCountry(title: string, text: string, language?: string): Map<string, string[]> {
  const segments = articleSegments(tokenize(title), tokenize(text));
  const byCountry = new Map<string, string[]>();
  for (const m of findMentions(segments, DEFAULT_COUNTRY_SCORING, language).mentions) {
    const phrases = byCountry.get(m.country) ?? [];
    if (!phrases.includes(m.spec.phrase)) phrases.push(m.spec.phrase);
    byCountry.set(m.country, phrases);
  }
  return byCountry;
}

export interface ExplainedOutcome extends ArticleOutcome {
  /** Gold countries not predicted: the phrases found for each (none: never recognised). */
  missing: Record<string, string[]>;
  /** Predicted countries not in gold, with the phrases that produced them. */
  wrong: Record<string, string[]>;
}

export function explain(outcome: ArticleOutcome, mentions: Map<string, string[]>): ExplainedOutcome {
  const missing: Record<string, string[]> = {};
  const wrong: Record<string, string[]> = {};
  for (const c of outcome.gold) if (!outcome.predicted.includes(c)) missing[c] = mentions.get(c) ?? [];
  for (const c of outcome.predicted) if (!outcome.gold.includes(c)) wrong[c] = mentions.get(c) ?? [];
  return { ...outcome, missing, wrong };
}

export interface MissTally {
  country: string;
  count: number;
  /** For misses: how many of them were recognised but cut by the thresholds. */
  cut?: number;
  phrases: string[];
  example: string;
}

function top(entries: Map<string, MissTally>, k: number): MissTally[] {
  return [...entries.values()].sort((a, b) => b.count - a.count || a.country.localeCompare(b.country)).slice(0, k);
}

/** Per language, the `k` countries most often missed and most often added wrongly. */
export function tallyMisses(outcomes: readonly ExplainedOutcome[], k = 3): Record<string, { missing: MissTally[]; wrong: MissTally[] }> {
  const byLanguage = new Map<string, { missing: Map<string, MissTally>; wrong: Map<string, MissTally> }>();
  const add = (table: Map<string, MissTally>, country: string, phrases: string[], id: string, isMiss: boolean) => {
    const t = table.get(country) ?? { country, count: 0, ...(isMiss ? { cut: 0 } : {}), phrases: [], example: id };
    t.count++;
    if (isMiss && phrases.length > 0) t.cut = (t.cut ?? 0) + 1;
    for (const p of phrases) if (!t.phrases.includes(p)) t.phrases.push(p);
    table.set(country, t);
  };
  for (const o of outcomes) {
    const entry = byLanguage.get(o.language) ?? { missing: new Map(), wrong: new Map() };
    for (const [c, phrases] of Object.entries(o.missing)) add(entry.missing, c, phrases, o.id, true);
    for (const [c, phrases] of Object.entries(o.wrong)) add(entry.wrong, c, phrases, o.id, false);
    byLanguage.set(o.language, entry);
  }
  const out: Record<string, { missing: MissTally[]; wrong: MissTally[] }> = {};
  for (const language of [...byLanguage.keys()].sort()) {
    const entry = byLanguage.get(language);
    if (entry) out[language] = { missing: top(entry.missing, k), wrong: top(entry.wrong, k) };
  }
  return out;
}
