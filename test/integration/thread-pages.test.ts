// A forum thread longer than one page is read where its new posts are (src/pipeline/read-thread.ts): the followed
// first page stops changing once full, and its new posts were never read. A first read goes to the last page its
// pagination names; later reads go on from the page the last one stopped at, by "next", a few pages a read, and back
// while a page holds only unseen posts; a post is known by its id on any page it shows on.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { addSource } from '../../src/db/sources.js';
import { isThreadMark, threadMarkOf } from '../../src/pipeline/parse/item-key.js';
import { maxLaterPages } from '../../src/pipeline/read-thread.js';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.js';
import { createTestDatabase } from '../helpers/db.js';
import { testNewsService } from '../helpers/services.js';

const places = ['Kutaisi', 'Batumi', 'Zugdidi', 'Gori', 'Telavi', 'Poti', 'Rustavi', 'Borjomi', 'Mestia', 'Sighnaghi'];
const topics = ['bridge', 'market', 'school', 'hospital', 'railway station', 'football stadium', 'library', 'water supply', 'bus depot', 'theatre'];
const post = (n: number) =>
  `<article class="message message--post" data-author="member${n}" data-content="post-${1000 + n}"><div class="message-body"><div class="bbWrapper">Post ${n}: the ${topics[n % 10]} in ${places[Math.floor(n / 10) % 10]} ${n % 2 ? 'reopens after repairs' : 'closes for the winter'}, writes member ${n}, who saw it on day ${n}.</div></div><time datetime="2025-07-01T${String(n % 24).padStart(2, '0')}:00:00Z">x</time></article>`;
const perPage = 10;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * A XenForo thread at `/threads/<slug>/`, ten posts a page; `repeatFirst`: its first post atop every page, as some
 * engines show it; `nextOnly`: its pages name only the next and previous ones, no page numbers.
 */
