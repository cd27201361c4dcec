// A page that announces feeds is followed through its own (src/pipeline/resolve-source.ts feedsFor): a forum thread
// announcing its board's feeds is followed as the thread, and a news section through its own feed, not the whole
// site's; a site's front page takes the site's feed, and nobody's comments feed is taken for news.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.js';
import { createTestDatabase } from '../helpers/db.js';
import { testNewsService } from '../helpers/services.js';

const post = (i: number) =>
  `<article class="message message--post" data-author="user${i}" data-content="post-${100 + i}"><div class="message-body"><div class="bbWrapper">Reply ${i}: the new bridge over the river in Kutaisi will open in autumn, says member ${i}, who lives nearby.</div></div><time datetime="2025-07-0${1 + i}T10:00:00Z">x</time></article>`;
const thread = `<html><head><title>Kutaisi bridge | Imereti Forum</title>
<link rel="alternate" type="application/rss+xml" title="RSS feed for Imereti Forum" href="/forums/-/index.rss">
<link rel="alternate" type="application/rss+xml" title="RSS feed for Local news" href="/forums/local-news.2/index.rss">
</head><body><h1 class="p-title-value">Kutaisi bridge</h1>${[1, 2, 3].map(post).join('')}</body></html>`;
const links = ['parliament-passes-the-budget', 'mayor-resigns-after-protests', 'opposition-calls-for-elections'];
const section = (feeds: string) => `<html><head><title>Politics – Batumi Daily</title>${feeds}</head><body><main>${links
  .map((s) => `<article><h2><a href="/2025/07/10/${s}/">${s.replace(/-/g, ' ')} in Batumi</a></h2></article>`)
  .join('')}</main></body></html>`;
