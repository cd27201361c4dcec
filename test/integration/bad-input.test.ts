// Bad input becomes source health in plain words; nothing crashes and nothing already stored is lost.
import { gzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { recordFetchSuccess } from '../../src/db/feeds.js';
import { addSource } from '../../src/db/sources.js';
import { createTestDatabase } from '../helpers/db.js';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.js';
import { rssFeed } from '../helpers/news-site.js';
import { testNewsService } from '../helpers/services.js';

const send = (type: string, body: string | Buffer, extra: Record<string, string> = {}) => (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(200, { 'content-type': type, ...extra });
  res.end(body);
};

describe('bad sources become health, not crashes', () => {
  let db: Database;
  let server: TestHttpServer;
  let services: ReturnType<typeof testNewsService>;
  const text = 'Tbilisi said on Monday that talks with Baku and Yerevan on the new railway would resume next week. '.repeat(8);

  beforeAll(async () => {
    db = await createTestDatabase();
    services = testNewsService(db.prisma);
    server = await startHttpServer({
      '/malformed.xml': send('application/rss+xml', '<rss><channel><title>x</title><item><title>Broken &'),
      '/empty.xml': send('application/rss+xml', '<?xml version="1.0"?><rss version="2.0"><channel><title>Empty</title></channel></rss>'),
      '/huge.xml': send('application/rss+xml', `<rss><channel>${'<item><title>x</title></item>'.repeat(120_000)}</channel></rss>`),
      '/bomb.xml': send('application/rss+xml', gzipSync(Buffer.alloc(40 * 1024 * 1024, 32)), { 'content-encoding': 'gzip' }),
      '/loop-a': (_req, res) => res.writeHead(302, { location: '/loop-b' }).end(),
      '/loop-b': (_req, res) => res.writeHead(302, { location: '/loop-a' }).end(),
      '/gone': (_req, res) => res.writeHead(404).end('Not found'),
      '/not-article.html': send('text/html', '<html><head><title>Log in</title></head><body><form><input name="user"><input type="password"></form></body></html>'),
      '/broken.html': send('text/html', '<html><body><div><p>Unclosed <b>tags <i>everywhere'),
      '/cp1251.xml': send(
        'application/rss+xml; charset=windows-1251',
        iconv.encode(rssFeed('Новости', 'http://x', [{ slug: 'a', title: 'Тбилиси и Баку возобновят переговоры', text, published: new Date(), fullInFeed: true }]), 'win1251'),
      ),
    });
  });
  afterAll(async () => {
    await services.fetcher.close();
    await server.close();
    await db.close();
  });

  async function ingest(path: string, kind: 'feed' | 'article' | 'listing' = 'feed') {
    const source = await addSource(db.prisma, { guildId: '120000000000000001', actorId: '1', url: `${server.origin}${path}`, kind, channelId: '320000000000000001', intervalMinutes: 15 });
    await recordFetchSuccess(db.prisma, source.feedId, new Date(), { seenKeys: [], nextFetchAt: new Date() });
    const report = await services.news.ingestFeed(source.feedId);
    const feed = await db.prisma.feed.findUniqueOrThrow({ where: { id: source.feedId } });
    return { report, health: feed.lastError ?? '' };
  }

  it.each([
    ['/malformed.xml', 'feed', /^The feed is not valid XML: .+\.$/],
    ['/huge.xml', 'feed', /larger than 2 MB/],
    ['/bomb.xml', 'feed', /larger than 2 MB/],
    ['/loop-a', 'feed', /redirect/i],
    ['/gone', 'feed', /404 Not Found/],
    ['/not-article.html', 'article', /does not look like an article|no article/i],
    ['/broken.html', 'listing', /no articles or feed links|no article/i],
  ] as const)('%s (%s) → a failed fetch with a reason in words', async (path, kind, reason) => {
    const { report, health } = await ingest(path, kind);
    expect(report.status).toBe('failed');
    expect(health).toMatch(reason);
  });

  it('an empty feed is healthy, with a note', async () => {
    const { report, health } = await ingest('/empty.xml');
    expect(report.status).toBe('ok');
    expect(health).toBe('The feed has no items.');
  });

  it('a feed in a legacy charset is decoded and stored', async () => {
    const { report } = await ingest('/cp1251.xml');
    expect(report).toMatchObject({ status: 'ok', newArticles: 1 });
    const article = await db.prisma.article.findFirstOrThrow({ where: { title: { contains: 'Тбилиси' } } });
    expect(article.title).toBe('Тбилиси и Баку возобновят переговоры');
  });

  it('lost nothing stored along the way', async () => {
    expect(await db.prisma.article.count()).toBe(1);
  });
});
