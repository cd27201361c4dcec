// One call to an OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, llama.cpp, Ollama, LM Studio all speak
// it), shared by the optional LLM summarizer and the optional translator: both send a system and a user message and
// want the answer's text, or an error that says in words what went wrong. What each does with a failure (fall back
// to the offline summary, post the original untranslated) is its own business.
import { readCapped } from '../../read-capped.js';
import { basicAuthorization, redactUrl } from '../fetch/url-guard.js';

export interface ChatEndpoint {
  /** Base URL of the API, e.g. `http://127.0.0.1:11434/v1`; requests go to `{url}/chat/completions`. */
  url: string;
  model: string;
  apiKey?: string | undefined;
  fetch?: typeof fetch | undefined;
}

export type ChatMessage = { role: 'system' | 'user'; content: string };

export interface ChatRequest {
  messages: ChatMessage[];
  temperature: number;
  maxTokens: number;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

interface Answer {
  text: string | undefined;
  finishReason: unknown;
}

function firstChoice(body: unknown): Answer {
  const choices = (body as { choices?: unknown } | null)?.choices;
  if (!Array.isArray(choices)) return { text: undefined, finishReason: undefined };
  const choice = choices[0] as { message?: { content?: unknown }; finish_reason?: unknown } | undefined;
  const content = choice?.message?.content;
  return { text: typeof content === 'string' ? content : undefined, finishReason: choice?.finish_reason };
}

/**
 * The most of an answer read: a summary or a translation is a few kilobytes; an endpoint answering hundreds of
 * megabytes (a broken proxy, a loop) ran the bot out of memory while it parsed them.
 */
const maxAnswerBytes = 1024 * 1024;

/** Whether a reasoning block opens and never closes: the model stopped while still thinking aloud. */
function unfinishedReasoning(text: string): boolean {
  const lower = text.toLowerCase();
  const open = lower.lastIndexOf('<think>');
  return open >= 0 && !lower.includes('</think>', open);
}

/**
 * The model's answer as text. Throws on HTTP errors, a body that is not JSON, no message content, or an answer cut
 * off by the token limit, naming `what` ("summarizer", "translator") in the error; a timeout surfaces as the
 * platform's `TimeoutError`.
 */
export async function askChat(endpoint: ChatEndpoint, request: ChatRequest, what: string): Promise<string> {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  // A user name and password in the URL (a model behind a proxy with basic auth): fetch refuses such a URL, and its
  // error, logged, printed them. Sent as the header they stand for; an API key's Bearer header goes first.
  const url = new URL(`${endpoint.url.replace(/\/+$/u, '')}/chat/completions`);
  const authorization = endpoint.apiKey ? `Bearer ${endpoint.apiKey}` : basicAuthorization(url);
  const response = await (endpoint.fetch ?? fetch)(redactUrl(url), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(authorization ? { authorization } : {}),
    },
    body: JSON.stringify({ model: endpoint.model, messages: request.messages, temperature: request.temperature, max_tokens: request.maxTokens }),
    signal,
  });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`${what} answered HTTP ${response.status}`);
  }
  let body: unknown;
  try {
    const bytes = response.body ? await readCapped(response.body as unknown as AsyncIterable<Uint8Array>, maxAnswerBytes) : Buffer.alloc(0);
    if (!bytes) throw new Error(`${what} answer is larger than ${maxAnswerBytes / 1024 / 1024} MB`);
    body = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    if (signal.aborted || (error instanceof Error && error.message.includes('larger than'))) throw error;
    throw new Error(`${what} answer is not JSON`);
  }
  const { text, finishReason } = firstChoice(body);
  if (text === undefined) throw new Error(`${what} answer has no message content`);
  // An answer stopped by max_tokens reads as complete once cleaned (a summary one sentence short, a translation
  // missing its end, or a reasoning model's thoughts with no answer after them), so it is no answer at all.
  if (finishReason === 'length') throw new Error(`${what} answer was cut off at the token limit`);
  // Some servers do not say why they stopped; an open <think> is the same cut-off, and unwrapAnswer would keep it.
  if (unfinishedReasoning(text)) throw new Error(`${what} answer stops inside its reasoning`);
  return text;
}

/** What models wrap around a plain answer: reasoning blocks, code fences, bold marks, line breaks. */
export function unwrapAnswer(answer: string): string {
  return answer
    .replace(/<think>[\s\S]*?<\/think>/giu, '')
    // Chat templates that open the reasoning block in the prompt (DeepSeek-R1, Qwen3) answer with its end only.
    .replace(/^[\s\S]*<\/think>/iu, '')
    .replace(/^\s*```[\w-]*\s*|\s*```\s*$/gu, '')
    .replace(/\*\*|__/gu, '')
    .replace(/\s*\n\s*/gu, ' ')
    .trim();
}