const feed = (title: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>http://x/</link>
<item><title>Selling a used car</title><link>http://127.0.0.1/threads/car.9/</link><guid>t9</guid></item></channel></rss>`;
// A phpBB 3.3 forum's page, announcing the board's feeds and (feeds of forums being on) its own, with a guest's sid.
const board = readFileSync(new URL('../fixtures/feeds/forum-phpbb-board.html', import.meta.url), 'utf8');
const boardFeeds = /<link rel="alternate"[^>]*>\n/g;
// phpBB 3.0 announces its feeds at feed.php: here the board's only, as a style that names no forum's feed does.
const oldBoard = board.replace(boardFeeds, '').replace('</title>', '</title>\n<link rel="alternate" type="application/atom+xml" title="Feed - Southeast Asia Travel Board" href="/forum30/feed.php">');
// The same page at phpBB SEO's addresses (forums `/border-crossings-f2/`, topics `/topic-t4521.html`), its links
// rewritten and absolute: nothing in its address or links says viewforum.php or f=2.
const seoBoard = board
  .replace(/\.\/viewtopic\.php\?t=(\d+)&amp;sid=\w+/g, '/forum/topic-t$1.html')
  .replace(/\.\/viewforum\.php\?f=2&amp;sid=\w+(?:&amp;start=25)?/g, '/forum/border-crossings-f2/')
  .replace(/\.\/index\.php\?sid=\w+/g, '/forum/');
const siteFeeds = `<link rel="alternate" type="application/rss+xml" title="Batumi Daily &raquo; Feed" href="/feed/">
<link rel="alternate" type="application/rss+xml" title="Batumi Daily &raquo; Comments Feed" href="/comments/feed/">`;

describe('a page that announces feeds', () => {
  let db: Database;
  let server: TestHttpServer;
  let service: ReturnType<typeof testNewsService>;
  beforeAll(async () => {
    db = await createTestDatabase();
    service = testNewsService(db.prisma);
    const pages: Record<string, [string, string]> = {
      '/threads/bridge.1/': ['text/html', thread],
      '/category/politics/': ['text/html', section(`${siteFeeds}<link rel="alternate" type="application/rss+xml" title="Politics" href="/category/politics/feed/">`)],
      '/category/culture/': ['text/html', section(siteFeeds)],
      '/': ['text/html', `<html><head><title>Batumi Daily</title>${siteFeeds.split('\n').reverse().join('\n')}</head><body><p>Welcome.</p></body></html>`],
    };
    pages['/en/'] = ['text/html', `<html><head><title>Batumi Daily</title>${siteFeeds}</head><body><p>Welcome.</p></body></html>`];
    // A front page that announces no feed, but links to one from its header and footer.
    pages['/index.html'] = ['text/html', section('').replace('<main>', '<header><a href="/rss/news.xml" class="rss-icon">RSS</a></header><main>').replace('</main>', '</main><footer><a href="/rss/news.xml">RSS feed</a></footer>')];
    pages['/rss/news.xml'] = ['application/rss+xml', feed('/rss/news.xml')];
    pages['/news/'] = ['text/html', section(`<link rel="alternate" type="application/rss+xml" title="Newsletter" href="/newsletter/feed/">`)];
    pages['/category/comment/'] = ['text/html', section(`${siteFeeds}<link rel="alternate" type="application/rss+xml" title="Batumi Daily &raquo; Comment Category Feed" href="/category/comment/feed/">`)];
    pages['/forum/viewforum.php?f=2'] = ['text/html', board];
    pages['/forum30/viewforum.php?f=2'] = ['text/html', oldBoard];
    // Feeds of forums turned off: the board's feed only.
    pages['/forum31/viewforum.php?f=2'] = ['text/html', board.replace(/<link[^>]*Feed - Forum[^>]*>/, '').replace(/\/forum\//g, '/forum31/')];
    pages['/forum/border-crossings-f2/'] = ['text/html', seoBoard];
    // Its forum's feed not announced, the forum's number in its "Search this forum" box alone.
    pages['/forum32/border-crossings-f2/'] = ['text/html', seoBoard.replace(/<link[^>]*Feed - Forum[^>]*>/, '').replace(/\/forum\//g, '/forum32/').replace('</h2>', '</h2><form action="/forum32/search.php"><input type="hidden" name="fid[0]" value="2"></form>')];
    for (const path of ['/forum/app.php/feed', '/forum/app.php/feed/forum/2', '/forum/app.php/feed/news', '/forum/app.php/feed/topics', '/forum30/feed.php', '/forum30/feed.php?f=2', '/forum31/app.php/feed', '/forum31/app.php/feed/topics', '/forum32/app.php/feed', '/forum32/app.php/feed/forum/2']) pages[path] = ['application/atom+xml', feed(path)];
    for (const path of ['/forums/-/index.rss', '/forums/local-news.2/index.rss', '/feed/', '/comments/feed/', '/category/politics/feed/', '/newsletter/feed/', '/category/comment/feed/']) pages[path] = ['application/rss+xml', feed(path)];
    server = await startHttpServer((req, res) => {
      // A phpBB guest's session id is no part of the address asked for.
      const page = pages[(req.url ?? '').replace(/[?&]sid=\w+$/, '')];
      if (!page) return void res.writeHead(404).end('not found');
      res.setHeader('content-type', `${page[0]}; charset=utf-8`);
      res.end(page[1]);
    });
  });
  afterAll(async () => {
    await service.fetcher.close();
    await server.close();
    await db.close();
  });

  const resolve = async (path: string) => {
    const resolved = await service.news.resolveSource(`${server.origin}${path}`);
    return { kind: resolved.kind, path: resolved.url.replace(server.origin, '') };
  };

  it('follows a forum thread as the thread, not its board’s feeds', async () => {
    expect(await resolve('/threads/bridge.1/')).toEqual({ kind: 'thread', path: '/threads/bridge.1/' });
  });

  it('follows a news section through its own feed, or as a page when it has none', async () => {
    expect(await resolve('/category/politics/')).toEqual({ kind: 'feed', path: '/category/politics/feed/' });
    expect(await resolve('/category/culture/')).toEqual({ kind: 'listing', path: '/category/culture/' });
  });

  it('follows a front page through the site’s feed, never its comments feed', async () => {
    expect(await resolve('/')).toEqual({ kind: 'feed', path: '/feed/' });
    // A language's root is a front page too.
    expect(await resolve('/en/')).toEqual({ kind: 'feed', path: '/feed/' });
  });

  it('follows a front page that announces no feed through the one it links to in its text', async () => {
    expect(await resolve('/index.html')).toEqual({ kind: 'feed', path: '/rss/news.xml' });
  });

  it('takes a section’s own feed only under its whole path, and a section named "Comment" is news', async () => {
    expect(await resolve('/news/')).toEqual({ kind: 'listing', path: '/news/' });
    expect(await resolve('/category/comment/')).toEqual({ kind: 'feed', path: '/category/comment/feed/' });
  });

  it('follows a phpBB forum’s page through that forum’s feed, announced or offered, never the whole board’s', async () => {
    expect(await resolve('/forum/viewforum.php?f=2')).toEqual({ kind: 'feed', path: '/forum/app.php/feed/forum/2' });
    expect(await resolve('/forum30/viewforum.php?f=2')).toEqual({ kind: 'feed', path: '/forum30/feed.php?f=2' });
    expect(await resolve('/forum31/viewforum.php?f=2')).toMatchObject({ path: '/forum31/viewforum.php?f=2' });
  });

  it('knows a phpBB forum’s page by its markup at SEO addresses, and follows that forum’s feed', async () => {
    expect(await resolve('/forum/border-crossings-f2/')).toEqual({ kind: 'feed', path: '/forum/app.php/feed/forum/2' });
    expect(await resolve('/forum32/border-crossings-f2/')).toEqual({ kind: 'feed', path: '/forum32/app.php/feed/forum/2' });
  });
});
