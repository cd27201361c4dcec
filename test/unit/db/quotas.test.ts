// Per-guild limits (issue 10): sources a guild may follow, and posts a channel gets an hour; stories over the hour's
// quota stay the guild's (searchable) without a post, and are held for its digest to list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { loadAudience, planDeliveries } from '../../../src/db/deliveries.js';
import { countHeldInChannel, countHeldStories, heldStories } from '../../../src/db/held-posts.js';
import { addRoute, maxRoutesPerGuild } from '../../../src/db/routes.js';
import { addSource } from '../../../src/db/sources.js';
import { createTestDatabase } from '../../helpers/db.js';
import { articleFixture, newStory } from '../../helpers/fixtures.js';

const guild = '100000000000000081';
const mod = '200000000000000081';
const channel = '300000000000000081';

describe('per-guild limits', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('posts at most the hour’s quota in a channel, keeps the rest as the guild’s stories, and posts again an hour later', async () => {
    const source = await addSource(db.prisma, { guildId: guild, actorId: mod, url: 'https://quota.example/rss', kind: 'feed', channelId: channel, intervalMinutes: 15 });
    const t0 = new Date(Date.now() + 60_000);
    const ingest = async (at: Date) => {
      const stored = await storeArticle(db.prisma, articleFixture({ feedId: source.feedId }), newStory, { now: at, windowHours: 72 });
      if (stored.status !== 'stored') throw new Error('not stored');
      const planned = await planDeliveries(db.prisma, { storyId: stored.storyId, audience: await loadAudience(db.prisma, source.feedId), articleCreatedAt: stored.createdAt, now: at, views: new Map(), postsPerChannelHour: 2 });
      const kept = await db.prisma.guildStory.count({ where: { guildId: guild, storyId: stored.storyId } });
      const held = await db.prisma.heldPost.count({ where: { guildId: guild, storyId: stored.storyId, channelId: channel } });
      return { posts: planned.length, kept, held };
    };
    expect(await ingest(t0)).toEqual({ posts: 1, kept: 1, held: 0 });
    expect(await ingest(new Date(t0.getTime() + 60_000))).toEqual({ posts: 1, kept: 1, held: 0 });
    expect(await ingest(new Date(t0.getTime() + 120_000))).toEqual({ posts: 0, kept: 1, held: 1 });
    expect(await ingest(new Date(t0.getTime() + 3_700_000))).toEqual({ posts: 1, kept: 1, held: 0 });
    // The held story is the digest's to list, and /config show's to count.
    const held = await heldStories(db.prisma, guild, t0, 25);
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ channelId: channel, title: expect.any(String), url: expect.stringMatching(/^https:/) });
    expect(await countHeldStories(db.prisma, guild, t0)).toBe(1);
    expect(await heldStories(db.prisma, guild, t0, 25, [held[0]!.id])).toEqual([]);
    expect(await countHeldStories(db.prisma, guild, t0, { excluding: [held[0]!.id] })).toBe(0);
  });

  it('counts a new source’s held backfill by its own feed, not another source’s stories held in the channel meanwhile', async () => {
    const g = '100000000000000083';
    const [mine, theirs] = [
      await addSource(db.prisma, { guildId: g, actorId: mod, url: 'https://held-mine.example/rss', kind: 'feed', channelId: channel, intervalMinutes: 15 }),
      await addSource(db.prisma, { guildId: g, actorId: mod, url: 'https://held-theirs.example/rss', kind: 'feed', channelId: channel, intervalMinutes: 15 }),
    ];
    const since = new Date(Date.now() - 60_000);
    for (const source of [mine, theirs, theirs]) {
      const stored = await storeArticle(db.prisma, articleFixture({ feedId: source.feedId }), newStory, { now: new Date(), windowHours: 72 });
      if (stored.status !== 'stored') throw new Error('not stored');
      await db.prisma.guildStory.create({ data: { guildId: g, storyId: stored.storyId } });
      await db.prisma.heldPost.create({ data: { guildId: g, storyId: stored.storyId, channelId: channel } });
    }
    expect(await countHeldInChannel(db.prisma, { guildId: g, channelId: channel, feedId: mine.feedId, since })).toBe(1);
    expect(await countHeldInChannel(db.prisma, { guildId: g, channelId: channel, feedId: theirs.feedId, since })).toBe(2);
  });

  it('refuses a source over the guild’s limit in words, and adds nothing', async () => {
    const other = '100000000000000082';
    await addSource(db.prisma, { guildId: other, actorId: mod, url: 'https://one.example/rss', kind: 'feed', channelId: channel, intervalMinutes: 15, maxSources: 1 });
    await expect(addSource(db.prisma, { guildId: other, actorId: mod, url: 'https://two.example/rss', kind: 'feed', channelId: channel, intervalMinutes: 15, maxSources: 1 })).rejects.toMatchObject({
      code: 'limit',
      message: expect.stringMatching(/follows 1 source, the most this Gazette allows/),
    });
    expect(await db.prisma.source.count({ where: { guildId: other } })).toBe(1);
  });

  it('keeps a server within its route limit, saying how to make room', async () => {
    const server = '100000000000000082';
    for (let i = 0; i < maxRoutesPerGuild; i++) await addRoute(db.prisma, server, mod, { kind: 'topic', value: `t${i}`, channelId: channel });
    await expect(addRoute(db.prisma, server, mod, { kind: 'topic', value: 'one-more', channelId: channel })).rejects.toMatchObject({
      code: 'limit',
      message: expect.stringMatching(/^This server has 100 routes, the most it may have\. Remove one with `\/route remove` first/),
    });
    expect(await db.prisma.route.count({ where: { guildId: server } })).toBe(maxRoutesPerGuild);
  });
});
