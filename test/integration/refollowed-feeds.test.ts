// A feed's first check for a new follower: a feed followed again after a while, and a feed other servers follow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { addSource, removeSource } from '../../src/db/sources.js';
import { rememberedItems } from '../../src/pipeline/parse/item-key.js';
import { createTestDatabase } from '../helpers/db.js';
import { startFeedSite, type FeedSite } from '../helpers/feed-site.js';
import { fixtureText, seedTexts, type SiteArticle } from '../helpers/news-site.js';
import { testNewsService } from '../helpers/services.js';

const [guildA, guildB, guildC] = ['120000000000000001', '120000000000000002', '120000000000000003'];
const mod = '220000000000000001';
const day = (d: number) => new Date(Date.UTC(2025, 6, d, 9));

describe('the first check of a feed for a new follower', () => {
  let db: Database;
  let site: FeedSite;
  let services: ReturnType<typeof testNewsService>;
  const seeds = seedTexts();
  const thailand: SiteArticle = { slug: 'cambodia-thailand', title: 'Cambodia accuses Thailand of escalating tensions', text: seeds.alarabiya, published: day(8), fullInFeed: true };
  const caucasus: SiteArticle = { slug: 'caucasus', title: "The South Caucasus is slipping from Russia's grasp", text: seeds.aljazeera, published: day(10), fullInFeed: true };
  const cop: SiteArticle = { slug: 'cop29', title: 'Azerbaijan opens COP29 in Baku', text: fixtureText('cop29-baku.txt'), published: day(11), fullInFeed: true };
  const add = (guildId: string, feed: string, channelId: string, backfill = 0) => addSource(db.prisma, { guildId, actorId: mod, url: site.feedUrl(feed), kind: 'feed', channelId, intervalMinutes: 15, backfill });

  beforeAll(async () => {
    db = await createTestDatabase();
    services = testNewsService(db.prisma);
    site = await startFeedSite(['dropped', 'shared']);
  });
  afterAll(async () => {
    await services.fetcher.close();
    await Promise.all([site.close(), db.close()]);
  });

  it('posts nothing of what a feed gathered while nobody followed it', async () => {
    site.feeds.dropped!.push(thailand);
    const first = await add(guildA, 'dropped', '320000000000000001');
    expect(await services.news.ingestFeed(first.feedId)).toMatchObject({ status: 'ok', newArticles: 0 });
    await removeSource(db.prisma, guildA, mod, first.id);
    // Weeks pass with nobody following it (no poll); then another server adds it.
    site.feeds.dropped!.unshift(cop, caucasus);
    const again = await add(guildB, 'dropped', '320000000000000002');
    expect(again.feedId).toBe(first.feedId);
    expect(await services.news.ingestFeed(again.feedId)).toMatchObject({ status: 'ok', newArticles: 0, deliveries: 0 });
    expect(await db.prisma.delivery.count({ where: { guildId: guildB } })).toBe(0);
    expect(rememberedItems((await db.prisma.feed.findUniqueOrThrow({ where: { id: again.feedId } })).seenKeys)).toBe(3);
  });

  it('backfills a feed other servers follow from the store when it answers 304 Not Modified', async () => {
    site.feeds.shared!.push(cop, thailand);
    const first = await add(guildA, 'shared', '320000000000000003', 2);
    expect(await services.news.ingestFeed(first.feedId)).toMatchObject({ newArticles: 2, deliveries: 2 });
    const second = await add(guildC, 'shared', '320000000000000004', 1);
    const report = await services.news.ingestFeed(second.feedId);
    expect(report).toMatchObject({ status: 'not-modified', deliveries: 1, newPosts: [{ guildId: guildC, channelId: '320000000000000004' }] });
    const [posted] = await db.prisma.delivery.findMany({ where: { guildId: guildC }, include: { story: true } });
    expect(posted!.story.title).toBe(cop.title);
    expect(await db.prisma.delivery.count({ where: { guildId: guildA, editDueAt: { not: null } } })).toBe(0);
  });
});
