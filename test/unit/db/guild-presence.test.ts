// A server that removed Gazette (guilds.ts, ADR 31): found at login when this process sees every shard's servers,
// then left out of digests and of edits, as out of planning. Before, each was one more request Discord refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { guildsWithDigests, markGuildsLeftExcept, markGuildsPresent } from '../../../src/db/guilds.js';
import { requestStoryRefresh } from '../../../src/db/outbox.js';
import { addSource } from '../../../src/db/sources.js';
import { createTestDatabase } from '../../helpers/db.js';
import { articleFixture, newStory } from '../../helpers/fixtures.js';

const [here, gone, idle] = ['100000000000000161', '100000000000000162', '100000000000000163'];
const mod = '200000000000000161';

describe('servers Gazette was removed from', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
    for (const guildId of [here, gone]) await addSource(db.prisma, { guildId, actorId: mod, url: `https://presence.example/${guildId}.xml`, kind: 'feed', channelId: `3${guildId.slice(1)}`, intervalMinutes: 15 });
    await db.prisma.guild.create({ data: { id: idle } });
    await db.prisma.guild.updateMany({ data: { digestChannelId: '300000000000000169', digestFrequency: 'daily', digestTime: '08:00' } });
  });
  afterAll(() => db.close());

  it('are found at login by their absence, skipped by digests and edits, and planned again once back', async () => {
    const stored = await storeArticle(db.prisma, articleFixture(), newStory, { now: new Date(), windowHours: 72 });
    const storyId = stored.storyId!;
    for (const guildId of [here, gone]) {
      await db.prisma.guildStory.create({ data: { guildId, storyId } });
      await db.prisma.delivery.create({ data: { storyId, guildId, channelId: `3${guildId.slice(1)}`, nonce: `p-${guildId}`, status: 'posted', messageId: '1' } });
    }
    // Only servers with sources are judged: one without (a moderator's settings only) is left alone.
    expect(await markGuildsLeftExcept(db.prisma, [here], new Date())).toEqual([gone]);
    expect((await db.prisma.guild.findMany({ where: { leftAt: { not: null } }, select: { id: true } })).map((g) => g.id)).toEqual([gone]);
    expect((await guildsWithDigests(db.prisma)).map((g) => g.id).sort()).toEqual([here, idle]);
    const refreshed = await db.prisma.$transaction((tx) => requestStoryRefresh(tx, { storyIds: [storyId] }, new Date()));
    expect(refreshed.map((r) => r.guildId)).toEqual([here]);

    expect(await markGuildsPresent(db.prisma, [gone])).toBe(1);
    expect((await guildsWithDigests(db.prisma)).map((g) => g.id).sort()).toEqual([here, gone, idle].sort());
  });
});
