// The summary translator against a stand-in OpenAI-compatible server on 127.0.0.1: a good answer is cleaned and used;
// every failure (timeout, HTTP error, not JSON, no content, an empty or untranslated answer, a refused connection)
// answers null and is logged, so the post goes out with the original summary, labelled.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chatAnswer, startChatStandIn, type ChatBehaviour, type ChatStandIn, type SeenChatRequest } from '../../helpers/chat-stand-in.js';
import { cleanTranslation, createTranslator, MAX_TRANSLATION_CHARS } from '../../../src/pipeline/translate/translator.js';
import { languageCodes, languageName, matchLanguage } from '../../../src/text/languages.js';

const SUMMARY = 'Правительства Грузии и Армении договорились открыть новый переход. Строительство начнётся весной.';
const GOOD = 'The governments of Georgia and Armenia agreed to open a new crossing. Construction starts in spring.';

let stand: ChatStandIn;
let base: string;
let seen: SeenChatRequest[];
const warnings: { reason?: string; msg?: string }[] = [];
const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line) as (typeof warnings)[number]) });

beforeAll(async () => {
  stand = await startChatStandIn(chatAnswer(GOOD));
  base = `${stand.base}/`;
  seen = stand.seen;
});
afterAll(() => stand.close());
beforeEach(() => {
  seen.length = 0;
  warnings.length = 0;
  stand.answerWith(chatAnswer(GOOD));
});

const input = { text: SUMMARY, from: 'ru', to: 'en' };

