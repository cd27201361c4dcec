// The optional LLM summarizer: one call to an OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, llama.cpp,
// Ollama, LM Studio all speak it). Its answer is only used when it obeys the same rules as the offline summary:
// 2–4 whole sentences, at most 600 characters, no furniture. Anything else — timeout, HTTP error, malformed JSON,
// an answer that breaks the rules — is logged and answered by the offline summarizer, so a flaky model server
// degrades summaries instead of stopping the pipeline.
import type { Logger } from '../../logger.js';
import { articleBlocks } from './candidates.js';
import { isFurniture } from './furniture.js';
import { MAX_SUMMARY_CHARS, MAX_SUMMARY_SENTENCES, MIN_SUMMARY_SENTENCES, joinedLength } from './limits.js';
import { endsLikeSentence, splitSentences } from './sentences.js';
import type { Summarizer, SummaryInput } from './types.js';

export interface LlmSummarizerOptions {
  /** Base URL of the API, e.g. `http://127.0.0.1:8080/v1`; requests go to `{url}/chat/completions`. */
  url: string;
  model: string;
  apiKey?: string | undefined;
  timeoutMs?: number | undefined;
  logger?: Logger | undefined;
  fetch?: typeof fetch | undefined;
  /** Answers when the model cannot. */
  fallback: Summarizer;
}

/** Longest article text sent to the model: the lead matters most and long prompts cost time and money. */
const MAX_PROMPT_TEXT = 12_000;
const DEFAULT_TIMEOUT_MS = 15_000;

export function buildMessages(input: SummaryInput): { role: 'system' | 'user'; content: string }[] {
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

/** What a model wraps around a plain answer: reasoning blocks, code fences, a "Summary:" label, outer quotes. */
export function cleanAnswer(answer: string): string {
  return answer
    .replace(/<think>[\s\S]*?<\/think>/giu, '')
    .replace(/^\s*```[\w-]*\s*|\s*```\s*$/gu, '')
    .replace(/^\s*(\*\*)?(summary|résumé|resumen|zusammenfassung|резюме|краткое содержание)(\*\*)?\s*:\s*/iu, '')
    .replace(/^\s*["“«„]([\s\S]*)["”»]\s*$/u, '$1')
    .replace(/\*\*|__/gu, '')
    .replace(/\s*\n\s*/gu, ' ')
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
  return { sentences };
}

function answerText(body: unknown): string | undefined {
  const choices = (body as { choices?: unknown } | null)?.choices;
  if (!Array.isArray(choices)) return undefined;
  const content = (choices[0] as { message?: { content?: unknown } } | undefined)?.message?.content;
  return typeof content === 'string' ? content : undefined;
}

export function createLlmSummarizer(options: LlmSummarizerOptions): Summarizer {
  const endpoint = `${options.url.replace(/\/+$/u, '')}/chat/completions`;
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function ask(input: SummaryInput, signal: AbortSignal | undefined): Promise<string[]> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const response = await doFetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
      },
      body: JSON.stringify({ model: options.model, messages: buildMessages(input), temperature: 0.2, max_tokens: 400 }),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`summarizer answered HTTP ${response.status}`);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new Error('summarizer answer is not JSON');
    }
    const text = answerText(body);
    if (text === undefined) throw new Error('summarizer answer has no message content');
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
