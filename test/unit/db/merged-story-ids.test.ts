// A saved list's numbers, paged after some of its stories were merged: each stands for its story now, once
// (src/db/merged-stories.ts currentStoryIds, used by the page buttons).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client.js';
import { currentStoryIds } from '../../../src/db/merged-stories.js';
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

  it('follows merges, chains too, keeping each story once in the list’s order', async () => {
    const [a, b, c, d] = ids as [number, number, number, number];
    // b into d, and c into b (merged before b was): c stands for d now.
    await db.prisma.story.update({ where: { id: b }, data: { mergedIntoId: d } });
    await db.prisma.story.update({ where: { id: c }, data: { mergedIntoId: b } });
    expect(await currentStoryIds(db.prisma, [a, b, c, d])).toEqual([a, d]);
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
