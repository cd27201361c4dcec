// The offline summarizer: extractive, no network, any language. When the text holds no usable sentence it returns
// what there is, in order of preference: a short sentence, a line without final punctuation, for Thai and Lao the
// start of a long line cut at a space, the title. It never writes words of its own.
import { articleBlocks, candidatesOfBlocks, type CandidateOptions } from './candidates.js';
import { DEFAULT_WEIGHTS, selectSentences, type ExtractiveWeights } from './extractive.js';
import { joinSummary, MAX_SUMMARY_CHARS, mostlyWrittenIn } from './limits.js';
import { clipPhrase } from '../../text/clip.js';
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


/** The text cut with an ellipsis at the last space that keeps at least half of `max`, else at a word (clipPhrase). */
function cutAtSpace(text: string, max: number): string {
  if (text.length <= max) return text;
  const space = text.lastIndexOf(' ', max - 1);
  if (space < max / 2) return clipPhrase(text, max);
  return `${text.slice(0, space).replace(/[\s,;:–—-]+$/u, '')}…`;
}

export function summarizeOffline(input: SummaryInput, weights: ExtractiveWeights = DEFAULT_WEIGHTS): string[] {
  const title = input.title.replace(/\s+/gu, ' ').trim();
  const text = leadingText(input.text);
  const attempts: CandidateOptions[] = [{}, { allowShort: true }, { allowShort: true, allowUnterminated: true }];
  const blocks = articleBlocks(text, input.language);
  let candidates: ReturnType<typeof candidatesOfBlocks> = [];
  for (const options of attempts) {
    candidates = candidatesOfBlocks(title, blocks, options);
    const picked = selectSentences(candidates, title, weights);
    if (picked.length > 0) return picked;
  }
  // Every line longer than a summary may be. Thai and Lao end a sentence with a space, not a stop, so a paragraph of
  // theirs is one "sentence" here: its start, cut at a space (where a Thai sentence or clause ends), says more than the
  // title alone. A giant sentence of another script is no summary cut anywhere: the title stands. (The last attempt's
  // candidates, the widest.)
  const [lead] = candidates;
  if (lead && mostlyWrittenIn(lead.text, /[\p{Script=Thai}\p{Script=Lao}]/gu)) return [cutAtSpace(lead.text, MAX_SUMMARY_CHARS)];
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
