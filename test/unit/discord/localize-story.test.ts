// The story a guild reads (src/discord/delivery/localize-story.ts), on a real database with a scripted translator:
// the same language passes through; another is translated once, cached and shared by every guild in that language;
// a failed translation posts the original labelled "In …" and is not asked again until the retry time; without a
// translator the original is labelled; an unknown language is left alone.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client.js';
import type { StoryView } from '../../../src/db/story-views.js';
import { languageNote } from '../../../src/discord/delivery/language-note.js';
import { createStoryLocalizer } from '../../../src/discord/delivery/localize-story.js';
import type { Translator } from '../../../src/pipeline/orchestrator.js';
import { createTestDatabase } from '../../helpers/db.js';

const logger = pino({ level: 'silent' });
let db: Database;
let articleId: number;

function view(overrides: Partial<StoryView> = {}): StoryView {
  return {
    id: 1, title: 'Заголовок', url: 'https://example.ru/a', summary: 'Краткое содержание статьи.', leadArticleId: articleId, language: 'ru', sourceName: 'Meduza',
    guildLanguage: 'en', author: null, publishedAt: null, imageUrl: null, countries: [], tags: [], alsoCoveredBy: [], votes: { count: 0, sum: 0 }, firstSeenAt: new Date('2026-01-01T00:00:00Z'), threadId: null, posts: [],
    ...overrides,
  };
}

/** Answers from a script, one call at a time; records what it was asked. */
function scripted(answers: (string | null)[]): Translator & { asked: { from?: string | null | undefined; to: string }[] } {
  const asked: { from?: string | null | undefined; to: string }[] = [];
  return { name: 'scripted', asked, translate: async (input) => (asked.push({ from: input.from, to: input.to }), answers.shift() ?? null) };
}

beforeAll(async () => {
  db = await createTestDatabase();
  for (const [id, language] of [['g-en', 'en'], ['g-en2', 'en'], ['g-ru', 'ru'], ['g-de', 'de'], ['g-ka', 'ka'], ['g-vi', 'vi']] as const) await db.prisma.guild.create({ data: { id, language } });
  articleId = (await db.prisma.article.create({ data: { url: 'https://example.ru/a', title: 'Заголовок', sourceName: 'Meduza', text: '', summary: 'Краткое содержание статьи.', language: 'ru' } })).id;
});
afterAll(() => db.close());

describe('createStoryLocalizer', () => {
  it('translates once per article and language, shared across guilds, and leaves the same language alone', async () => {
    const translator = scripted(['A summary of the article.']);
    const localize = createStoryLocalizer({ prisma: db.prisma, logger, translator });
    expect(await localize(view({ guildLanguage: 'ru' }), 'g-ru')).toEqual(view({ guildLanguage: 'ru' }));
    // Bokmål as pages declare it (nb) is the Norwegian a server asks for (no): not translated, not labelled.
    expect(await localize(view({ guildLanguage: 'no', language: 'nb' }), 'g-no')).toEqual(view({ guildLanguage: 'no', language: 'nb' }));
    const first = await localize(view({ guildLanguage: 'en' }), 'g-en');
    expect(first).toMatchObject({ title: 'Заголовок', summary: 'A summary of the article.', languageNote: 'Translated from Russian' });
    // Another guild, another process even: the cache answers.
    const other = createStoryLocalizer({ prisma: db.prisma, logger, translator: scripted([]) });
    expect(await other(view({ guildLanguage: 'en' }), 'g-en2')).toMatchObject({ summary: 'A summary of the article.', languageNote: 'Translated from Russian' });
    expect(translator.asked).toEqual([{ from: 'ru', to: 'en' }]);
  });

  it('posts the original labelled when the translator fails, and asks again only after the retry time', async () => {
    let clock = 0;
    const translator = scripted([null, 'Eine Zusammenfassung.']);
    const localize = createStoryLocalizer({ prisma: db.prisma, logger, translator, now: () => new Date(clock), retryAfterMs: 60_000 });
    expect(await localize(view({ guildLanguage: 'de' }), 'g-de')).toMatchObject({ summary: 'Краткое содержание статьи.', languageNote: 'In Russian' });
    clock = 30_000;
    expect(await localize(view({ guildLanguage: 'de' }), 'g-de')).toMatchObject({ languageNote: 'In Russian' });
    expect(translator.asked).toHaveLength(1);
    clock = 61_000;
    expect(await localize(view({ guildLanguage: 'de' }), 'g-de')).toMatchObject({ summary: 'Eine Zusammenfassung.', languageNote: 'Translated from Russian' });
    expect(translator.asked).toHaveLength(2);
  });

  it('labels without a translator, and leaves unknown or missing languages alone', async () => {
    const localize = createStoryLocalizer({ prisma: db.prisma, logger });
    expect(await localize(view({ guildLanguage: 'en', leadArticleId: 999_999 }), 'g-en')).toMatchObject({ summary: 'Краткое содержание статьи.', languageNote: 'In Russian' });
    expect(await localize(view({ guildLanguage: 'en', language: 'zz' }), 'g-en')).toEqual(view({ language: 'zz' }));
    expect(await localize(view({ guildLanguage: 'en', language: null }), 'g-en')).toEqual(view({ language: null }));
  });

  it('labels in the guild’s language where Gazette has the words, else all in English', async () => {
    const translator = scripted(['რეზიუმე.']);
    const localize = createStoryLocalizer({ prisma: db.prisma, logger, translator });
    expect(await localize(view({ guildLanguage: 'ka' }), 'g-ka')).toMatchObject({ summary: 'რეზიუმე.', languageNote: 'თარგმანი; ორიგინალის ენა: რუსული' });
    const untranslated = createStoryLocalizer({ prisma: db.prisma, logger });
    expect(await untranslated(view({ guildLanguage: 'vi' }), 'g-vi')).toMatchObject({ languageNote: 'Ngôn ngữ gốc: Tiếng Nga' });
    // German has no phrases here: "In Russian", not "In Russisch".
    expect(await untranslated(view({ guildLanguage: 'de', leadArticleId: 999_999 }), 'g-de')).toMatchObject({ languageNote: 'In Russian' });
    expect(languageNote('en', 'ru', true)).toBe('Перевод; язык оригинала: английский');
    expect(languageNote('ka', 'az', false)).toBe('Orijinalın dili: gürcü');
    expect(languageNote('ru', 'zh', true)).toBe('译自俄语');
    expect(languageNote('zz', 'ru', true)).toBeUndefined();
  });

  it('never fails a post: a database error posts the original, labelled', async () => {
    const broken = { ...db.prisma, translation: { findUnique: () => Promise.reject(new Error('connection lost')) } } as unknown as Database['prisma'];
    const localize = createStoryLocalizer({ prisma: broken, logger, translator: scripted(['x']) });
    expect(await localize(view({ guildLanguage: 'en' }), 'g-en')).toMatchObject({ summary: 'Краткое содержание статьи.', languageNote: 'In Russian' });
  });
});
