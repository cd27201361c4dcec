// The offline summarizer: extractive, no network, any language. When the text holds no usable sentence it returns
// what there is, in order of preference: a short sentence, a line without final punctuation, the title. It never
// writes words of its own.
import { articleBlocks, candidatesOfBlocks, type CandidateOptions } from './candidates.js';
import { DEFAULT_WEIGHTS, selectSentences, type ExtractiveWeights } from './extractive.js';
import { joinSummary } from './limits.js';
import type { Summarizer, SummaryInput } from './types.js';

/** Text past this is not read: the summary comes from the lead, and a huge page must not block the event loop. */
const MAX_TEXT = 100_000;

/** The text up to MAX_TEXT, cut at a line break so no half sentence is left at the end. */
function leadingText(text: string): string {
  if (text.length <= MAX_TEXT) return text;
  const head = text.slice(0, MAX_TEXT);
  const lineBreak = head.lastIndexOf('\n');
  return lineBreak > 0 ? head.slice(0, lineBreak) : head;
}

export function summarizeOffline(input: SummaryInput, weights: ExtractiveWeights = DEFAULT_WEIGHTS): string[] {
  const title = input.title.replace(/\s+/gu, ' ').trim();
  const text = leadingText(input.text);
  const attempts: CandidateOptions[] = [{}, { allowShort: true }, { allowShort: true, allowUnterminated: true }];
  const blocks = articleBlocks(text, input.language);
  for (const options of attempts) {
    const picked = selectSentences(candidatesOfBlocks(title, blocks, options), title, weights);
    if (picked.length > 0) return picked;
  }
  // joinSummary only shortens a title longer than the whole summary may be.
  return title === '' ? [] : [joinSummary([title])];
}

export function createOfflineSummarizer(weights: ExtractiveWeights = DEFAULT_WEIGHTS): Summarizer {
  return {
    name: 'extractive',
    cpuOnly: weights === DEFAULT_WEIGHTS,
    summarize: (input) => Promise.resolve(summarizeOffline(input, weights)),
  };
}