describe('createTranslator', () => {
  it('asks {url}/chat/completions to translate from the source language into the target, with the key, and uses the answer', async () => {
    const translator = createTranslator({ url: base, model: 'qwen', apiKey: 'sk-1', logger });
    expect(await translator.translate(input)).toBe(GOOD);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe('/v1/chat/completions');
    expect(seen[0]!.authorization).toBe('Bearer sk-1');
    expect(seen[0]!.body.model).toBe('qwen');
    expect(seen[0]!.body.messages[0]!.content).toMatch(/from Russian into English \(language code "en"\)/);
    expect(seen[0]!.body.messages[1]!.content).toBe(SUMMARY);
    expect(warnings).toEqual([]);
  });

  it('cleans what models wrap around a plain answer and clips a rambling one', async () => {
    stand.answerWith(chatAnswer(`<think>hmm</think>\n**Translation:** "${GOOD}"`));
    const translator = createTranslator({ url: base, model: 'm', logger });
    expect(await translator.translate(input)).toBe(GOOD);
    // A long summary's longer translation is clipped; one dozens of times the summary's length is no translation.
    const longSummary = SUMMARY.repeat(6);
    stand.answerWith(chatAnswer(`${GOOD} `.repeat(18)));
    const long = (await translator.translate({ ...input, text: longSummary }))!;
    expect(long.length).toBeLessThanOrEqual(MAX_TRANSLATION_CHARS);
    expect(long.endsWith('…')).toBe(true);
    stand.answerWith(chatAnswer('word '.repeat(1000)));
    expect(await translator.translate(input)).toBeNull();
  });

  it('lets the answer take more tokens the longer the text, enough for scripts of several tokens a letter', async () => {
    const translator = createTranslator({ url: base, model: 'm', logger });
    await translator.translate(input);
    expect(seen[0]!.body.max_tokens).toBe(800);
    // A 600-character summary into Burmese: three UTF-8 bytes a letter, and up to a token a byte.
    const long = `${'Правительства Грузии и Армении договорились открыть новый переход. '.repeat(9)}`.slice(0, 600);
    await translator.translate({ text: long, from: 'ru', to: 'my' });
    expect(seen[1]!.body.max_tokens).toBeGreaterThanOrEqual(3 * 600 * 1.3);
  });

  it('drops reasoning whose opening tag was in the prompt, as DeepSeek-R1 and Qwen3 templates answer', async () => {
    stand.answerWith(chatAnswer(`The user wants English.\n</think>\n\n${GOOD}`));
    expect(await createTranslator({ url: base, model: 'm', logger }).translate(input)).toBe(GOOD);
  });

  const failures: [string, ChatBehaviour, RegExp][] = [
    ['an HTTP error', (res) => res.writeHead(500).end('boom'), /HTTP 500/],
    ['an answer that is not JSON', (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{not json'), /not JSON/],
    ['an answer without content', (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"choices":[]}'), /no message content/],
    ['an empty answer', chatAnswer('  <think>x</think> '), /empty/],
    ['the original text back', chatAnswer(SUMMARY), /original text/],
    // Cut off by max_tokens, a translation reads as whole: it must not be posted as the summary.
    ['an answer cut off at the token limit', chatAnswer(GOOD.slice(0, 60), 'length'), /cut off at the token limit/],
    ['reasoning cut off before the answer', chatAnswer(`<think>The user wants English. "${SUMMARY}" means`, undefined), /inside its reasoning/],
    // Saved for good and shown to every server reading the language: what is no translation must not be one.
    ['a refusal', chatAnswer("I'm sorry, but I can't assist with that request."), /a refusal/],
    ['an error page', chatAnswer('<html><body><h1>502 Bad Gateway</h1></body></html>'), /markup/],
    ['an answer in another script', chatAnswer('Уряди Грузії та Вірменії домовилися відкрити новий пункт пропуску. Будівництво почнеться навесні.'), /another language/],
    ['an answer of hundreds of megabytes', (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"choices":[{"message":{"content":"');
      const chunk = 'x'.repeat(64 * 1024);
      for (let i = 0; i < 40; i++) res.write(chunk);
      res.end('"}}]}');
    }, /larger than 1 MB/],
  ];
  for (const [what, failing, reason] of failures) {
    it(`answers null on ${what}, logged`, async () => {
      stand.answerWith(failing);
      const translator = createTranslator({ url: base, model: 'm', logger });
      expect(await translator.translate(input)).toBeNull();
      expect(warnings).toHaveLength(1);
      expect(warnings[0]!.reason).toMatch(reason);
    });
  }

  it('gives up after its timeout and answers null', async () => {
    stand.answerWith(() => {}); // never answers
    const translator = createTranslator({ url: base, model: 'm', timeoutMs: 200, logger });
    expect(await translator.translate(input)).toBeNull();
    expect(warnings[0]!.reason).toBe('no answer within 200 ms');
  });

  it('answers null when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const translator = createTranslator({ url: `http://127.0.0.1:${port}/v1`, model: 'm', logger });
    expect(await translator.translate(input)).toBeNull();
    expect(warnings).toHaveLength(1);
  });

  it('answers null when its caller gives up', async () => {
    stand.answerWith(() => {});
    const translator = createTranslator({ url: base, model: 'm', timeoutMs: 10_000, logger });
    const controller = new AbortController();
    const pending = translator.translate(input, controller.signal);
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toBeNull();
    expect(warnings[0]!.reason).toBe('stopped');
  });
});

describe('helpers', () => {
  it('sends a user name and password in its URL as basic auth, never in a URL or a log', async () => {
    const withCredentials = base.replace('http://', 'http://gazette:hunter2%21@');
    expect(await createTranslator({ url: withCredentials, model: 'm', logger }).translate(input)).toBe(GOOD);
    expect(seen[0]!.authorization).toBe(`Basic ${Buffer.from('gazette:hunter2!').toString('base64')}`);
    expect(warnings).toEqual([]);
  });

  it('keeps a translation that begins as a refusal might, or is full of names', async () => {
    const translator = createTranslator({ url: base, model: 'm', logger });
    const sorry = 'Sorry, the parliament approved the budget anyway; the opposition walked out before the vote.';
    stand.answerWith(chatAnswer(sorry));
    expect(await translator.translate(input)).toBe(sorry);
    const names = 'Mamuka Mdinaradze, Irakli Kobakhidze and Shalva Papuashvili met Tinatin Bokuchava in Tbilisi on Monday.';
    stand.answerWith(chatAnswer(names));
    expect(await translator.translate(input)).toBe(names);
  });

  it('strips a "here is the translation" preface', () => {
    expect(cleanTranslation(`Sure! Here is the translation into English: ${GOOD}`)).toBe(GOOD);
  });

  it('cleanTranslation keeps inner quotes and joins lines', () => {
    expect(cleanTranslation('```\nHe said "no".\nThen left.\n```')).toBe('He said "no". Then left.');
  });
  it('names languages and finds a code from a code or a name', () => {
    expect(languageName('ru')).toBe('Russian');
    expect(languageName('pt-BR')).toBe('Portuguese');
    expect(languageName('zz')).toBeUndefined();
    expect(languageName('')).toBeUndefined();
    expect(matchLanguage('RU')).toBe('ru');
    expect(matchLanguage('Georgian')).toBe('ka');
    expect(matchLanguage('русский')).toBe('ru');
    expect(matchLanguage('klingonese')).toBeUndefined();
    expect(languageCodes()).toContain('he');
    expect(languageCodes()).not.toContain('iw');
    expect(languageCodes().length).toBeGreaterThan(150);
  });
});
