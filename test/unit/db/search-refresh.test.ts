// Stories stored before a change in how search documents are written get theirs made again by the nightly maintenance
// (src/db/search-refresh.ts): a decomposed Vietnamese headline, or a Persian one in Persian letters (documents and
// queries now hold Arabic ي and ك), was found only as then written, while every query is put in one written form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { searchStories } from '../../../src/db/lookups.js';
import { refreshSearchDocuments } from '../../../src/db/search-refresh.js';
import { searchFormVersion } from '../../../src/db/search-sql.js';
import { absorbStories } from '../../../src/db/story-edits.js';
import { createTestDatabase } from '../../helpers/db.js';
import { articleFixture, joinStory, newStory } from '../../helpers/fixtures.js';

const guild = '100000000000000351';
const now = new Date('2026-03-01T12:00:00Z');

describe('search documents made again in today’s form', () => {
  let db: Database;
  const ids: Record<string, number> = {};

  async function story(key: string, title: string, summary: string, language: string) {
    const stored = await storeArticle(db.prisma, articleFixture({ title, summary, language, sourceName: `Outlet ${key}` }), newStory, { now, windowHours: 1 });
    if (stored.status !== 'stored') throw new Error('not stored');
    ids[key] = stored.storyId;
    await db.prisma.guildStory.create({ data: { guildId: guild, storyId: stored.storyId, createdAt: now } });
  }

  const hits = async (text: string) => {
    const result = await searchStories(db.prisma, guild, text);
    return result.kind === 'hits' ? result.ids : result.kind;
  };
  /** The story's document as stories stored before one written form had it: its words as the outlet wrote them. */
  const asStoredBefore = (id: number, words: string) => db.prisma.$executeRaw`UPDATE "Story" SET search = to_tsvector('simple', ${words}), "searchForm" = 0 WHERE id = ${id}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.prisma.guild.create({ data: { id: guild } });
    await story('vietnamese', 'Lũ lụt ở Quảng Nam'.normalize('NFD'), 'Hàng nghìn người phải sơ tán.'.normalize('NFD'), 'vi');
    await story('persian', 'سفر وزیر ایران به باکو', 'گفتگوها درباره مرز ادامه دارد.', 'fa');
    const joined = await storeArticle(db.prisma, articleFixture({ title: 'Evacuations continue in Hoi An', summary: 'Rescue teams reached the old town.', language: 'en', sourceName: 'Outlet joined' }), joinStory(ids.vietnamese!), { now, windowHours: 1 });
    if (joined.status !== 'stored') throw new Error('not stored');
  });
  afterAll(() => db.close());

  it('marks new stories as made in today’s form, which finds them', async () => {
    const rows = await db.prisma.story.findMany({ select: { searchForm: true } });
    expect(rows.map((r) => r.searchForm)).toEqual([searchFormVersion, searchFormVersion]);
    expect(await hits('Quảng Nam')).toEqual([ids.vietnamese]);
    expect(await hits('وزیر')).toEqual([ids.persian]);
  });

  it('finds an older story by today’s form once its document is made again, its other headlines included', async () => {
    await asStoredBefore(ids.vietnamese!, 'Lũ lụt ở Quảng Nam'.normalize('NFD'));
    await asStoredBefore(ids.persian!, 'سفر وزیر ایران به باکو');
    expect(await hits('Quảng Nam')).toEqual([]);
    expect(await hits('وزیر')).toEqual([]);
    expect(await refreshSearchDocuments(db.prisma, 1)).toBe(2);
    expect(await hits('Quảng Nam')).toEqual([ids.vietnamese]);
    expect(await hits('وزیر')).toEqual([ids.persian]);
    expect(await hits('Hoi An evacuations')).toEqual([ids.vietnamese]);
    expect(await refreshSearchDocuments(db.prisma)).toBe(0);
  });

  it('marks a story for the refresh when it absorbs one of an older form (stories that converged)', async () => {
    await story('older', 'Ceasefire talks resume in Geneva', 'Delegations met on Monday.', 'en');
    await story('newer', 'Geneva talks: a second round', 'Mediators said progress was made.', 'en');
    await db.prisma.story.update({ where: { id: ids.older! }, data: { searchForm: 0 } });
    await db.prisma.$transaction((tx) => absorbStories(tx, ids.newer!, [ids.older!], now));
    expect((await db.prisma.story.findUniqueOrThrow({ where: { id: ids.newer! } })).searchForm).toBe(0);
    expect(await refreshSearchDocuments(db.prisma)).toBeGreaterThanOrEqual(1);
    expect((await db.prisma.story.findUniqueOrThrow({ where: { id: ids.newer! } })).searchForm).toBe(searchFormVersion);
    expect(await hits('ceasefire')).toEqual([ids.newer]);
  });
});
