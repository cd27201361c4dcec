// A moderator removes or moves a source (or removes a route) while a poll of its feed is reading its items (a poll loads the feed's
// sources once and reads for up to two minutes): the items stored after that are not posted for it, or go where it is
// now (src/ingest/news-service.ts store, src/db/deliveries.ts withSourcesNow).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { addRoute, removeRoute } from '../../src/db/routes.js';
import { addSource, editSource, removeSource } from '../../src/db/sources.js';
import type { Pipeline } from '../../src/pipeline/orchestrator.js';
import { createTestDatabase } from '../helpers/db.js';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.js';
import { newsServiceOver, testPipeline } from '../helpers/services.js';

const guild = '110000000000000381';
const mod = '210000000000000381';
const [news, other] = ['310000000000000381', '310000000000000382'];
const items = [
  ['rail', 'More freight for the Kars railway', 'Georgian and Turkish railway officials agreed to raise freight on the Baku–Tbilisi–Kars line, which carried a million tonnes last year.'],
  ['port', 'Singapore group to build Anaklia port', 'A consortium from Singapore won the tender for the deep-sea port at Anaklia; dredging begins in spring and the first berth opens in 2028.'],
] as const;
/** Other stories, of the same region, for a feed the ones above were not stored through. */
const moreItems = [
  ['rail', 'Chess olympiad opens in Baku', 'Grandmasters from ninety countries arrived in Baku for the chess olympiad, played this year in the old city’s new congress hall.'],
  ['port', 'Lake Sevan water level falls again', 'Armenian scientists warned that Lake Sevan dropped another twelve centimetres this summer as irrigation drew more water.'],
] as const;
const rss = (origin: string, path: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Example ${path}</title><link>${origin}/</link>
${(path.startsWith('/c/') ? moreItems : items).map(([slug, title, text]) => `<item><title>${title}</title><link>${origin}${path}${slug}</link><guid>${path}${slug}</guid><description>${text}</description><pubDate>Fri, 11 Jul 2025 09:00:00 GMT</pubDate></item>`).join('')}</channel></rss>`;

describe('a source changed while a poll reads its feed', () => {
  let db: Database;
  let site: TestHttpServer;
  let pipeline: Pipeline;
  let close: () => Promise<void>;
  /** Runs once, when the poll begins processing the feed's second item. */
  let midway: (() => Promise<unknown>) | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    const made = testPipeline();
    close = () => made.fetcher.close();
    pipeline = {
      ...made.pipeline,
      processItem: async (item, read) => {
        if (item.url.endsWith('port')) await midway?.();
        return made.pipeline.processItem(item, read);
      },
    };
    site = await startHttpServer((req, res) => {
      res.setHeader('content-type', 'application/rss+xml');
      res.end(rss(site.origin, req.url!.replace(/feed\.xml$/, '')));
    });
  });
  afterAll(async () => {
    await close();
    await Promise.all([site.close(), db.close()]);
  });

  /** A source read once before (so that what its feed has now is news), then polled with `midway` set. */
  async function poll(path: string, during: (sourceId: number) => Promise<unknown>) {
    const source = await addSource(db.prisma, { guildId: guild, actorId: mod, url: `${site.origin}${path}feed.xml`, kind: 'feed', channelId: news, intervalMinutes: 15 });
    await db.prisma.feed.update({ where: { id: source.feedId }, data: { lastSuccessAt: new Date() } });
    midway = () => during(source.id);
    await newsServiceOver(db.prisma, pipeline).ingestFeed(source.feedId);
    const stories = await db.prisma.article.findMany({ where: { feedId: source.feedId }, select: { url: true, storyId: true } });
    const posts = await db.prisma.delivery.findMany({ where: { storyId: { in: stories.map((s) => s.storyId!) } } });
    return Object.fromEntries(stories.map((s) => [s.url.replace(/.*\//, ''), posts.filter((p) => p.storyId === s.storyId).map((p) => p.channelId)]));
  }

  it('posts nothing more for a source removed meanwhile', async () => {
    // The removal drops the post queued before it; the item stored after it queues none.
    expect(await poll('/a/', (id) => removeSource(db.prisma, guild, mod, id))).toEqual({ rail: [], port: [] });
  });

  it('posts where a source was moved meanwhile', async () => {
    expect(await poll('/b/', (id) => editSource(db.prisma, { guildId: guild, actorId: mod, sourceId: id, changes: { channelId: other } }))).toEqual({ rail: [other], port: [other] });
  });

  it('posts nothing more in the channel of a route removed meanwhile, nor pings its role', async () => {
    const routed = '310000000000000383';
    const route = await addRoute(db.prisma, guild, mod, { kind: 'region', value: 'south-caucasus', channelId: routed, roleId: '410000000000000381', pingCooldownMinutes: 60 });
    // The route's post of the first item, queued before the removal, is dropped with it; the second item queues none.
    expect(await poll('/c/', () => removeRoute(db.prisma, guild, mod, route.id))).toEqual({ rail: [news], port: [news] });
  });
});
