// Tag autocomplete ranks a guild's tags by their use on its newest stories: the work per keystroke must not grow
// with the instance (every server's links were counted) or with the guild's whole history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client.js';
import { suggestRankStories, suggestTags } from '../../../src/db/tags.js';
import { createTestDatabase } from '../../helpers/db.js';

const guild = '100000000000000041';
const other = '100000000000000042';

describe('suggestTags', () => {
  let db: Database;
  const names = async (typed: string, limit = 25) => (await suggestTags(db.prisma, guild, typed, limit)).map((t) => t.name);

  beforeAll(async () => {
    db = await createTestDatabase();
    const p = db.prisma;
    await p.guild.createMany({ data: [{ id: guild }, { id: other }] });
    const stories = suggestRankStories + 20;
    await p.$executeRawUnsafe(`INSERT INTO "Story" (title, summary, "firstSeenAt", "lastArticleAt") SELECT 'Story ' || i, 's', now(), now() FROM generate_series(1, ${stories}) i`);
    const tag = (guildId: string, name: string, banned = false) => p.tag.create({ data: { guildId, name, label: name, kind: 'topic', banned } });
    const [old, recent, quiet, banned, elsewhere] = await Promise.all([tag(guild, 'gas old'), tag(guild, 'gas new'), tag(guild, 'gas quiet'), tag(guild, 'gas banned', true), tag(other, 'gas new')]);
    const ids = (await p.story.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((s) => s.id);
    const link = (guildId: string, tagId: number, storyIds: number[]) => p.storyTag.createMany({ data: storyIds.map((storyId) => ({ guildId, tagId, storyId })) });
    // 'gas old' is on more stories, all older than the newest suggestRankStories; 'gas new' is on the newest ten.
    await link(guild, old!.id, ids.slice(0, 20));
    await link(guild, recent!.id, ids.slice(-10));
    await link(guild, quiet!.id, ids.slice(-11, -10));
    await link(guild, banned!.id, ids);
    // Another server's use of its own tags says nothing about this one's.
    await link(other, elsewhere!.id, ids);
  });
  afterAll(() => db.close());

  it('ranks by use on the newest stories, then by name, without banned tags or other servers', async () => {
    expect(await names('')).toEqual(['gas new', 'gas quiet', 'gas old']);
    expect(await names('new')).toEqual(['gas new']);
    expect(await names('gas', 2)).toEqual(['gas new', 'gas quiet']);
    expect(await suggestTags(db.prisma, other, 'old')).toEqual([]);
    expect((await suggestTags(db.prisma, guild, 'gas new'))[0]).toMatchObject({ name: 'gas new', label: 'gas new', kind: 'topic' });
  });

  it('offers tags no story has, by name', async () => {
    await db.prisma.tag.createMany({ data: [{ guildId: guild, name: 'zinc', label: 'Zinc', kind: 'member' }, { guildId: guild, name: 'copper', label: 'Copper', kind: 'member' }] });
    expect(await names('c')).toEqual(['copper', 'zinc']);
  });
});
