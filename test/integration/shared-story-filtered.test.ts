// A member shares a story the server has but never posted (a source's filter held it back): it is posted where it was
// shared, not answered "already here" of a story nobody in the server could see (src/db/held-posts.ts
// postWhereSharedIfUnposted). One the server posted stays one post.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { ensureGuild } from '../../src/db/guilds.js';
import { addSource } from '../../src/db/sources.js';
import { createTestDatabase } from '../helpers/db.js';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.js';
import { testNewsService } from '../helpers/services.js';

const guild = '110000000000000371';
const mod = '210000000000000371';
const [news, general] = ['310000000000000371', '310000000000000372'];
const page = (title: string, paragraphs: string[]) =>
  `<!doctype html><html lang="en"><head><title>${title}</title><meta property="og:site_name" content="Example News"></head><body><article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
const rail = [
  'Georgian and Turkish railway officials agreed on Monday to raise freight on the Baku–Tbilisi–Kars railway.',
  'The line carried a million tonnes last year; the operators want three million by the end of the decade.',
  'New wagons will be bought from a Kazakh factory, the ministry of transport said in a statement.',
];
const port = [
  'A consortium from Singapore won the tender to build the deep-sea port at Anaklia on the Black Sea coast.',
  'Dredging of the harbour begins in the spring, and the first berth should open to container ships in 2028.',
  'Fishermen in the village fear the works will close the lagoon where they have worked for generations.',
];
const feed = (origin: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Example feed</title><link>${origin}/</link>
${[['rail', 'More freight for the Kars railway'], ['port', 'Singapore group to build Anaklia port']]
  .map(([slug, title]) => `<item><title>${title}</title><link>${origin}/news/${slug}</link><guid>${slug}</guid><pubDate>Fri, 11 Jul 2025 09:00:00 GMT</pubDate></item>`)
  .join('')}</channel></rss>`;

describe('a shared story the server has', () => {
  let db: Database;
  let site: TestHttpServer;
  let services: ReturnType<typeof testNewsService>;

  beforeAll(async () => {
    db = await createTestDatabase();
    services = testNewsService(db.prisma);
    await ensureGuild(db.prisma, guild);
    const html = (body: string) => (_req: unknown, res: { setHeader(n: string, v: string): void; end(b: string): void }) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(body);
    };
    site = await startHttpServer({
      '/news/rail': html(page('More freight for the Kars railway', rail)),
      '/news/port': html(page('Singapore group to build Anaklia port', port)),
      '/feed.xml': (_req, res) => {
        res.setHeader('content-type', 'application/rss+xml');
        res.end(feed(site.origin));
      },
    });
    // A source that posts only what mentions the railway: both stories are the server's, one is posted.
    const source = await addSource(db.prisma, { guildId: guild, actorId: mod, url: `${site.origin}/feed.xml`, kind: 'feed', channelId: news, intervalMinutes: 15, filter: 'railway' });
    // Read before, so that its items now are news.
    await db.prisma.feed.update({ where: { id: source.feedId }, data: { lastSuccessAt: new Date() } });
    await services.news.ingestFeed(source.feedId);
  });
  afterAll(async () => {
    await services.fetcher.close();
    await Promise.all([site.close(), db.close()]);
  });

  const postsOf = async (storyId: number) => (await db.prisma.delivery.findMany({ where: { storyId, guildId: guild } })).map((d) => d.channelId);

  it('is posted where it was shared when no post of it was ever made here', async () => {
    const shared = await services.news.shareArticle({ url: `${site.origin}/news/port`, guildId: guild, channelId: general });
    expect(shared).toMatchObject({ isNew: true, held: false, elsewhere: [] });
    expect(await postsOf(shared.storyId)).toEqual([general]);
    expect(await db.prisma.guildStory.count({ where: { guildId: guild, storyId: shared.storyId } })).toBe(1);
  });

  it('is not posted again when the server has a post of it', async () => {
    const shared = await services.news.shareArticle({ url: `${site.origin}/news/rail`, guildId: guild, channelId: general });
    expect(shared).toMatchObject({ isNew: false, held: false, elsewhere: [] });
    expect(await postsOf(shared.storyId)).toEqual([news]);
  });

  it('is posted again where its only post failed before it was made, never where a moderator deleted it', async () => {
    const rail = (await db.prisma.article.findFirstOrThrow({ where: { url: { endsWith: '/news/rail' } } })).storyId!;
    await db.prisma.delivery.updateMany({ where: { storyId: rail, guildId: guild }, data: { status: 'failed', lastError: 'Discord refused it' } });
    const shared = await services.news.shareArticle({ url: `${site.origin}/news/rail`, guildId: guild, channelId: news });
    expect(shared).toMatchObject({ isNew: true, held: false });
    expect(await db.prisma.delivery.findMany({ where: { storyId: rail, guildId: guild }, select: { channelId: true, status: true } })).toEqual([{ channelId: news, status: 'pending' }]);
    // Made, then deleted by a moderator: the server had it, and does not want it back.
    await db.prisma.delivery.updateMany({ where: { storyId: rail, guildId: guild }, data: { status: 'failed', messageId: '900000000000000381' } });
    expect(await services.news.shareArticle({ url: `${site.origin}/news/rail`, guildId: guild, channelId: general })).toMatchObject({ isNew: false, held: false });
    expect(await postsOf(rail)).toEqual([news]);
  });
});

