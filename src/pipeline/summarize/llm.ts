// The optional LLM summarizer: one call to an OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, llama.cpp,
// Ollama, LM Studio all speak it). Its answer is only used when it obeys the same rules as the offline summary:
// 2–4 whole sentences, at most 600 characters, no furniture, and in the article's language. Anything else — timeout,
// HTTP error, malformed JSON, an answer that breaks the rules — is logged and answered by the offline summarizer, so
// a flaky model server degrades summaries instead of stopping the pipeline.
import type { Logger } from '../../logger.js';
import { otherLanguage } from '../extract/language.js';
import { askChat, unwrapAnswer, type ChatEndpoint, type ChatMessage } from '../llm/chat.js';
import { articleBlocks } from './candidates.js';
import { isFurniture } from './furniture.js';
import { MAX_SUMMARY_CHARS, MAX_SUMMARY_SENTENCES, MIN_SUMMARY_SENTENCES, joinedLength } from './limits.js';
import { endsLikeSentence, splitSentences } from './sentences.js';
import type { Summarizer, SummaryInput } from './types.js';

export interface LlmSummarizerOptions extends ChatEndpoint {
  timeoutMs?: number | undefined;
  logger?: Logger | undefined;
  /** Answers when the model cannot. */
  fallback: Summarizer;
}

/** Longest article text sent to the model: the lead matters most and long prompts cost time and money. */
const MAX_PROMPT_TEXT = 12_000;
const DEFAULT_TIMEOUT_MS = 15_000;

export function buildMessages(input: SummaryInput): ChatMessage[] {
  const language = input.language ? ` The article's language code is "${input.language}".` : '';
  const system =
    'You summarize news articles. Write a faithful summary of 2 to 4 complete sentences, at most 600 characters ' +
    `in total, in the same language as the article.${language} Use only facts stated in the article: add no ` +
    'opinion, background or detail it does not contain. Do not mention the article, its author or the website. ' +
    'Ignore navigation, advertisements, captions, bylines and calls to action. Reply with the summary only, as ' +
    'plain text: no heading, no list, no quotation marks around it.';
  const text = articleBlocks(input.text, input.language)
    .map((sentences) => sentences.join(' '))
    .join('\n\n')
    .slice(0, MAX_PROMPT_TEXT);
  return [
    { role: 'system', content: system },
    { role: 'user', content: `Title: ${input.title}\n\nArticle:\n${text}` },
  ];
}

/** A plain answer: without what models wrap around it, a "Summary:" label, or outer quotes. */
export function cleanAnswer(answer: string): string {
  return unwrapAnswer(answer)
    .replace(/^\s*(summary|résumé|resumen|zusammenfassung|резюме|краткое содержание)\s*:\s*/iu, '')
    .replace(/^\s*["“«„]([\s\S]*)["”»]\s*$/u, '$1')
    .trim();
}

/** The answer's sentences when it obeys the summary rules; otherwise why not. */
export function validateAnswer(answer: string, language?: string): { sentences: string[] } | { problem: string } {
  const sentences = splitSentences(cleanAnswer(answer), language);
  if (sentences.length < MIN_SUMMARY_SENTENCES || sentences.length > MAX_SUMMARY_SENTENCES) {
    return { problem: `answer has ${sentences.length} sentences` };
  }
  if (joinedLength(sentences) > MAX_SUMMARY_CHARS) return { problem: 'answer is longer than 600 characters' };
  if (!sentences.every(endsLikeSentence)) return { problem: 'answer does not end its sentences' };
  if (sentences.some(isFurniture)) return { problem: 'answer contains page furniture' };
  // A small model may answer in English whatever the article's language: stored under the article's language, such
  // a summary would be posted untranslated, or labelled as a language it is not in.
  const other = language ? otherLanguage(sentences.join(' '), language) : undefined;
  if (other) return { problem: `answer is in another language (${other}) than the article (${language})` };
  return { sentences };
}

export function createLlmSummarizer(options: LlmSummarizerOptions): Summarizer {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function ask(input: SummaryInput, signal: AbortSignal | undefined): Promise<string[]> {
    const text = await askChat(options, { messages: buildMessages(input), temperature: 0.2, maxTokens: 400, timeoutMs, signal }, 'summarizer');
    const checked = validateAnswer(text, input.language);
    if ('problem' in checked) throw new Error(checked.problem);
    return checked.sentences;
  }

  return {
    name: `llm:${options.model}`,
    async summarize(input, signal) {
      try {
        return await ask(input, signal);
      } catch (error) {
        // The caller gave up: no fallback, the work is no longer wanted.
        if (signal?.aborted) throw error;
        const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : error instanceof Error ? error.message : String(error);
        options.logger?.warn({ model: options.model, reason }, 'LLM summary unusable, using the offline summary');
        return options.fallback.summarize(input, signal);
      }
    },
  };
}
