// The LLM summarizer against a stand-in OpenAI-compatible server on 127.0.0.1: a good answer is used, and every
// kind of failure (timeout, HTTP error, garbage, rule-breaking answer) falls back to the offline summary.
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chatAnswer, startChatStandIn, type ChatBehaviour, type ChatStandIn, type SeenChatRequest } from '../../helpers/chat-stand-in.js';
import { createSummarizer, summarizeOffline, type SummaryInput } from '../../../src/pipeline/summarize/index.js';
import { cleanAnswer, validateAnswer } from '../../../src/pipeline/summarize/llm.js';
import { languageTexts } from '../../helpers/language-texts.js';

const GOOD = 'Cambodia accused Thailand of escalating border tensions. Thailand closed almost all land crossings on Monday.';

let stand: ChatStandIn;
let base: string;
let seen: SeenChatRequest[];

beforeAll(async () => {
  stand = await startChatStandIn(chatAnswer(GOOD));
  base = `${stand.base}`;
  seen = stand.seen;
});

afterAll(() => stand.close());

beforeEach(() => {
  seen.length = 0;
  stand.answerWith(chatAnswer(GOOD));
});

const input: SummaryInput = {
  title: 'Cambodia Accuses Thailand of Escalating Tensions',
  language: 'en',
  text: [
    "Cambodia's government on Tuesday accused Thailand of escalating border tensions by imposing new restrictions.",
    'Relations between the neighbors have deteriorated following an armed confrontation on May 28.',
    'The Thai army on Monday imposed heightened restrictions at border checkpoints with Cambodia.',
    'DOWNLOAD THE APP',
  ].join('\n\n'),
};
const offline = summarizeOffline(input);

function logged(): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

describe('LLM summarizer', () => {
  it('posts the article to {url}/chat/completions with the model and the key, and uses a good answer', async () => {
    const summarizer = createSummarizer({ url: `${base}/`, model: 'tiny-model', apiKey: 'secret-key', timeoutMs: 2000 });
    expect(summarizer.name).toBe('llm:tiny-model');
    expect(await summarizer.summarize(input)).toEqual([
      'Cambodia accused Thailand of escalating border tensions.',
      'Thailand closed almost all land crossings on Monday.',
    ]);
    expect(seen).toHaveLength(1);
    const [request] = seen as [SeenChatRequest];
    expect(request.url).toBe('/v1/chat/completions');
    expect(request.authorization).toBe('Bearer secret-key');
    expect(request.body.model).toBe('tiny-model');
    const [system, user] = request.body.messages as [SeenChatRequest['body']['messages'][0], SeenChatRequest['body']['messages'][0]];
    expect(system.role).toBe('system');
    expect(system.content).toMatch(/2 to 4 complete sentences/);
    expect(system.content).toMatch(/same language as the article/);
    expect(system.content).toContain('"en"');
    expect(user.content).toContain('Title: Cambodia Accuses Thailand');
    expect(user.content).toContain('armed confrontation on May 28');
    // Furniture is not even shown to the model.
    expect(user.content).not.toContain('DOWNLOAD THE APP');
  });

  it('sends no Authorization header without a key', async () => {
    await createSummarizer({ url: base, model: 'm' }).summarize(input);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.authorization).toBeUndefined();
  });

  it('falls back to the offline summary when the model is slower than the timeout', async () => {
    stand.answerWith((res) => {
      const timer = setTimeout(() => chatAnswer(GOOD)(res), 3000);
      res.on('close', () => clearTimeout(timer));
    });
    const { logger, lines } = logged();
    const result = await createSummarizer({ url: base, model: 'm', timeoutMs: 300, logger }).summarize(input);
    expect(result).toEqual(offline);
    expect(lines.join('')).toMatch(/no answer within 300 ms/);
  });

  it('falls back on an HTTP 500', async () => {
    stand.answerWith((res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('upstream exploded');
    });
    const { logger, lines } = logged();
    expect(await createSummarizer({ url: base, model: 'm', logger }).summarize(input)).toEqual(offline);
    expect(lines.join('')).toMatch(/HTTP 500/);
  });

  it('falls back on garbage that is not JSON', async () => {
    stand.answerWith((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('<html>definitely not json');
    });
    const { logger, lines } = logged();
    expect(await createSummarizer({ url: base, model: 'm', logger }).summarize(input)).toEqual(offline);
    expect(lines.join('')).toMatch(/not JSON/);
  });

  it.each([
    ['JSON without choices', ((res) => res.end(JSON.stringify({ error: 'nope' }))) as ChatBehaviour],
    ['content that is not text', chatAnswer(42)],
    ['one sentence', chatAnswer('Cambodia accused Thailand.')],
    ['five sentences', chatAnswer('One a b c. Two a b c. Three a b c. Four a b c. Five a b c.')],
    ['over 600 characters', chatAnswer(`${'Cambodia accused Thailand of escalating tensions again '.repeat(6)}. ${'Thailand closed the border crossings again and again '.repeat(6)}.`)],
    ['an unfinished sentence', chatAnswer('Cambodia accused Thailand of escalating tensions. Thailand closed the')],
    ['furniture', chatAnswer('Cambodia accused Thailand of escalating tensions. Sign up for our newsletter to get updates.')],
    // Two whole sentences, but the model meant more: max_tokens stopped it.
    ['an answer cut off at the token limit', chatAnswer(GOOD, 'length')],
    ['reasoning cut off before the answer', chatAnswer(`<think>The article says: ${GOOD}`, undefined)],
  ])('falls back on %s', async (_label, reply) => {
    stand.answerWith(reply);
    expect(await createSummarizer({ url: base, model: 'm' }).summarize(input)).toEqual(offline);
  });

  it.each([
    ['Russian', 'ru', 'Посол России вызван в МИД Азербайджана', 'Посол России был вызван в МИД Азербайджана во вторник. Баку отменил культурные мероприятия России.'],
    ['German', 'de', 'Wahltermin steht fest', 'Die vorgezogene Bundestagswahl findet am 23. Februar statt. Die Parteien müssen ihre Landeslisten rechtzeitig bei den Wahlleitern einreichen.'],
  ])('falls back when a %s article is summarized in English', async (_label, language, title, text) => {
    stand.answerWith(chatAnswer('The ambassador was summoned by the foreign ministry on Tuesday. The government cancelled all the cultural events planned for this year.'));
    const { logger, lines } = logged();
    const article: SummaryInput = { title, language, text };
    expect(await createSummarizer({ url: base, model: 'm', logger }).summarize(article)).toEqual(summarizeOffline(article));
    expect(lines.join('')).toMatch(new RegExp(`answer is in another language \\(en\\) than the article \\(${language}\\)`));
  });

  it('cleans light wrapping before checking the rules', async () => {
    stand.answerWith(chatAnswer(`<think>plan</think>\n**Summary:** "${GOOD}"`));
    expect(await createSummarizer({ url: base, model: 'm' }).summarize(input)).toHaveLength(2);
  });

  it('does not fall back when the caller aborts: the result is no longer wanted', async () => {
    stand.answerWith((res) => {
      const timer = setTimeout(() => chatAnswer(GOOD)(res), 3000);
      res.on('close', () => clearTimeout(timer));
    });
    const controller = new AbortController();
    const pending = createSummarizer({ url: base, model: 'm', timeoutMs: 5000 }).summarize(input, controller.signal);
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toThrow();
  });

  it('is offline when no URL is configured, or when the model is missing', async () => {
    expect(createSummarizer({}).name).toBe('extractive');
    const { logger, lines } = logged();
    expect(createSummarizer({ url: base, logger }).name).toBe('extractive');
    expect(lines.join('')).toMatch(/SUMMARIZER_MODEL/);
    expect(await createSummarizer({}).summarize(input)).toEqual(offline);
  });
});

