import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { addSource } from '../../src/db/sources.js';
import { rememberedItems } from '../../src/pipeline/parse/item-key.js';
import { createTestDatabase } from '../helpers/db.js';
import { fixtureText, seedTexts, startNewsSite, type NewsSite } from '../helpers/news-site.js';
import { testNewsService } from '../helpers/services.js';

const guild = '110000000000000001';
const mod = '210000000000000001';
const day = (d: number) => new Date(Date.UTC(2025, 6, d, 9));

describe('ingesting feeds into stories', () => {
  let db: Database;
  let jazeera: NewsSite;
  let ocmedia: NewsSite;
  let services: ReturnType<typeof testNewsService>;
  const seeds = seedTexts();

  beforeAll(async () => {
    db = await createTestDatabase();
    services = testNewsService(db.prisma);
    jazeera = await startNewsSite('Al Jazeera', [
      { slug: 'cambodia-thailand', title: 'Cambodia accuses Thailand of escalating tensions', text: seeds.alarabiya, published: day(8), fullInFeed: true },
      { slug: 'cop29', title: 'Azerbaijan opens COP29 in Baku', text: fixtureText('cop29-baku.txt'), published: day(7) },
    ]);
    ocmedia = await startNewsSite('OC Media');
  });
  afterAll(async () => {
    await services.fetcher.close();
    await Promise.all([jazeera.close(), ocmedia.close(), db.close()]);
  });

  it('posts nothing that was already in a feed when it was added, except the backfill', async () => {
    const source = await addSource(db.prisma, { guildId: guild, actorId: mod, url: jazeera.feedUrl, kind: 'feed', channelId: '310000000000000001', intervalMinutes: 15, backfill: 1 });
    const report = await services.news.ingestFeed(source.feedId);
    expect(report).toMatchObject({ status: 'ok', newArticles: 1, newStories: 1, deliveries: 1, problems: [] });
    const stored = await db.prisma.article.findMany({ where: { feedId: source.feedId } });
    expect(stored.map((a) => a.title)).toEqual(['Cambodia accuses Thailand of escalating tensions']);
    expect(stored[0]).toMatchObject({ sourceName: 'Al Jazeera', countries: expect.arrayContaining(['KH', 'TH']) });
    expect(stored[0]!.summary.length).toBeLessThanOrEqual(600);
    const feed = await db.prisma.feed.findUniqueOrThrow({ where: { id: source.feedId } });
    expect(rememberedItems(feed.seenKeys)).toBe(2);
    expect(feed.lastError).toBeNull();
  });

  it('stores and posts new items on the next poll, fetching teaser items’ pages, and only once', async () => {
    const feedId = (await db.prisma.feed.findUniqueOrThrow({ where: { url: jazeera.feedUrl } })).id;
    jazeera.items.unshift({ slug: 'caucasus', title: "The South Caucasus is slipping from Russia's grasp", text: seeds.aljazeera, published: day(10) });
    const report = await services.news.ingestFeed(feedId);
    expect(report).toMatchObject({ status: 'ok', newArticles: 1, newStories: 1, deliveries: 1 });
    const article = await db.prisma.article.findFirstOrThrow({ where: { url: `${jazeera.origin}/article/caucasus` } });
    expect(article.text).not.toMatch(/DOWNLOAD THE APP|Read more/);
    expect(article.countries.slice(0, 2).sort()).toEqual(['AZ', 'RU']);
    expect(jazeera.server.requests.filter((r) => r.url === '/article/caucasus')).toHaveLength(1);
    const again = await services.news.ingestFeed(feedId);
    expect(again).toMatchObject({ newArticles: 0, deliveries: 0 });
  });

  it('joins a second outlet’s report of the same event to the story and asks for the post to be edited', async () => {
    const source = await addSource(db.prisma, { guildId: guild, actorId: mod, url: ocmedia.feedUrl, kind: 'feed', channelId: '310000000000000001', intervalMinutes: 15 });
    // First fetch of a new, empty feed: healthy, with a note, and its later items count as news.
    expect(await services.news.ingestFeed(source.feedId)).toMatchObject({ status: 'ok', newArticles: 0 });
    expect(await db.prisma.feed.findUniqueOrThrow({ where: { id: source.feedId } })).toMatchObject({ lastError: 'The feed has no items.', consecutiveFailures: 0 });
    const story = await db.prisma.story.findFirstOrThrow({ where: { title: { contains: 'South Caucasus' } } });
    await db.prisma.delivery.updateMany({ where: { storyId: story.id }, data: { status: 'posted', messageId: '410000000000000001' } });
    ocmedia.items.unshift({ slug: 'yekaterinburg', title: 'Azerbaijani brothers die after Russian police raid in Yekaterinburg', text: fixtureText('oc-media-yekaterinburg.txt'), published: day(11), fullInFeed: true });
    const report = await services.news.ingestFeed(source.feedId);
    expect(report).toMatchObject({ newArticles: 1, newStories: 0, deliveries: 1 });
    const joined = await db.prisma.story.findUniqueOrThrow({ where: { id: story.id }, include: { articles: true } });
    expect(joined.articles.map((a) => a.sourceName).sort()).toEqual(['Al Jazeera', 'OC Media']);
    const delivery = await db.prisma.delivery.findFirstOrThrow({ where: { storyId: story.id } });
    expect(delivery.editDueAt).not.toBeNull();
    expect(await db.prisma.delivery.count({ where: { storyId: story.id } })).toBe(1);
  });

  it('keeps a different Azerbaijan story apart', async () => {
    const feedId = (await db.prisma.feed.findUniqueOrThrow({ where: { url: jazeera.feedUrl } })).id;
    jazeera.items.unshift({ slug: 'cop29-day2', title: 'COP29 talks on finance stall in Baku', text: fixtureText('cop29-baku.txt').replace('on Monday', 'on Tuesday'), published: day(12) });
    await services.news.ingestFeed(feedId);
    const cop = await db.prisma.article.findFirstOrThrow({ where: { url: `${jazeera.origin}/article/cop29-day2` }, include: { story: { include: { articles: true } } } });
    expect(cop.story!.articles).toHaveLength(1);
  });

  it('records a broken feed as health in words, backs off, and pauses it after repeated failures', async () => {
    const source = await addSource(db.prisma, { guildId: guild, actorId: mod, url: ocmedia.feedUrl, kind: 'feed', channelId: '310000000000000002', intervalMinutes: 15 });
    ocmedia.override = (res) => {
      res.setHeader('content-type', 'application/rss+xml');
      res.end('<rss><channel><title>Broken</title><item><title>Half');
    };
    const reports = [];
    for (let i = 0; i < 3; i++) reports.push(await services.news.ingestFeed(source.feedId));
    expect(reports.map((r) => r.status)).toEqual(['failed', 'failed', 'failed']);
    expect(reports[2]).toMatchObject({ paused: true });
    const feed = await db.prisma.feed.findUniqueOrThrow({ where: { id: source.feedId } });
    expect(feed.lastError).toMatch(/feed|XML/i);
    expect(feed.nextFetchAt.getTime()).toBeGreaterThan(Date.now() + 15 * 60_000);
    const paused = await db.prisma.source.findMany({ where: { feedId: source.feedId } });
    expect(paused.every((s) => s.paused && s.pausedReason?.includes('3 failed fetches'))).toBe(true);
    // Nothing stored earlier was lost.
    expect(await db.prisma.article.count({ where: { feedId: source.feedId } })).toBe(1);
    ocmedia.override = undefined;
  });
});
