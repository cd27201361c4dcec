// The summarize stage: 2–4 whole sentences of at most 600 characters, offline by default, optionally from an
// OpenAI-compatible LLM that falls back to the offline summary whenever its answer is unusable.
import type { Logger } from '../../logger.js';
import { createLlmSummarizer } from './llm.js';
import { createOfflineSummarizer } from './offline.js';
import type { Summarizer } from './types.js';

export type { Summarizer, SummaryInput } from './types.js';
export { joinSummary, MAX_SUMMARY_CHARS, MAX_SUMMARY_SENTENCES, MIN_SUMMARY_SENTENCES } from './limits.js';
export { splitSentences } from './sentences.js';
export { createOfflineSummarizer, summarizeOffline } from './offline.js';
export { createLlmSummarizer } from './llm.js';

export interface SummarizerOptions {
  /** `SUMMARIZER_URL`: base URL of an OpenAI-compatible API (`http://host/v1`). Without it, summaries are offline. */
  url?: string | undefined;
  /** `SUMMARIZER_MODEL`: required with `url`. */
  model?: string | undefined;
  /** `SUMMARIZER_API_KEY`: sent as a Bearer token when set. */
  apiKey?: string | undefined;
  /** `SUMMARIZER_TIMEOUT_MS`: how long to wait for the model before using the offline summary. */
  timeoutMs?: number | undefined;
  logger?: Logger | undefined;
  fetch?: typeof fetch | undefined;
}

export function createSummarizer(options: SummarizerOptions = {}): Summarizer {
  const offline = createOfflineSummarizer();
  if (!options.url) return offline;
  if (!options.model) {
    options.logger?.warn('SUMMARIZER_URL is set without SUMMARIZER_MODEL: using the offline summarizer');
    return offline;
  }
  return createLlmSummarizer({
    url: options.url,
    model: options.model,
    apiKey: options.apiKey,
    timeoutMs: options.timeoutMs,
    logger: options.logger,
    fetch: options.fetch,
    fallback: offline,
  });
}
