// Scores `npm run bench -- languages`: country precision, recall and F1 micro-averaged over (article, country) pairs
// per language and overall (the definition geo-metrics.ts uses for Reuters), and date accuracy where the data gives
// a date. The control language (English: the text the gold labels were read from) is reported but kept out of the
// overall score, so the overall number measures the other languages only.
import { scoreGeo } from './geo-metrics.js';

export interface ArticleOutcome {
  id: string;
  language: string;
  gold: readonly string[];
  predicted: readonly string[];
  /** Gold calendar day (YYYY-MM-DD) when the data gives a date, and what was read (undefined: nothing parsed). */
  date?: { gold: string; read: string | undefined };
}

export interface LanguageScore {
  n: number;
  precision: number;
  recall: number;
  f1: number;
  /** Only when some article of the language has a gold date. */
  dates?: { n: number; accuracy: number };
}

export interface LanguagesScore {
  overall: LanguageScore;
  languages: Record<string, LanguageScore>;
}

const round = (x: number) => Math.round(x * 10000) / 10000;

function score(outcomes: readonly ArticleOutcome[]): LanguageScore {
  const geo = scoreGeo(outcomes);
  const result: LanguageScore = { n: geo.n, precision: round(geo.precision), recall: round(geo.recall), f1: round(geo.f1) };
  const dated = outcomes.filter((o) => o.date);
  if (dated.length > 0) {
    const right = dated.filter((o) => o.date?.read === o.date?.gold).length;
    result.dates = { n: dated.length, accuracy: round(right / dated.length) };
  }
  return result;
}

export function scoreLanguages(outcomes: readonly ArticleOutcome[], control: string): LanguagesScore {
  const byLanguage = new Map<string, ArticleOutcome[]>();
  for (const o of outcomes) byLanguage.set(o.language, [...(byLanguage.get(o.language) ?? []), o]);
  const languages: Record<string, LanguageScore> = {};
  for (const language of [...byLanguage.keys()].sort()) languages[language] = score(byLanguage.get(language) ?? []);
  return { overall: score(outcomes.filter((o) => o.language !== control)), languages };
}
