import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle, type StoryChooser } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { loadAudience, planDeliveries } from '../../../src/db/deliveries.js';
import { addRoute } from '../../../src/db/routes.js';
import { addSource } from '../../../src/db/sources.js';
import { createTestDatabase } from '../../helpers/db.js';
import { articleFixture } from '../../helpers/fixtures.js';

const guild = '100000000000000011';
const mod = '200000000000000011';
const newStory: StoryChooser = () => null;
const opts = () => ({ now: new Date(), windowHours: 72 });

describe('storing articles', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('never stores the same article twice: by URL, by guid in a feed, by content hash', async () => {
    const feed = await db.prisma.feed.create({ data: { url: 'https://dup.example/rss', kind: 'feed' } });
    const first = await storeArticle(db.prisma, articleFixture({ feedId: feed.id, guid: 'g-1', contentHash: 'h-1' }), newStory, opts());
    expect(first).toMatchObject({ status: 'stored', newStory: true });
    const byGuid = await storeArticle(db.prisma, articleFixture({ feedId: feed.id, guid: 'g-1' }), newStory, opts());
    const byHash = await storeArticle(db.prisma, articleFixture({ contentHash: 'h-1' }), newStory, opts());
    const byUrl = await storeArticle(db.prisma, articleFixture({ url: 'https://news.example/dup' }), newStory, opts());
    const byUrlAgain = await storeArticle(db.prisma, articleFixture({ url: 'https://news.example/dup' }), newStory, opts());
    expect(byGuid).toMatchObject({ status: 'duplicate', articleId: (first as { articleId: number }).articleId });
    expect(byHash).toMatchObject({ status: 'duplicate', articleId: (first as { articleId: number }).articleId });
    expect(byUrl.status).toBe('stored');
    expect(byUrlAgain.status).toBe('duplicate');
  });

  it('offers stories sharing a name key or a band as candidates, joins the one chosen, and merges its tags', async () => {
    const lead = await storeArticle(db.prisma, articleFixture({ countries: ['AZ', 'RU'], topics: ['diplomacy'], nameKeys: ['yekaterinburg', 'sputnik'] }), newStory, opts());
    const unrelated = await storeArticle(db.prisma, articleFixture({ countries: ['AZ'], nameKeys: ['cop29'], bands: ['0:1,2,3'] }), newStory, opts());
    let offered: number[] = [];
    const second = await storeArticle(
      db.prisma,
      articleFixture({ countries: ['AZ', 'AM'], topics: ['conflict'], sourceName: 'Al Jazeera', nameKeys: ['sputnik', 'kremlin'], bands: ['0:9,9,9'] }),
      (candidates) => {
        offered = candidates.map((c) => c.id);
        return lead.status === 'stored' ? lead.storyId : null;
      },
      opts(),
    );
    expect(lead.status === 'stored' && offered).toEqual([lead.storyId]);
    expect(offered).not.toContain(unrelated.storyId);
    expect(second).toMatchObject({ status: 'stored', newStory: false });
    const story = await db.prisma.story.findUniqueOrThrow({ where: { id: (second as { storyId: number }).storyId }, include: { articles: true } });
    expect(story.articles).toHaveLength(2);
    expect(story.countries).toEqual(['AZ', 'RU', 'AM']);
    expect(story.topics).toEqual(['diplomacy', 'conflict']);
  });

  it('offers no candidates outside the clustering window', async () => {
    const old = new Date(Date.now() - 100 * 3600_000);
    await storeArticle(db.prisma, articleFixture({ countries: ['KH'], nameKeys: ['hun manet'] }), newStory, { now: old, windowHours: 72 });
    let offered = -1;
    await storeArticle(db.prisma, articleFixture({ countries: ['KH'], nameKeys: ['hun manet'] }), (c) => ((offered = c.length), null), opts());
    expect(offered).toBe(0);
    await storeArticle(db.prisma, articleFixture({ countries: ['KH'], nameKeys: ['hun manet'] }), (c) => ((offered = c.length), null), opts());
    expect(offered).toBe(1);
  });
});

describe('planning deliveries', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('posts a new story to the source channel and routed channels, and edits instead when another outlet joins', async () => {
    const source = await addSource(db.prisma, { guildId: guild, actorId: mod, url: 'https://plan.example/rss', kind: 'feed', channelId: '300000000000000011', intervalMinutes: 15 });
    await addRoute(db.prisma, guild, mod, { kind: 'region', value: 'south-caucasus', channelId: '300000000000000012' });
    await addRoute(db.prisma, guild, mod, { kind: 'region', value: 'southeast-asia', channelId: '300000000000000013' });
    const views = new Map([[guild, { regions: ['south-caucasus'], tags: [{ name: 'azerbaijan', label: 'Azerbaijan', kind: 'country' as const }] }]]);
    const stored = await storeArticle(db.prisma, articleFixture({ feedId: source.feedId }), newStory, opts());
    if (stored.status !== 'stored') throw new Error('not stored');
    const article = await db.prisma.article.findUniqueOrThrow({ where: { id: stored.articleId } });
    const planned = await planDeliveries(db.prisma, { storyId: stored.storyId, audience: await loadAudience(db.prisma, source.feedId), articleCreatedAt: article.createdAt, now: new Date(), views });
    expect(planned.map((p) => [p.channelId, p.action]).sort()).toEqual([['300000000000000011', 'post'], ['300000000000000012', 'post']]);
    const again = await planDeliveries(db.prisma, { storyId: stored.storyId, audience: await loadAudience(db.prisma, source.feedId), articleCreatedAt: article.createdAt, now: new Date(), views });
    expect(again).toEqual([]); // nothing posted yet, so nothing to edit, and no second delivery
    await db.prisma.delivery.updateMany({ where: { storyId: stored.storyId }, data: { status: 'posted', messageId: '1' } });
    const joined = await planDeliveries(db.prisma, { storyId: stored.storyId, audience: await loadAudience(db.prisma, source.feedId), articleCreatedAt: new Date(), now: new Date(), views });
    expect(joined.map((p) => p.action)).toEqual(['edit', 'edit']);
    expect(await db.prisma.delivery.count({ where: { storyId: stored.storyId } })).toBe(2);
    const tags = await db.prisma.storyTag.findMany({ where: { guildId: guild, storyId: stored.storyId }, include: { tag: true } });
    expect(tags.map((t) => t.tag.name)).toEqual(['azerbaijan']);
  });

  it('does not post items that were in the feed before the guild subscribed, except its backfill', async () => {
    const feed = await db.prisma.feed.create({ data: { url: 'https://old.example/rss', kind: 'feed' } });
    const before = await storeArticle(db.prisma, articleFixture({ feedId: feed.id }), newStory, opts());
    const source = await addSource(db.prisma, { guildId: guild, actorId: mod, url: feed.url, kind: 'feed', channelId: '300000000000000014', intervalMinutes: 15 });
    if (before.status !== 'stored') throw new Error('not stored');
    const createdAt = (await db.prisma.article.findUniqueOrThrow({ where: { id: before.articleId } })).createdAt;
    const none = await planDeliveries(db.prisma, { storyId: before.storyId, audience: await loadAudience(db.prisma, feed.id), articleCreatedAt: createdAt, now: new Date(), views: new Map() });
    expect(none).toEqual([]);
    const backfilled = await planDeliveries(db.prisma, { storyId: before.storyId, audience: await loadAudience(db.prisma, feed.id), articleCreatedAt: createdAt, now: new Date(), views: new Map(), backfillSourceIds: [source.id] });
    expect(backfilled).toHaveLength(1);
  });
});