function forumThread(slug: string, options: { repeatFirst?: boolean; password?: string; nextOnly?: boolean } = {}) {
  const thread = {
    posts: [] as number[],
    broken: false,
    requested: [] as string[],
    path: (n: number) => (n === 1 ? `/threads/${slug}/` : `/threads/${slug}/page-${n}`),
    /** Answers a request for one of its pages; false when the request is for another address. */
    serve(req: IncomingMessage, res: ServerResponse): boolean {
      const url = req.url ?? '';
      if (!url.startsWith(`/threads/${slug}/`)) return false;
      thread.requested.push(url);
      if (options.password && req.headers.authorization !== `Basic ${Buffer.from(`reader:${options.password}`).toString('base64')}`) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="forum"' }).end('who are you?');
        return true;
      }
      const last = Math.max(1, Math.ceil(thread.posts.length / perPage));
      const n = url === thread.path(1) ? 1 : Number(/\/page-(\d+)$/.exec(url)?.[1]);
      if (!n || n > last || (thread.broken && n > 1)) return void res.writeHead(404).end('not found'), true;
      const head = `${n > 1 ? `<link rel="prev" href="${thread.path(n - 1)}">` : ''}${n < last ? `<link rel="next" href="${thread.path(n + 1)}">` : ''}`;
      const nav = options.nextOnly ? '' : `<nav class="pageNavWrapper"><ul class="pageNav-main">${[...new Set([1, 2, last])].filter((p) => p <= last).map((p) => `<li><a href="${thread.path(p)}">${p}</a></li>`).join('')}</ul></nav>`;
      const shown = thread.posts.slice((n - 1) * perPage, n * perPage);
      if (options.repeatFirst && n > 1) shown.unshift(thread.posts[0]!);
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<html><head><title>Bridges | Imereti Forum</title>${head}</head><body><h1 class="p-title-value">Bridges</h1>${nav}${shown.map(post).join('')}</body></html>`);
      return true;
    },
  };
  return thread;
}

describe('a forum thread of several pages', () => {
  let db: Database;
  let server: TestHttpServer;
  let service: ReturnType<typeof testNewsService>;
  const bridge = forumThread('bridge.1');
  const repeated = forumThread('market.2', { repeatFirst: true });
  const locked = forumThread('school.3', { password: 's3cret' });
  /** Threads a test makes for itself. */
  const others: ReturnType<typeof forumThread>[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    service = testNewsService(db.prisma);
    server = await startHttpServer((req, res) => {
      if (![bridge, repeated, locked, ...others].some((t) => t.serve(req, res))) res.writeHead(404).end('not found');
    });
  });
  afterAll(async () => {
    await service.fetcher.close();
    await server.close();
    await db.close();
  });

  const follow = async (thread: ReturnType<typeof forumThread>, n: number, origin = server.origin) =>
    (await addSource(db.prisma, { guildId: `11000000000000030${n}`, actorId: '210000000000000301', url: `${origin}${thread.path(1)}`, kind: 'thread', channelId: `31000000000000030${n}`, intervalMinutes: 15 })).feedId;
  const ingest = async (thread: ReturnType<typeof forumThread>, feedId: number) => {
    thread.requested.length = 0;
    await db.prisma.feed.update({ where: { id: feedId }, data: { nextFetchAt: new Date(0) } });
    return service.news.ingestFeed(feedId);
  };
  /** A thread of its own for one test, followed and read once with `posts`. */
  const firstRead = async (slug: string, n: number, posts: number[], options: Parameters<typeof forumThread>[1] = {}) => {
    const thread = forumThread(slug, options);
    others.push(thread);
    const feedId = await follow(thread, n);
    thread.posts = posts;
    await ingest(thread, feedId);
    return { thread, feedId };
  };
  const storedPosts = async (feedId: number) => (await db.prisma.article.findMany({ where: { feedId }, select: { url: true }, orderBy: { id: 'asc' } })).map((a) => Number(/#post-(\d+)/.exec(a.url)![1]) - 1000);

  describe('followed on its first page', () => {
    let feedId = 0;

    it('reads only the last page when first followed', async () => {
      bridge.posts = range(1, 25);
      feedId = await follow(bridge, 1);
      const first = await ingest(bridge, feedId);
      expect(first.status).not.toBe('failed');
      expect(bridge.requested).toEqual([bridge.path(1), bridge.path(3)]);
      // The followed page's posts are remembered too, before the last page's.
      const feed = await db.prisma.feed.findUniqueOrThrow({ where: { id: feedId } });
      expect(feed.seenKeys.filter((key) => !isThreadMark(key))).toEqual([...range(1, 10), ...range(21, 25)].map((n) => `${server.origin}${bridge.path(1)}#post-${1000 + n}`));
      // And the page the read stopped at, where the next goes on.
      expect(threadMarkOf(feed.seenKeys)).toEqual({ url: `${server.origin}${bridge.path(3)}`, seeking: false });
      expect(first.inSource).toBe(15);
    });

    it('posts what was written on the last page and the pages before it since the last read, and nothing older', async () => {
      bridge.posts = range(1, 50);
      const second = await ingest(bridge, feedId);
      expect(second.newArticles).toBe(25);
      expect(await storedPosts(feedId)).toEqual(range(26, 50));
      // Page 1, then the page the last read stopped at, and on from there.
      expect(bridge.requested).toEqual([bridge.path(1), bridge.path(3), bridge.path(4), bridge.path(5)]);
    });

    it('knows a post moved to another page by earlier ones’ deletion', async () => {
      // Ten early posts removed: posts 41–50 move from page 5 to page 4, where the new ones start.
      bridge.posts = range(11, 55);
      const third = await ingest(bridge, feedId);
      expect(third.newArticles).toBe(5);
      expect(third.duplicates).toBe(0);
      expect(await storedPosts(feedId)).toEqual(range(26, 55));
      expect(bridge.requested).toEqual([bridge.path(1), bridge.path(5), bridge.path(4)]);
    });

    it('says which page could not be read, and reads the thread again once it can', async () => {
      bridge.broken = true;
      const failed = await ingest(bridge, feedId);
      expect(failed.status).toBe('failed');
      const feed = await db.prisma.feed.findUniqueOrThrow({ where: { id: feedId } });
      expect(feed.lastError).toMatch(/^Its page \/threads\/bridge\.1\/page-5 could not be read: .*404/);
      bridge.broken = false;
      bridge.posts = [...bridge.posts, 56];
      const again = await ingest(bridge, feedId);
      expect(again.newArticles).toBe(1);
    });

    it('posts every post of more new pages than a read takes, over the next reads, each of a few pages', async () => {
      // 110 posts since the last read: eleven pages, more than a read takes. None is lost: each read goes on from the
      // page the last one stopped at.
      bridge.posts = range(11, 166);
      const reads: number[] = [];
      for (let poll = 0; poll < 12; poll++) {
        const read = await ingest(bridge, feedId);
        expect(read.status).not.toBe('failed');
        expect(bridge.requested.length).toBeLessThanOrEqual(1 + maxLaterPages);
        reads.push(read.newArticles);
        if (!read.newArticles && !read.leftForLater) break;
      }
      expect(reads.filter((n) => n > 0).length).toBeGreaterThan(1);
      expect(await storedPosts(feedId)).toEqual(range(26, 166));
      bridge.posts = range(11, 167);
      const next = await ingest(bridge, feedId);
      expect(next.newArticles).toBe(1);
      expect((await storedPosts(feedId)).at(-1)).toBe(167);
    });
  });

  it('reads on, a few pages a read, a thread whose pages name only the next one, and posts its new posts', async () => {
    const { thread: chained, feedId } = await firstRead('mestia.7', 7, range(1, 120), { nextOnly: true });
    // Twelve pages, none naming the last: the first read goes as far as it may.
    expect(chained.requested).toEqual(range(1, 1 + maxLaterPages).map((n) => chained.path(n)));
    // The next goes on from there to the thread's end, and posts none of what it passes: history, not news.
    const seeking = await ingest(chained, feedId);
    expect(seeking.newArticles).toBe(0);
    expect(chained.requested.at(-1)).toBe(chained.path(12));
    chained.posts = range(1, 125);
    const fresh = await ingest(chained, feedId);
    expect(fresh.newArticles).toBe(5);
    expect(await storedPosts(feedId)).toEqual(range(121, 125));
    expect(chained.requested).toEqual([chained.path(1), chained.path(12), chained.path(13)]);
  });
  it('posts nothing again when the thread is back to one page', async () => {
    const { thread: shrinking, feedId } = await firstRead('gori.4', 4, range(1, 10));
    shrinking.posts = range(1, 12);
    expect((await ingest(shrinking, feedId)).newArticles).toBe(2);
    // A read that starts and ends on page 2.
    shrinking.posts = range(1, 13);
    expect((await ingest(shrinking, feedId)).newArticles).toBe(1);
    // Posts 11 to 13 were spam, deleted: page 2 is gone, and page 1 holds what was read at first.
    shrinking.posts = range(1, 10);
    expect((await ingest(shrinking, feedId)).newArticles).toBe(0);
  });

  it('posts none of a thread’s later pages the first time they are read after the upgrade, then reads on', async () => {
    const { thread: upgraded, feedId } = await firstRead('telavi.5', 5, range(1, 10));
    // As a feed stored before this change remembers: its followed page only.
    upgraded.posts = range(1, 35);
    await db.prisma.feed.update({ where: { id: feedId }, data: { pagesRemembered: false } });
    expect((await ingest(upgraded, feedId)).newArticles).toBe(0);
    expect((await db.prisma.feed.findUniqueOrThrow({ where: { id: feedId } })).pagesRemembered).toBe(true);
    upgraded.posts = range(1, 36);
    expect((await ingest(upgraded, feedId)).newArticles).toBe(1);
  });

  it('walks back past a first post every page repeats', async () => {
    repeated.posts = range(1, 15);
    const feedId = await follow(repeated, 2);
    await ingest(repeated, feedId);
    repeated.posts = range(1, 35);
    const second = await ingest(repeated, feedId);
    expect(await storedPosts(feedId)).toEqual(range(16, 35));
    expect(second.newArticles).toBe(20);
  });

  it('posts a first post every page repeats once: not again from the last page on the first read', async () => {
    const opener = forumThread('poti.6', { repeatFirst: true });
    others.push(opener);
    opener.posts = range(1, 15);
    const feedId = (await addSource(db.prisma, { guildId: '110000000000000306', actorId: '210000000000000301', url: `${server.origin}${opener.path(1)}`, kind: 'thread', channelId: '310000000000000306', intervalMinutes: 15, backfill: 10 })).feedId;
    await ingest(opener, feedId);
    expect(opener.requested).toEqual([opener.path(1), opener.path(2)]);
    // The backfill is the last page's posts; its first post, read on the followed page, is not one of them.
    expect((await storedPosts(feedId)).sort((a, b) => a - b)).toEqual(range(11, 15));
  });

  it('reads the later pages of a thread behind a password', async () => {
    locked.posts = range(1, 15);
    const feedId = await follow(locked, 3, server.origin.replace('//', '//reader:s3cret@'));
    const first = await ingest(locked, feedId);
    expect(first.status).not.toBe('failed');
    expect(locked.requested).toEqual([locked.path(1), locked.path(2)]);
    locked.posts = range(1, 17);
    expect((await ingest(locked, feedId)).newArticles).toBe(2);
  });
});
