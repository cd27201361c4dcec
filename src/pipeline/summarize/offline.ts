// The offline summarizer: extractive, no network, any language. When the text holds no usable sentence it returns
// what there is, in order of preference: a short sentence, a line without final punctuation, the title. It never
// writes words of its own.
import { candidateSentences, type CandidateOptions } from './candidates.js';
import { DEFAULT_WEIGHTS, selectSentences, type ExtractiveWeights } from './extractive.js';
import { joinSummary } from './limits.js';
import type { Summarizer, SummaryInput } from './types.js';

export function summarizeOffline(input: SummaryInput, weights: ExtractiveWeights = DEFAULT_WEIGHTS): string[] {
  const title = input.title.replace(/\s+/gu, ' ').trim();
  const attempts: CandidateOptions[] = [{}, { allowShort: true }, { allowShort: true, allowUnterminated: true }];
  for (const options of attempts) {
    const picked = selectSentences(candidateSentences(title, input.text, input.language, options), title, weights);
    if (picked.length > 0) return picked;
  }
  // joinSummary only shortens a title longer than the whole summary may be.
  return title === '' ? [] : [joinSummary([title])];
}

export function createOfflineSummarizer(weights: ExtractiveWeights = DEFAULT_WEIGHTS): Summarizer {
  return {
    name: 'extractive',
    summarize: (input) => Promise.resolve(summarizeOffline(input, weights)),
  };
}
