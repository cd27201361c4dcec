// The optional translator of summaries (TRANSLATE_URL): one call to an OpenAI-compatible chat-completions endpoint
// (Ollama, llama.cpp, vLLM, LM Studio, OpenAI) that puts a story's summary into a guild's language, as plain text.
// It never throws: a timeout, an HTTP error, malformed JSON or an empty answer is logged and answered with null, and
// the caller posts the original summary labelled with its language instead. Caching is the caller's business
// (src/db/translations.ts): one translation per article and language.
import type { Logger } from '../../logger.js';
import { askChat, unwrapAnswer, type ChatEndpoint, type ChatMessage } from '../llm/chat.js';
import { languageName } from '../../text/languages.js';
import { otherLanguage, sameScript } from '../extract/language.js';
import { clipText } from '../../text/clip.js';

export interface TranslatorOptions extends ChatEndpoint {
  /** The longest wait for an answer; past it the original is posted. */
  timeoutMs?: number | undefined;
  logger?: Logger | undefined;
}

export interface TranslationInput {
  text: string;
  /** ISO 639-1 code of the text, when known. */
  from?: string | null | undefined;
  /** ISO 639-1 code to translate into. */
  to: string;
}

export interface Translator {
  readonly name: string;
  /** The text in `to`, or null when the endpoint could not say (logged). */
  translate(input: TranslationInput, signal?: AbortSignal): Promise<string | null>;
}

const DEFAULT_TIMEOUT_MS = 8_000;
/** Longest translation kept: a summary is at most 600 characters, and a post's description holds 4,096. */
export const MAX_TRANSLATION_CHARS = 1_500;

const nameOf = (code: string) => languageName(code) ?? code;

export function translationMessages(input: TranslationInput): ChatMessage[] {
  const from = input.from ? ` from ${nameOf(input.from)}` : '';
  const system =
    `You translate news summaries${from} into ${nameOf(input.to)} (language code "${input.to}"). Translate faithfully: ` +
    'keep every name, number and date, add nothing and leave nothing out. Reply with the translation only, as plain ' +
    'text: no heading, no notes, no quotation marks around it.';
  return [
    { role: 'system', content: system },
    { role: 'user', content: input.text },
  ];
}

/** A plain answer: without what models wrap around it, a "Translation:" label, or outer quotes. */
export function cleanTranslation(answer: string): string {
  return unwrapAnswer(answer)
    .replace(/^\s*(?:sure[!,.]?\s*)?here(?: is|'s) (?:the|your|a) translation[^:]{0,40}:\s*/iu, '')
    .replace(/^\s*(translation|translated text)\s*:\s*/iu, '')
    .replace(/^\s*["“«„]([^"“”«»„]*)["”»]\s*$/u, '$1')
    .trim();
}


// A model declining, in its words: it says so about translating (a translation may well begin "Sorry," or "I cannot").
const refusal = /^(?:i'?m sorry|i am sorry|sorry|i cannot|i can'?t|as an ai\b|i'?m unable|i am unable)\b[^.]{0,80}\b(?:translat|assist|help|comply)/iu;
const markup = /<\/?[a-z][a-z0-9]*(?:\s[^>]*)?>/iu;

/** Why an answer is no translation of `input`, or undefined when it may be one. */
export function unusableTranslation(answer: string, input: TranslationInput): string | undefined {
  if (markup.test(answer)) return 'markup, not text';
  if (refusal.test(answer)) return 'a refusal';
  const source = [...input.text].length;
  const length = [...answer].length;
  // Scripts differ in length (Chinese takes a third of English's characters, Burmese twice), never by this much.
  if (source >= 40 && (length < source * 0.15 || length > source * 6)) return `${length} characters for ${source}`;
  // Only another script counts: within one, a summary full of names (Georgian ones in English) read as another
  // language by its trigrams, and a good translation was thrown away.
  const other = otherLanguage(answer, input.to);
  return other && sameScript(other, input.to) === false ? `in another language (${other})` : undefined;
}

/**
 * Tokens enough for the translation of `text` into any language. A tokenizer spends at most one token per UTF-8
 * byte, and Georgian, Khmer or Burmese letters take three bytes each, often a token or more apiece: a fixed 800 cut
 * a 600-character summary's translation into them short. The translation may be a third longer than the text in
 * characters, so four tokens a character, plus room for a label or quotes, and never below what Latin text needed.
 */
export function translationTokenLimit(text: string): number {
  return Math.max(800, 256 + 4 * [...text].length);
}

export function createTranslator(options: TranslatorOptions): Translator {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function ask(input: TranslationInput, signal: AbortSignal | undefined): Promise<string> {
    const maxTokens = translationTokenLimit(input.text);
    const text = await askChat(options, { messages: translationMessages(input), temperature: 0.1, maxTokens, timeoutMs, signal }, 'translator');
    const cleaned = cleanTranslation(text);
    if (!cleaned) throw new Error('translator answer is empty');
    if (cleaned === input.text.trim() && input.from !== input.to) throw new Error('translator answered the original text');
    // A translation is saved for good and shown to every server reading that language: an answer that is not one (a
    // refusal, an error page, the wrong language, a text many times the summary's length) is a failure, and the
    // original is posted, labelled with its language.
    const unusable = unusableTranslation(cleaned, input);
    if (unusable) throw new Error(`translator answer is ${unusable}`);
    return clipText(cleaned, MAX_TRANSLATION_CHARS, 0.5);
  }

  return {
    name: `llm:${options.model}`,
    async translate(input, signal) {
      try {
        return await ask(input, signal);
      } catch (error) {
        const reason =
          error instanceof Error && error.name === 'TimeoutError'
            ? `no answer within ${timeoutMs} ms`
            : signal?.aborted
              ? 'stopped'
              : error instanceof Error
                ? error.message
                : String(error);
        options.logger?.warn({ model: options.model, from: input.from, to: input.to, reason }, 'translation failed, posting the original summary');
        return null;
      }
    },
  };
}
