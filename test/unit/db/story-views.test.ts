import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { loadStoryView, loadStoryViews } from '../../../src/db/story-views.js';
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

  it('shows this guild’s tags (not banned ones), votes, posts and language, the lead’s date, and follows a merge', async () => {
    const other = '100000000000000042';
    await db.prisma.guild.create({ data: { id: other, language: 'ru' } });
    const publishedAt = new Date('2026-02-28T09:30:00Z');
    const lead = await storeArticle(db.prisma, articleFixture({ sourceName: 'OC Media', publishedAt }), newStory, { now, windowHours: 72 });
    if (lead.status !== 'stored') throw new Error('lead not stored');
    const id = lead.storyId;
    for (const g of [guild, other]) await db.prisma.guildStory.create({ data: { guildId: g, storyId: id, createdAt: now } });
    await db.prisma.guildStory.update({ where: { guildId_storyId: { guildId: guild, storyId: id } }, data: { voteCount: 3, voteSum: 7, threadId: '300000000000000001' } });
    const tag = (guildId: string, name: string, banned = false) => db.prisma.tag.create({ data: { guildId, name, label: name.toUpperCase(), kind: 'topic', banned } });
    const [first, second, banned, elsewhere] = await Promise.all([tag(guild, 'energy'), tag(guild, 'armenia'), tag(guild, 'spam', true), tag(other, 'other')]);
    for (const [t, at] of [[second, 2], [first, 1], [banned, 3], [elsewhere, 1]] as const) {
      await db.prisma.storyTag.create({ data: { guildId: t.guildId, storyId: id, tagId: t.id, createdAt: new Date(now.getTime() + at * 1000) } });
    }
    const delivery = (guildId: string, channelId: string, status: 'posted' | 'pending', messageId: string | null) =>
      db.prisma.delivery.create({ data: { storyId: id, guildId, channelId, status, messageId, nonce: `n${channelId}` } });
    await delivery(guild, '200000000000000001', 'posted', '400000000000000001');
    await delivery(guild, '200000000000000002', 'pending', null);
    await delivery(other, '200000000000000003', 'posted', '400000000000000003');

    const view = (await loadStoryView(db.prisma, guild, id))!;
    expect(view.publishedAt).toEqual(publishedAt);
    expect(view.tags.map((t) => t.label)).toEqual(['ENERGY', 'ARMENIA']);
    expect(view.votes).toEqual({ count: 3, sum: 7 });
    expect(view.threadId).toBe('300000000000000001');
    expect(view.posts).toEqual([{ guildId: guild, channelId: '200000000000000001', messageId: '400000000000000001', threadId: null }]);
    expect(view.guildLanguage).toBe('en');
    expect(await loadStoryView(db.prisma, other, id)).toMatchObject({ votes: { count: 0, sum: 0 }, guildLanguage: 'ru' });
    expect(await loadStoryView(db.prisma, '100000000000000043', id)).toBeNull();

    const merged = await storeArticle(db.prisma, articleFixture(), newStory, { now, windowHours: 72 });
    if (merged.status !== 'stored') throw new Error('not stored');
    await db.prisma.story.update({ where: { id: merged.storyId }, data: { mergedIntoId: id } });
    expect((await loadStoryView(db.prisma, guild, merged.storyId))!.id).toBe(id);

    // A batch, as the delivery worker reads its claimed posts: each pair as its guild sees it, in the order asked, the
    // story's articles (sent once for the batch) in every guild's view.
    const keys = [guild, other, '100000000000000043', guild].map((guildId, i) => ({ guildId, storyId: i === 3 ? merged.storyId : id }));
    const batch = await loadStoryViews(db.prisma, keys);
    expect(batch.map((v) => v && [v.id, v.sourceName, v.guildLanguage, v.tags.length])).toEqual([[id, 'OC Media', 'en', 2], [id, 'OC Media', 'ru', 1], null, [id, 'OC Media', 'en', 2]]);
    expect(batch[0]).toEqual(view);
  });
});
