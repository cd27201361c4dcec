// A forum thread longer than one page is read where its new posts are (src/pipeline/read-thread.ts): the followed
// first page stops changing once full, and its new posts were never read. A read goes to the last page its pagination
// names and back while a page holds only unseen posts; a post is known by its id on any page it shows on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { addSource } from '../../src/db/sources.js';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.js';
import { createTestDatabase } from '../helpers/db.js';
import { testNewsService } from '../helpers/services.js';

const places = ['Kutaisi', 'Batumi', 'Zugdidi', 'Gori', 'Telavi', 'Poti', 'Rustavi', 'Borjomi', 'Mestia', 'Sighnaghi'];
const topics = ['bridge', 'market', 'school', 'hospital', 'railway station', 'football stadium', 'library', 'water supply', 'bus depot', 'theatre'];
const post = (n: number) =>
  `<article class="message message--post" data-author="member${n}" data-content="post-${1000 + n}"><div class="message-body"><div class="bbWrapper">Post ${n}: the ${topics[n % 10]} in ${places[Math.floor(n / 10) % 10]} ${n % 2 ? 'reopens after repairs' : 'closes for the winter'}, writes member ${n}, who saw it on day ${n}.</div></div><time datetime="2025-07-01T${String(n % 24).padStart(2, '0')}:00:00Z">x</time></article>`;
const perPage = 10;

describe('a forum thread of several pages', () => {
  let db: Database;
  let server: TestHttpServer;
  let service: ReturnType<typeof testNewsService>;
  let posts: number[] = [];
  let broken = false;
  const requested: string[] = [];
  const pageCount = () => Math.max(1, Math.ceil(posts.length / perPage));
  const path = (n: number) => (n === 1 ? '/threads/bridge.1/' : `/threads/bridge.1/page-${n}`);
  const page = (n: number) => {
    const last = pageCount();
    const head = `${n > 1 ? `<link rel="prev" href="${path(n - 1)}">` : ''}${n < last ? `<link rel="next" href="${path(n + 1)}">` : ''}`;
    const nav = `<nav class="pageNavWrapper"><ul class="pageNav-main">${[1, 2, last].filter((p, i, a) => p <= last && a.indexOf(p) === i).map((p) => `<li><a href="${path(p)}">${p}</a></li>`).join('')}</ul></nav>`;
    return `<html><head><title>Bridges | Imereti Forum</title>${head}</head><body><h1 class="p-title-value">Bridges</h1>${nav}${posts.slice((n - 1) * perPage, n * perPage).map(post).join('')}</body></html>`;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    service = testNewsService(db.prisma);
    server = await startHttpServer((req, res) => {
      requested.push(req.url ?? '');
      const n = req.url === path(1) ? 1 : Number(/^\/threads\/bridge\.1\/page-(\d+)$/.exec(req.url ?? '')?.[1]);
      if (!n || n > pageCount() || (broken && n > 1)) return void res.writeHead(404).end('not found');
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(page(n));
    });
  });
  afterAll(async () => {
    await service.fetcher.close();
    await server.close();
    await db.close();
  });

  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  let feedId = 0;
  const ingest = async () => {
    requested.length = 0;
    await db.prisma.feed.update({ where: { id: feedId }, data: { nextFetchAt: new Date(0) } });
    return service.news.ingestFeed(feedId);
  };
  const storedPosts = async () => (await db.prisma.article.findMany({ where: { feedId }, select: { url: true }, orderBy: { id: 'asc' } })).map((a) => Number(/#post-(\d+)/.exec(a.url)![1]) - 1000);

  it('reads only the last page when first followed', async () => {
    posts = range(1, 25);
    const source = await addSource(db.prisma, { guildId: '110000000000000301', actorId: '210000000000000301', url: `${server.origin}${path(1)}`, kind: 'thread', channelId: '310000000000000301', intervalMinutes: 15 });
    feedId = source.feedId;
    const first = await ingest();
    expect(first.status).not.toBe('failed');
    expect(first.inSource).toBe(5);
    expect(requested).toEqual([path(1), path(3)]);
    const feed = await db.prisma.feed.findUniqueOrThrow({ where: { id: feedId } });
    expect(feed.seenKeys).toEqual(range(21, 25).map((n) => `${server.origin}${path(1)}#post-${1000 + n}`));
  });

  it('posts what was written on the last page and the pages before it since the last read, and nothing older', async () => {
    posts = range(1, 50);
    const second = await ingest();
    expect(second.newArticles).toBe(25);
    expect(await storedPosts()).toEqual(range(26, 50));
    // Page 1, then the last, then back while a page held nothing seen.
    expect(requested.filter((u) => !u.includes('#'))).toEqual([path(1), path(5), path(4), path(3)]);
  });

  it('knows a post moved to another page by earlier ones’ deletion', async () => {
    // Ten early posts removed: posts 41–50 move from page 5 to page 4, where the new ones start.
    posts = range(11, 55);
    const third = await ingest();
    expect(third.newArticles).toBe(5);
    expect(third.duplicates).toBe(0);
    expect(await storedPosts()).toEqual(range(26, 55));
    expect(requested).toEqual([path(1), path(5), path(4)]);
  });

  it('says which page could not be read, and reads the thread again once it can', async () => {
    broken = true;
    const failed = await ingest();
    expect(failed.status).toBe('failed');
    const feed = await db.prisma.feed.findUniqueOrThrow({ where: { id: feedId } });
    expect(feed.lastError).toMatch(/^Its page \/threads\/bridge\.1\/page-5 could not be read: .*404/);
    broken = false;
    posts = [...posts, 56];
    const again = await ingest();
    expect(again.newArticles).toBe(1);
  });
});
