// Routes follow a story's later articles (ADR 27) only when the article is news: an outlet just published it in a
// followed feed. A new source's backfill (old news) and a member's share join stories too, and each made a route post
// in a channel that did not have the story, the share's reply saying it "will be posted" in the member's channel.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { addRoute } from '../../src/db/routes.js';
import { addSource } from '../../src/db/sources.js';
import { createTestDatabase } from '../helpers/db.js';
import { fixtureText, seedTexts, startNewsSite, type NewsSite, type SiteArticle } from '../helpers/news-site.js';
import { testNewsService } from '../helpers/services.js';

const guild = '150000000000000001';
const mod = '250000000000000001';
const [news, other, rights] = ['350000000000000001', '350000000000000002', '350000000000000003'];
const role = '450000000000000001';
const day = (d: number) => new Date(Date.UTC(2025, 6, d, 9));
const caucasus: SiteArticle = { slug: 'caucasus', title: "The South Caucasus is slipping from Russia's grasp", text: seedTexts().aljazeera, published: day(10), fullInFeed: true };
// Joins the story above and gives it a topic it lacked: human rights.
const urals: SiteArticle = { slug: 'urals', title: 'Azerbaijanis detained in Yekaterinburg raid', text: fixtureText('oc-media-yekaterinburg.txt'), published: day(12), fullInFeed: true };

describe('late route posts are made for news only', () => {
  let db: Database;
  let services: ReturnType<typeof testNewsService>;
  let site: NewsSite;
  let storyId: number;

  beforeEach(async () => {
    db = await createTestDatabase();
    services = testNewsService(db.prisma);
    site = await startNewsSite('Site', [caucasus]);
    const first = await addSource(db.prisma, { guildId: guild, actorId: mod, url: site.feedUrl, kind: 'feed', channelId: news, intervalMinutes: 15, backfill: 1 });
    await services.news.ingestFeed(first.feedId);
    storyId = (await db.prisma.delivery.findFirstOrThrow({ where: { channelId: news } })).storyId;
    await addRoute(db.prisma, guild, mod, { kind: 'topic', value: 'human rights', channelId: rights, roleId: role, pingCooldownMinutes: 60 });
  });
  afterEach(async () => {
    await services.fetcher.close();
    await Promise.all([site.close(), db.close()]);
  });

  const joined = async (url: string) => (await db.prisma.article.findFirstOrThrow({ where: { url } })).storyId;
  const topics = async () => (await db.prisma.story.findUniqueOrThrow({ where: { id: storyId } })).topics;

  it('posts no new source’s backfill in a route’s channel, nor pings its role', async () => {
    const late = await startNewsSite('Late', [urals]);
    try {
      const second = await addSource(db.prisma, { guildId: guild, actorId: mod, url: late.feedUrl, kind: 'feed', channelId: other, intervalMinutes: 15, backfill: 1 });
      await services.news.ingestFeed(second.feedId);
      expect(await joined(`${late.origin}/article/urals`)).toBe(storyId);
      expect(await topics()).toContain('human-rights');
      expect(await db.prisma.delivery.findMany({ where: { storyId, channelId: rights } })).toEqual([]);
      expect((await db.prisma.route.findFirstOrThrow({ where: { channelId: rights } })).lastPingAt).toBeNull();
    } finally {
      await late.close();
    }
  });

  it('posts no member’s share in a route’s channel, and tells the member it is already there', async () => {
    site.items.unshift({ ...urals, fullInFeed: false });
    const shared = await services.news.shareArticle({ url: `${site.origin}/article/urals`, guildId: guild, channelId: news });
    expect(shared).toEqual({ storyId, isNew: false, held: false, elsewhere: [] });
    expect(await joined(`${site.origin}/article/urals`)).toBe(storyId);
    expect(await topics()).toContain('human-rights');
    expect(await db.prisma.delivery.count({ where: { storyId, channelId: rights } })).toBe(0);
  });

  it('posts news joining the story in the route’s channel, with its role', async () => {
    site.items.unshift(urals);
    const feedId = (await db.prisma.feed.findFirstOrThrow()).id;
    expect(await services.news.ingestFeed(feedId)).toMatchObject({ status: 'ok', newPosts: [{ guildId: guild, channelId: rights }] });
    expect(await joined(`${site.origin}/article/urals`)).toBe(storyId);
    expect(await db.prisma.delivery.findMany({ where: { storyId, channelId: rights }, select: { mentionRoleId: true } })).toEqual([{ mentionRoleId: role }]);
  });

  it('posts a new source’s backfill of a story new to the server in that source’s channel only, pinging nobody', async () => {
    const region = '350000000000000004';
    const regionRole = '450000000000000002';
    await addRoute(db.prisma, guild, mod, { kind: 'region', value: 'south-caucasus', channelId: region, roleId: regionRole, pingCooldownMinutes: 60 });
    const cop = await startNewsSite('Cop', [{ slug: 'cop29', title: 'Azerbaijan opens COP29 in Baku', text: fixtureText('cop29-baku.txt'), published: day(11), fullInFeed: true }]);
    try {
      const source = await addSource(db.prisma, { guildId: guild, actorId: mod, url: cop.feedUrl, kind: 'feed', channelId: other, intervalMinutes: 15, backfill: 1 });
      await services.news.ingestFeed(source.feedId);
      expect(await db.prisma.delivery.findMany({ where: { channelId: other }, select: { mentionRoleId: true } })).toEqual([{ mentionRoleId: null }]);
      expect(await db.prisma.delivery.findMany({ where: { channelId: region } })).toEqual([]);
      expect((await db.prisma.route.findFirstOrThrow({ where: { channelId: region } })).lastPingAt).toBeNull();
      // News of the region is routed there, with the role.
      cop.items.unshift({ ...urals, slug: 'urals-cop' });
      await services.news.ingestFeed(source.feedId);
      expect(await db.prisma.delivery.findMany({ where: { channelId: region }, select: { mentionRoleId: true } })).toEqual([{ mentionRoleId: regionRole }]);
    } finally {
      await cop.close();
    }
  });
});