describe('answer checks', () => {
  it('strips reasoning, fences, labels and outer quotes', () => {
    expect(cleanAnswer('```\nSummary: “A b c d. E f g h.”\n```')).toBe('A b c d. E f g h.');
  });

  it.each(languageTexts)('takes an answer in %s as written in its language', (_language, code, text) => {
    expect(validateAnswer(text, code)).toEqual(validateAnswer(text));
  });

  it.each([
    // Latin names and brands in another script are still that script's language.
    ['ru', 'Илон Маск заявил, что SpaceX запустит Starship в марте. Tesla и X также объявили о своих планах на этот год.'],
    ['ja', 'AppleはiPhone 16 ProとApple Watchを発表した。Tim Cook CEOはApple Intelligenceを紹介した。'],
    ['hy', 'Նիկոլ Փաշինյանը հանդիպեց Emmanuel Macron-ին Փարիզում։ Քննարկվեցին EU-ի հետ հարաբերությունները։'],
    ['en', 'Volodymyr Zelensky met Olaf Scholz, Emmanuel Macron and Donald Tusk in Kyiv on Tuesday. They discussed Rheinmetall deliveries.'],
    ['de', 'Der Software-Konzern SAP meldet einen Rekordumsatz im Cloud-Business. CEO Christian Klein sieht starkes Wachstum bei Künstlicher Intelligenz.'],
    // Too short for trigrams to be sure, a close relative, and languages detection does not know: all let through.
    ['de', 'Russia summoned the French ambassador. Talks continue.'],
    ['pt', 'El Gobierno aprobó el miércoles el presupuesto. La oposición votará en contra.'],
    ['da', 'Regeringen godkendte onsdag forslaget til finansloven. Oppositionen kritiserede forslaget og vil stemme imod.'],
  ])('accepts a %s answer that detection cannot confidently place elsewhere', (code, answer) => {
    expect(validateAnswer(answer, code)).toHaveProperty('sentences');
  });

  it.each([
    ['ru', 'en', 'Russia summoned the ambassador of Azerbaijan on Tuesday. Cultural events were cancelled.'],
    ['ka', 'en', 'Georgia and Armenia agreed on the border. The ministers will meet again.'],
    ['ja', 'en', 'Apple unveiled the new iPhone in Cupertino. Sales begin on Friday.'],
    ['fr', 'en', 'The government approved the budget bill on Wednesday. The opposition criticised the draft and said it would vote against it in parliament.'],
    ['en', 'de', 'Die Regierung hat am Mittwoch den Haushaltsentwurf beschlossen. Die Opposition kritisierte den Entwurf und will dagegen stimmen.'],
  ])('rejects an answer to a %s article written in %s', (code, other, answer) => {
    expect(validateAnswer(answer, code)).toEqual({ problem: `answer is in another language (${other}) than the article (${code})` });
    expect(validateAnswer(answer)).toHaveProperty('sentences');
  });

  it('accepts answers in other scripts', () => {
    expect(validateAnswer('柬埔寨指责泰国加剧边境紧张局势。泰国关闭了几乎所有陆路口岸。', 'zh')).toEqual({
      sentences: ['柬埔寨指责泰国加剧边境紧张局势。', '泰国关闭了几乎所有陆路口岸。'],
    });
  });
});
