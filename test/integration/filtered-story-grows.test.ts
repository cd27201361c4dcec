// A story a server has but never posted, because the only source that brought it filters it out, is posted when a
// later article of it comes through a source of the server that lets it through, and its followers are told then:
// the server's row for the story (kept so that /news search finds it) made it look posted, and a filter held a story
// back for good however it grew (store_plan_story, migration 20261208031500; alerts.ts guildsShownStory).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { addFollow } from '../../src/db/follows.js';
import { ensureGuild } from '../../src/db/guilds.js';
import { addSource } from '../../src/db/sources.js';
import { createTestDatabase } from '../helpers/db.js';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.js';
import { testNewsService } from '../helpers/services.js';

const guild = '110000000000000391';
const mod = '210000000000000391';
const member = '240000000000000391';
const [news, general] = ['310000000000000391', '310000000000000392'];
const reports = {
  wire: {
    title: 'Singapore group to build Anaklia port',
    text: [
      'A consortium from Singapore won the tender to build the deep-sea port at Anaklia on the Black Sea coast, the Georgian government said on Friday.',
      'Dredging of the harbour begins in the spring, and the first berth of the Anaklia port should open to container ships in 2028.',
      'Fishermen in Anaklia fear the works will close the lagoon where they have worked for generations.',
    ],
  },
  daily: {
    title: 'Anaklia deep-sea port goes to Singapore consortium',
    text: [
      'The Georgian government picked a Singapore consortium on Friday to build the deep-sea port at Anaklia on the Black Sea.',
      'The first berth should take container ships in 2028, after dredging of the harbour that starts in the spring.',
      'The port is to be linked to the Baku–Tbilisi–Kars railway, carrying freight from Central Asia to Europe.',
    ],
  },
};

describe('a story a filter kept out, joined by an article another source lets through', () => {
  let db: Database;
  let site: TestHttpServer;
  let services: ReturnType<typeof testNewsService>;
  const feeds: number[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    services = testNewsService(db.prisma);
    await ensureGuild(db.prisma, guild);
    const routes: Parameters<typeof startHttpServer>[0] = {};
    for (const [slug, { title, text }] of Object.entries(reports)) {
      routes[`/news/${slug}`] = (_req, res) => {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(`<!doctype html><html lang="en"><head><title>${title}</title></head><body><article><h1>${title}</h1>${text.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`);
      };
      routes[`/${slug}.xml`] = (_req, res) => {
        res.setHeader('content-type', 'application/rss+xml');
        const body = text.map((p) => `<p>${p}</p>`).join('');
        res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>${slug}</title><link>${site.origin}/</link><item><title>${title}</title><link>${site.origin}/news/${slug}</link><guid>${slug}</guid><pubDate>${new Date().toUTCString()}</pubDate><description><![CDATA[${body}]]></description></item></channel></rss>`);
      };
    }
    site = await startHttpServer(routes);
    // The wire's source posts only what mentions the railway; the daily's posts everything, in another channel.
    const wire = await addSource(db.prisma, { guildId: guild, actorId: mod, url: `${site.origin}/wire.xml`, kind: 'feed', channelId: news, intervalMinutes: 15, filter: 'railway' });
    const daily = await addSource(db.prisma, { guildId: guild, actorId: mod, url: `${site.origin}/daily.xml`, kind: 'feed', channelId: general, intervalMinutes: 15 });
    for (const source of [wire, daily]) {
      // Read before, so that their items now are news.
      await db.prisma.feed.update({ where: { id: source.feedId }, data: { lastSuccessAt: new Date() } });
      feeds.push(source.feedId);
    }
    await addFollow(db.prisma, { guildId: guild, userId: member, kind: 'keyword', value: 'anaklia', label: 'anaklia' }, new Date());
  });
  afterAll(async () => {
    await services.fetcher.close();
    await Promise.all([site.close(), db.close()]);
  });

  it('is posted through that source, and alerts the server’s followers then', async () => {
    await services.news.ingestFeed(feeds[0]!);
    const story = (await db.prisma.article.findFirstOrThrow({ where: { url: { endsWith: '/news/wire' } } })).storyId!;
    // Kept out: the server has the story (searchable), no post of it, no alert.
    expect(await db.prisma.guildStory.count({ where: { guildId: guild, storyId: story } })).toBe(1);
    expect(await db.prisma.delivery.count({ where: { guildId: guild } })).toBe(0);
    expect(await db.prisma.queuedStory.count({ where: { guildId: guild } })).toBe(0);

    await services.news.ingestFeed(feeds[1]!);
    const joined = await db.prisma.article.findFirstOrThrow({ where: { url: { endsWith: '/news/daily' } } });
    expect(joined.storyId).toBe(story);
    expect((await db.prisma.delivery.findMany({ where: { guildId: guild, storyId: story } })).map((d) => d.channelId)).toEqual([general]);
    expect(await db.prisma.queuedStory.findMany({ where: { guildId: guild }, select: { storyId: true, articleId: true } })).toEqual([{ storyId: story, articleId: joined.id }]);
  });
});
