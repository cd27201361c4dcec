// A story is found by any of its outlets' headlines, in their own languages, not only by its lead's: an article
// joining it, a story merged into it, and the articles left after one is split out (src/db/article-sql.ts,
// story-edits.ts, docs/adr/0003-full-text-search.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { searchStories } from '../../../src/db/lookups.js';
import { mergeStories, splitArticle } from '../../../src/db/story-edits.js';
import { rebuildCentroid } from '../../../src/pipeline/dedupe/story-choice.js';
import { createTestDatabase } from '../../helpers/db.js';
import { articleFixture, joinStory, newStory } from '../../helpers/fixtures.js';

const guild = '100000000000000141';
const now = new Date('2026-03-01T12:00:00Z');
const trusted = { guildId: guild, actorId: '200000000000000141', now };

describe('searching a story by any of its headlines', () => {
  let db: Database;
  const hits = async (text: string) => {
    const result = await searchStories(db.prisma, guild, text);
    return result.kind === 'hits' ? result.ids : [];
  };
  async function story(title: string, summary: string, language: string) {
    const stored = await storeArticle(db.prisma, articleFixture({ title, summary, language }), newStory, { now, windowHours: 72 });
    if (stored.status !== 'stored') throw new Error('not stored');
    await db.prisma.guildStory.create({ data: { guildId: guild, storyId: stored.storyId, createdAt: now } });
    return stored.storyId;
  }
  const join = async (storyId: number, title: string, summary: string, language: string) => {
    const stored = await storeArticle(db.prisma, articleFixture({ title, summary, language }), joinStory(storyId), { now, windowHours: 72 });
    if (stored.status !== 'stored') throw new Error('not stored');
    return stored.articleId;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.prisma.guild.create({ data: { id: guild } });
  });
  afterAll(() => db.close());

  it("finds a story by a joining article's headline, stemmed in that article's language", async () => {
    const talks = await story('Talks on gas supplies in Baku', 'Ministers met in the capital.', 'en');
    expect(await hits('Переговоры')).toEqual([]);
    await join(talks, 'Переговоры о поставках газа в Баку', 'Министры встретились в столице.', 'ru');
    expect(await hits('переговоров')).toEqual([talks]);
    expect(await hits('газом')).toEqual([talks]);
    // The lead still ranks by its own words.
    expect(await hits('gas supplies')).toEqual([talks]);
  });

  it('finds a merged story by the headlines of the story merged into it, and not a split-out article by its own', async () => {
    const ferry = await story('Ferry capsizes off Zanzibar', 'Rescuers searched the waters overnight.', 'en');
    const other = await story('Zanzibar ferry accident: dozens rescued', 'The coast guard said survivors were taken to hospital.', 'en');
    const late = await join(other, 'Coast guard names the Mkombozi ferry', 'The vessel had been inspected in May.', 'en');
    await mergeStories(db.prisma, { ...trusted, fromId: other, intoId: ferry }, rebuildCentroid);
    expect(await hits('dozens rescued')).toEqual([ferry]);
    expect(await hits('Mkombozi')).toEqual([ferry]);
    await splitArticle(db.prisma, { ...trusted, storyId: ferry, articleId: late }, rebuildCentroid);
    const [split] = await hits('Mkombozi');
    expect(split).not.toBe(ferry);
    expect(await hits('dozens rescued')).toEqual([ferry]);
  });
});
