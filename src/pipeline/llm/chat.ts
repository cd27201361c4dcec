// One call to an OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, llama.cpp, Ollama, LM Studio all speak
// it), shared by the optional LLM summarizer and the optional translator: both send a system and a user message and
// want the answer's text, or an error that says in words what went wrong. What each does with a failure (fall back
// to the offline summary, post the original untranslated) is its own business.

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

function answerText(body: unknown): string | undefined {
  const choices = (body as { choices?: unknown } | null)?.choices;
  if (!Array.isArray(choices)) return undefined;
  const content = (choices[0] as { message?: { content?: unknown } } | undefined)?.message?.content;
  return typeof content === 'string' ? content : undefined;
}

/**
 * The model's answer as text. Throws on HTTP errors, a body that is not JSON, or no message content, naming `what`
 * ("summarizer", "translator") in the error; a timeout surfaces as the platform's `TimeoutError`.
 */
export async function askChat(endpoint: ChatEndpoint, request: ChatRequest, what: string): Promise<string> {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  const response = await (endpoint.fetch ?? fetch)(`${endpoint.url.replace(/\/+$/u, '')}/chat/completions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {}),
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
    body = await response.json();
  } catch (error) {
    if (signal.aborted) throw error;
    throw new Error(`${what} answer is not JSON`);
  }
  const text = answerText(body);
  if (text === undefined) throw new Error(`${what} answer has no message content`);
  return text;
}

/** What models wrap around a plain answer: reasoning blocks, code fences, bold marks, line breaks. */
export function unwrapAnswer(answer: string): string {
  return answer
    .replace(/<think>[\s\S]*?<\/think>/giu, '')
    .replace(/^\s*```[\w-]*\s*|\s*```\s*$/gu, '')
    .replace(/\*\*|__/gu, '')
    .replace(/\s*\n\s*/gu, ' ')
    .trim();
}
