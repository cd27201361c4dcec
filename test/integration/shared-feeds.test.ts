// One site, several feeds carrying the same articles (its "all" and "world" feeds), followed by different servers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { addFollow } from '../../src/db/follows.js';
import { addSource } from '../../src/db/sources.js';
import { createTestDatabase } from '../helpers/db.js';
import { startFeedSite, type FeedSite } from '../helpers/feed-site.js';
import { fixtureText, seedTexts, type SiteArticle } from '../helpers/news-site.js';
import { testNewsService } from '../helpers/services.js';

const [guildA, guildB, guildC] = ['110000000000000011', '110000000000000012', '110000000000000013'];
const mod = '210000000000000011';
const day = (d: number) => new Date(Date.UTC(2025, 6, d, 9));

describe('feeds of one site that carry the same articles', () => {
  let db: Database;
  let site: FeedSite;
  let feeds: FeedSite['feeds'];
  let services: ReturnType<typeof testNewsService>;
  const seeds = seedTexts();
  const caucasus: SiteArticle = { slug: 'caucasus', title: "The South Caucasus is slipping from Russia's grasp", text: seeds.aljazeera, published: day(10), fullInFeed: true };
  const cop: SiteArticle = { slug: 'cop29', title: 'Azerbaijan opens COP29 in Baku', text: fixtureText('cop29-baku.txt'), published: day(11), fullInFeed: true };
  const feedUrl = (name: string) => site.feedUrl(name);
  const deliveriesOf = (guildId: string) => db.prisma.delivery.findMany({ where: { guildId }, orderBy: { id: 'asc' } });

  beforeAll(async () => {
    db = await createTestDatabase();
    services = testNewsService(db.prisma);
    site = await startFeedSite(['all', 'world']);
    feeds = site.feeds;
  });
  afterAll(async () => {
    await services.fetcher.close();
    await Promise.all([site.close(), db.close()]);
  });

  it('posts an article stored through one feed to the servers that follow another feed carrying it, once', async () => {
    const all = await addSource(db.prisma, { guildId: guildA, actorId: mod, url: feedUrl('all'), kind: 'feed', channelId: '310000000000000011', intervalMinutes: 15 });
    const world = await addSource(db.prisma, { guildId: guildB, actorId: mod, url: feedUrl('world'), kind: 'feed', channelId: '310000000000000012', intervalMinutes: 15 });
    // A third server follows the world feed with a filter this article does not pass: it gets the story, not a post.
    await addSource(db.prisma, { guildId: guildC, actorId: mod, url: feedUrl('world'), kind: 'feed', channelId: '310000000000000013', intervalMinutes: 15, filter: 'football' });
    // A member of the world feed's server follows something there: the story is news to that server, so it is queued
    // for its followers (the alert worker then matches the follows), though another feed stored the article.
    await addFollow(db.prisma, { guildId: guildB, userId: '210000000000000019', kind: 'keyword', value: 'caucasus', label: 'caucasus' }, day(1));
    await services.news.ingestFeed(all.feedId);
    await services.news.ingestFeed(world.feedId);
    feeds.all!.unshift(caucasus);
    feeds.world!.unshift(caucasus);
    expect(await services.news.ingestFeed(all.feedId)).toMatchObject({ newArticles: 1, deliveries: 1 });
    expect(await services.news.ingestFeed(world.feedId)).toMatchObject({ newArticles: 0, deliveries: 1, problems: [] });
    const [posted] = await deliveriesOf(guildB);
    expect(posted).toMatchObject({ channelId: '310000000000000012' });
    expect(await db.prisma.article.count()).toBe(1);
    expect(await db.prisma.queuedStory.findMany({ select: { guildId: true, storyId: true } })).toEqual([{ guildId: guildB, storyId: posted!.storyId }]);
    expect(await deliveriesOf(guildC)).toEqual([]);
    expect(await db.prisma.guildStory.count({ where: { guildId: guildC, storyId: posted!.storyId } })).toBe(1);
    // The server that had the story first gets no edit: no article joined it.
    expect((await deliveriesOf(guildA)).map((d) => d.editDueAt)).toEqual([null]);
    // Seen by both feeds now: neither plans it again.
    expect(await services.news.ingestFeed(world.feedId)).toMatchObject({ deliveries: 0 });
    expect(await services.news.ingestFeed(all.feedId)).toMatchObject({ deliveries: 0 });
    expect(await deliveriesOf(guildB)).toHaveLength(1);
  });

  it('does the same when the other feed links the article under another address (a duplicate by content)', async () => {
    const [all, world] = await Promise.all(['all', 'world'].map((f) => db.prisma.feed.findUniqueOrThrow({ where: { url: feedUrl(f) } })));
    feeds.all!.unshift(cop);
    feeds.world!.unshift({ ...cop, slug: 'cop29-world' });
    expect(await services.news.ingestFeed(all!.id)).toMatchObject({ newArticles: 1, deliveries: 1 });
    expect(await services.news.ingestFeed(world!.id)).toMatchObject({ newArticles: 0, duplicates: 1, deliveries: 1 });
    expect(await deliveriesOf(guildB)).toHaveLength(2);
    expect(await db.prisma.queuedStory.count({ where: { guildId: guildB } })).toBe(2);
    expect(await services.news.ingestFeed(world!.id)).toMatchObject({ deliveries: 0 });
    expect(await db.prisma.queuedStory.count({ where: { guildId: guildB } })).toBe(2);
  });
});
