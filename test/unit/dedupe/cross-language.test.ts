// One story across languages where the evidence allows (issue 12): a Russian and an English report of one event share
// no words, only names and numbers; they join when several names and a number agree, and never on one name alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { clusterInMemory } from '../../../src/ingest/cluster-in-memory.js';
import { clusterTerms, createPipeline, createSummarizer } from '../../../src/pipeline/orchestrator.js';
import { placeArticle } from '../../../src/pipeline/dedupe/story-choice.js';
import { nameKey } from '../../../src/pipeline/dedupe/name-keys.js';
import { silentLogger } from '../../../src/logger.js';
import { createTestDatabase } from '../../helpers/db.js';
import { articleFixture } from '../../helpers/fixtures.js';

const english = {
  title: 'Pashinyan and Aliyev meet in Tbilisi',
  text: 'Armenian Prime Minister Pashinyan met President Aliyev in Tbilisi on Tuesday, with Georgian Prime Minister Kobakhidze as host. The leaders agreed to open 12 border crossings. Kobakhidze said talks would continue in Tbilisi next month.',
  language: 'en',
};
const russian = {
  title: 'Пашинян и Алиев встретились в Тбилиси',
  text: 'Премьер-министр Армении Пашинян во вторник провёл встречу с президентом Азербайджана в Тбилиси при посредничестве премьера Грузии Кобахидзе. Стороны договорились открыть 12 пунктов пропуска на границе. По словам Кобахидзе, переговоры продолжатся в Тбилиси в следующем месяце.',
  language: 'ru',
};
// The same city, another event: one shared name is not enough, in either language.
const unrelated = {
  title: 'Кинофестиваль в Тбилиси собрал зрителей',
  text: 'Международный кинофестиваль в Тбилиси собрал тысячи зрителей. Организаторы показали 40 фильмов. Фестиваль продлится неделю.',
  language: 'ru',
};
const background = [
  { title: 'Central bank holds interest rates steady as inflation eases', text: 'The central bank kept rates unchanged on Tuesday, citing slower inflation.', language: 'en' },
  { title: 'Цены на нефть выросли', text: 'Цены на нефть выросли на фоне опасений по поводу поставок с Ближнего Востока.', language: 'ru' },
];

const withTerms = (a: { title: string; text: string; language: string }) => ({ ...a, terms: clusterTerms(a) });

describe('stories across languages', () => {
  it('reads names alike in Cyrillic and Latin script, inflected or not', () => {
    expect(nameKey('Кобахидзе')).toBe(nameKey('Kobakhidze'));
    expect(nameKey('Пашиняна')).toBe(nameKey('Pashinyan'));
    expect(nameKey('Зеленского')).toBe(nameKey('Zelensky'));
    expect(nameKey('Путиным')).toBe(nameKey('Putin'));
    expect(nameKey('Джексон')).toBe(nameKey('Jackson'));
    expect(nameKey('Ali')).toBeUndefined(); // too few letters to tell names apart
  });

  it('joins a Russian report to the English story of the same event, and keeps an unrelated story in the same city apart (preview)', async () => {
    const stories = await clusterInMemory([...background, english, russian, unrelated].map(withTerms), placeArticle);
    const titles = stories.map((s) => s.map((a) => a.title));
    expect(titles).toContainEqual([english.title, russian.title]);
    expect(titles).toContainEqual([unrelated.title]);
  });

  describe('on the database path', () => {
    let db: Database;
    beforeAll(async () => {
      db = await createTestDatabase();
    });
    afterAll(() => db.close());

    it('makes the same decision as the preview', async () => {
      const pipeline = createPipeline({ fetcher: async () => Promise.reject(new Error('no fetch')), summarizer: createSummarizer(), logger: silentLogger });
      const now = new Date();
      const store = async (a: { title: string; text: string; language: string }) => {
        const stored = await storeArticle(db.prisma, articleFixture({ ...a, terms: clusterTerms(a) }), pipeline.placeArticle, { now, windowHours: 72 });
        return stored.storyId;
      };
      for (const b of background) await store(b);
      const en = await store(english);
      expect(await store(russian)).toBe(en);
      expect(await store(unrelated)).not.toBe(en);
    });
  });
});
