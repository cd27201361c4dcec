// A saved list's numbers, paged after some of its stories were merged: each stands for its story now, once
// (src/db/merged-stories.ts currentStoryIds, used by the page buttons).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client.js';
import { currentStoryIds, storiesMergedInto } from '../../../src/db/merged-stories.js';
import type { BotDeps } from '../../../src/discord/bot-deps.js';
import { listPage, type StoredList } from '../../../src/discord/components/pagination.js';
import { pageSize } from '../../../src/discord/render/lookup-list.js';
import { createTestDatabase } from '../../helpers/db.js';

describe('a saved list after merges', () => {
  let db: Database;
  const guildId = '100000000000000093';
  let ids: number[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.prisma.guild.create({ data: { id: guildId } });
    ids = (await db.prisma.$queryRaw<{ id: number }[]>`INSERT INTO "Story" (title, summary) SELECT 'Story ' || g, 's' FROM generate_series(1, 14) g RETURNING id`).map((r) => r.id);
    await db.prisma.guildStory.createMany({ data: ids.map((storyId) => ({ guildId, storyId })) });
  });
  afterAll(() => db.close());

  it('follows merges, chains too, place for place', async () => {
    const [a, b, c, d] = ids as [number, number, number, number];
    // b into d, and c into b (merged before b was): c stands for d now.
    await db.prisma.story.update({ where: { id: b }, data: { mergedIntoId: d } });
    await db.prisma.story.update({ where: { id: c }, data: { mergedIntoId: b } });
    expect(await currentStoryIds(db.prisma, [a, b, c, d])).toEqual([a, d, d, d]);
  });

  it('are found from the kept story, chains too, leaving out one whose post in the channel is recorded', async () => {
    const [, b, c, d] = ids as [number, number, number, number];
    // (b and c merged into d above.)
    expect((await storiesMergedInto(db.prisma, d, '300000000000000093')).map((s) => s.id).sort((x, y) => x - y)).toEqual([b, c]);
    await db.prisma.delivery.create({ data: { storyId: c, guildId, channelId: '300000000000000093', status: 'posted', messageId: '400000000000000093', nonce: `merged-${c}` } });
    expect((await storiesMergedInto(db.prisma, d, '300000000000000093')).map((s) => s.id)).toEqual([b]);
    expect((await storiesMergedInto(db.prisma, d, '300000000000000094')).map((s) => s.id).sort((x, y) => x - y)).toEqual([b, c]);
    await db.prisma.delivery.deleteMany({ where: { storyId: c } });
  });

  it('shows a story merged into one outside the list on its page, rather than dropping it', async () => {
    const outside = ids[13]!;
    const listed = ids.slice(4, 13);
    const first = listed[0]!;
    await db.prisma.story.update({ where: { id: first }, data: { mergedIntoId: outside } });
    await db.prisma.guildStory.deleteMany({ where: { guildId, storyId: first } });
    const list: StoredList = { guildId, kind: 'latest', title: 'Latest', note: '', ids: listed };
    const page = await listPage({ prisma: db.prisma } as unknown as BotDeps, list, 'list', 0);
    const text = JSON.stringify(page);
    expect(text).toContain(`#${outside}`);
    expect(listed.length).toBeLessThanOrEqual(pageSize);
  });
});

describe('a saved list’s later pages after a merge', () => {
  let db: Database;
  const guildId = '100000000000000094';
  afterAll(() => db.close());

  it('keep their places and count: a story merged into a later one shows once, where it was first', async () => {
    db = await createTestDatabase();
    await db.prisma.guild.create({ data: { id: guildId } });
    const ids = (await db.prisma.$queryRaw<{ id: number }[]>`INSERT INTO "Story" (title, summary) SELECT 'Story ' || g, 's' FROM generate_series(1, 21) g RETURNING id`).map((r) => r.id);
    await db.prisma.guildStory.createMany({ data: ids.map((storyId) => ({ guildId, storyId })) });
    // The fourth story merged into the fifteenth after the list was saved.
    await db.prisma.story.update({ where: { id: ids[3]! }, data: { mergedIntoId: ids[14]! } });
    await db.prisma.guildStory.deleteMany({ where: { guildId, storyId: ids[3]! } });
    const list: StoredList = { guildId, kind: 'latest', title: 'Latest', note: '', ids };
    const shown = async (page: number) => JSON.stringify(await listPage({ prisma: db.prisma } as unknown as BotDeps, list, 'list', page));
    const first = await shown(0);
    expect(first).toContain(`#${ids[14]}`);
    const second = await shown(1);
    // Every story of the second page's places shows there, but the one already on the first page.
    for (const id of ids.slice(pageSize, 2 * pageSize)) expect(second.includes(`#${id}`), `#${id}`).toBe(id !== ids[14]);
    expect(second).toContain(`Page 2 of ${Math.ceil(ids.length / pageSize)}`);
  });
});