describe('a member’s share', () => {
  it('is said to be posted only when it is posted in the member’s channel, not only in a route’s', async () => {
    const db = await createTestDatabase();
    // One post an hour per channel: the share's channel is full once the feed's story is posted there.
    const services = testNewsService(db.prisma, { postsPerChannelHour: 1 });
    const cop: SiteArticle = { slug: 'cop29', title: 'Azerbaijan opens COP29 in Baku', text: fixtureText('cop29-baku.txt'), published: day(11) };
    const thai: SiteArticle = { slug: 'thai', title: 'Cambodia accuses Thailand of escalating tensions', text: seedTexts().alarabiya, published: day(12) };
    const site = await startNewsSite('Site', [caucasus]);
    try {
      const source = await addSource(db.prisma, { guildId: guild, actorId: mod, url: site.feedUrl, kind: 'feed', channelId: news, intervalMinutes: 15, backfill: 1 });
      await services.news.ingestFeed(source.feedId);
      await addRoute(db.prisma, guild, mod, { kind: 'region', value: 'south-caucasus', channelId: other });
      site.items.push(cop);
      const shared = await services.news.shareArticle({ url: `${site.origin}/article/cop29`, guildId: guild, channelId: news });
      // A story new to the server: held for the digest in the full channel, posted in the route's.
      expect(await db.prisma.heldPost.findMany({ where: { storyId: shared.storyId }, select: { channelId: true } })).toEqual([{ channelId: news }]);
      expect(await db.prisma.delivery.findMany({ where: { storyId: shared.storyId }, select: { channelId: true } })).toEqual([{ channelId: other }]);
      // Said so: held in the full channel (where the digest does not list it, as the server posted it), posted in the
      // route's channel.
      expect(shared).toMatchObject({ isNew: false, held: true, elsewhere: [other] });
      // A story of no route's region, new to the server: held for the digest in the full channel, and said so; shared
      // again, it is one held before, not by this share.
      site.items.push(thai);
      const held = await services.news.shareArticle({ url: `${site.origin}/article/${thai.slug}`, guildId: guild, channelId: news });
      expect(held).toMatchObject({ isNew: false, held: true, elsewhere: [] });
      expect(await services.news.shareArticle({ url: `${site.origin}/article/${thai.slug}`, guildId: guild, channelId: news })).toMatchObject({ isNew: false, held: false });
    } finally {
      await services.fetcher.close();
      await Promise.all([site.close(), db.close()]);
    }
  });
});
