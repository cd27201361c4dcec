import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { loadStoryView } from '../../../src/db/story-views.js';
import { createTestDatabase } from '../../helpers/db.js';
import { articleFixture, joinStory, newStory } from '../../helpers/fixtures.js';

const guild = '100000000000000041';
const now = new Date('2026-03-01T12:00:00Z');

describe('loadStoryView: other articles of a story', () => {
  let db: Database;

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.prisma.guild.create({ data: { id: guild } });
  });
  afterAll(() => db.close());

  /** A story in the guild made of these articles, the first one its lead. */
  async function storyOf(articles: { sourceName: string; url: string; title: string }[]): Promise<number> {
    const [first, ...rest] = articles;
    const lead = await storeArticle(db.prisma, articleFixture(first), newStory, { now, windowHours: 72 });
    if (lead.status !== 'stored') throw new Error('lead not stored');
    for (const a of rest) {
      const joined = await storeArticle(db.prisma, articleFixture(a), joinStory(lead.storyId), { now, windowHours: 72 });
      if (joined.status !== 'stored' || joined.storyId !== lead.storyId) throw new Error('article did not join the story');
    }
    await db.prisma.guildStory.create({ data: { guildId: guild, storyId: lead.storyId, createdAt: now } });
    return lead.storyId;
  }

  it('counts a second article from another outlet instead of dropping it, linking that outlet’s newest', async () => {
    const id = await storyOf([
      { sourceName: 'OC Media', url: 'https://oc.example/lead', title: 'Lead' },
      { sourceName: 'Al Jazeera', url: 'https://aj.example/1', title: 'AJ first' },
      { sourceName: 'Al Arabiya', url: 'https://aa.example/1', title: 'AA' },
      { sourceName: 'Al Jazeera', url: 'https://aj.example/2', title: 'AJ second' },
    ]);
    const view = await loadStoryView(db.prisma, guild, id);
    expect(view!.sourceName).toBe('OC Media');
    expect(view!.alsoCoveredBy).toEqual([
      { sourceName: 'Al Jazeera', url: 'https://aj.example/2', title: 'AJ second', count: 2 },
      { sourceName: 'Al Arabiya', url: 'https://aa.example/1', title: 'AA', count: 1 },
    ]);
  });

  it('lists the lead’s own outlet when it published a second article', async () => {
    const id = await storyOf([
      { sourceName: 'Al Jazeera', url: 'https://aj.example/lead', title: 'Lead' },
      { sourceName: 'Al Jazeera', url: 'https://aj.example/update', title: 'Update' },
    ]);
    const view = await loadStoryView(db.prisma, guild, id);
    expect(view!.url).toBe('https://aj.example/lead');
    expect(view!.alsoCoveredBy).toEqual([{ sourceName: 'Al Jazeera', url: 'https://aj.example/update', title: 'Update', count: 1 }]);
  });

  it('has nothing else for a story of one article', async () => {
    const id = await storyOf([{ sourceName: 'Al Jazeera', url: 'https://aj.example/alone', title: 'Alone' }]);
    expect((await loadStoryView(db.prisma, guild, id))!.alsoCoveredBy).toEqual([]);
  });
});
