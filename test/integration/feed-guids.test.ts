// Feeds whose guids do not name one item for good (src/pipeline/parse/item-key.ts, src/ingest/stored-items.ts): some
// number their items by position or give all one guid, some make new guids at every read, some add a parameter to
// every link. Each new item is posted once; none already there when the feed was followed is posted as news.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { addSource } from '../../src/db/sources.js';
import { createTestDatabase } from '../helpers/db.js';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.js';
import { articlePage, fixtureText } from '../helpers/news-site.js';
import { testNewsService } from '../helpers/services.js';

const mod = '210000000000000081';
let texts = 0;
interface Item {
  slug: string;
  title: string;
  n: number;
}
type Guids = 'position' | 'constant' | 'per-read' | 'stable';

/** An RSS feed of teasers (each item's page is fetched), its guids made as `guids` says. */
async function site(guids: Guids, sessionInLinks = false) {
  const items: Item[] = [];
  let reads = 0;
  const pages: string[] = [];
  const text = (n: number) => fixtureText('cop29-baku.txt').replace('on Monday', `on day ${n}`);
  const server: TestHttpServer = await startHttpServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/feed.xml') {
      reads++;
      const guid = (i: Item, at: number) => ({ position: String(at + 1), constant: 'latest', 'per-read': `${i.slug}-${reads}`, stable: i.slug })[guids];
      const link = (i: Item) => `${server.origin}/article/${i.slug}${sessionInLinks ? `?session=${reads}` : ''}`;
      const shown = guids === 'constant' ? items.slice(0, 1) : items;
      const xml = shown.map((i, at) => `<item><title>${i.title}</title><link>${link(i)}</link><guid isPermaLink="false">${guid(i, at)}</guid><description>A teaser.</description></item>`);
      res.setHeader('content-type', 'application/rss+xml; charset=utf-8');
      return res.end(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Guid Times</title><link>${server.origin}/</link>${xml.join('')}</channel></rss>`);
    }
    const item = items.find((i) => path === `/article/${i.slug}`);
    if (!item) {
      res.statusCode = 404;
      return res.end('Not found');
    }
    pages.push(item.slug);
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(articlePage({ slug: item.slug, title: item.title, text: text(item.n), published: new Date(Date.UTC(2025, 7, 1, 9, item.n)) }, 'Guid Times'));
  });
  const add = (slug: string, title: string) => items.unshift({ slug, title, n: ++texts });
  const retitle = (slug: string, title: string) => Object.assign(items.find((i) => i.slug === slug)!, { title });
  return { server, add, retitle, pages };
}

describe('feeds whose guids do not name one item', () => {
  let db: Database;
  let services: ReturnType<typeof testNewsService>;
  const servers: TestHttpServer[] = [];
  let follows = 0;
  const follow = async (s: Awaited<ReturnType<typeof site>>) => {
    servers.push(s.server);
    follows++;
    const source = await addSource(db.prisma, { guildId: String(110000000000000080n + BigInt(follows)), actorId: mod, url: `${s.server.origin}/feed.xml`, kind: 'feed', channelId: String(310000000000000080n + BigInt(follows)), intervalMinutes: 15 });
    return source.feedId;
  };
  const titles = async (feedId: number) => (await db.prisma.article.findMany({ where: { feedId }, orderBy: { id: 'asc' }, select: { title: true } })).map((a) => a.title);

  beforeAll(async () => {
    db = await createTestDatabase();
    services = testNewsService(db.prisma);
  });
  afterAll(async () => {
    await services.fetcher.close();
    await Promise.all([...servers.map((s) => s.close()), db.close()]);
  });

  it.each(['position', 'constant'] as const)('posts each new item of a feed that reuses its guids (%s)', async (guids) => {
    const s = await site(guids);
    s.add('port', 'Old news from the port');
    const feedId = await follow(s);
    expect(await services.news.ingestFeed(feedId)).toMatchObject({ status: 'ok', newArticles: 0 });
    s.add('rail', 'Georgia and Armenia sign a rail deal');
    expect(await services.news.ingestFeed(feedId)).toMatchObject({ status: 'ok', newArticles: 1, problems: [] });
    s.add('bridge', 'Yerevan opens a new bridge');
    expect(await services.news.ingestFeed(feedId)).toMatchObject({ status: 'ok', newArticles: 1, problems: [] });
    expect(await services.news.ingestFeed(feedId)).toMatchObject({ status: 'ok', newArticles: 0, duplicates: 0 });
    expect(await titles(feedId)).toEqual(['Georgia and Armenia sign a rail deal', 'Yerevan opens a new bridge']);
    expect(s.pages).toEqual(['rail', 'bridge']);
  });

  it.each([
    ['new guids at every read', 'per-read', false],
    ['a new parameter in every link', 'stable', true],
  ] as const)('posts nothing already there when followed, and each new item once, from a feed with %s', async (_, guids, session) => {
    const s = await site(guids, session);
    s.add('port', 'Old news from the port');
    s.add('metro', 'Tbilisi metro fares rise');
    const feedId = await follow(s);
    await services.news.ingestFeed(feedId);
    s.add('rail', 'Georgia and Armenia sign a rail deal');
    expect(await services.news.ingestFeed(feedId)).toMatchObject({ status: 'ok', newArticles: 1, duplicates: 0, problems: [] });
    expect(await services.news.ingestFeed(feedId)).toMatchObject({ status: 'ok', newArticles: 0, duplicates: 0 });
    expect(await titles(feedId)).toEqual(['Georgia and Armenia sign a rail deal']);
    expect(s.pages).toEqual(['rail']);
  });

  it('posts nothing when a headline already there is corrected, its guid and link kept', async () => {
    const s = await site('stable');
    s.add('port', 'Old news form the port');
    const feedId = await follow(s);
    await services.news.ingestFeed(feedId);
    s.retitle('port', 'Old news from the port');
    s.add('rail', 'Georgia and Armenia sign a rail deal');
    expect(await services.news.ingestFeed(feedId)).toMatchObject({ status: 'ok', newArticles: 1, duplicates: 0 });
    s.retitle('rail', 'Georgia and Armenia sign a railway deal');
    expect(await services.news.ingestFeed(feedId)).toMatchObject({ status: 'ok', newArticles: 0, duplicates: 0 });
    expect(s.pages).toEqual(['rail']);
  });
});
