// Items of a feed that fail for a passing reason are read again, a few times, and no poll waits on them for ever; a
// huge feed is read as its newest thousand items (src/ingest/news-service.ts, src/ingest/item-retries.ts).
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { addSource } from '../../src/db/sources.js';
import { maxItemAttempts } from '../../src/ingest/item-retries.js';
import { createTestDatabase } from '../helpers/db.js';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.js';
import { articlePage, fixtureText, rssFeed, type SiteArticle } from '../helpers/news-site.js';
import { testNewsService } from '../helpers/services.js';

const guild = '110000000000000061';
const mod = '210000000000000061';
const day = (d: number, minute = 0) => new Date(Date.UTC(2025, 7, d, 9, minute));

/** A site whose feed answers conditional requests with 304, and whose pages can fail or stall on demand. */
function site() {
  const state = {
    items: [] as SiteArticle[],
    /** Slug → statuses to answer before the page itself (503, 404…). */
    failing: new Map<string, number[]>(),
    /** Milliseconds each page takes. */
    pageDelayMs: 0,
  };
  let server: TestHttpServer;
  const start = async () => {
    server = await startHttpServer(async (req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      if (path === '/feed.xml') {
        const body = rssFeed('Retry Times', server.origin, state.items);
        const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
        if (req.headers['if-none-match'] === etag) {
          res.statusCode = 304;
          return res.end();
        }
        res.setHeader('etag', etag);
        res.setHeader('content-type', 'application/rss+xml; charset=utf-8');
        return res.end(body);
      }
      const slug = path.slice('/article/'.length);
      const status = state.failing.get(slug)?.shift();
      if (status) {
        res.statusCode = status;
        return res.end('try later');
      }
      const article = state.items.find((a) => a.slug === slug);
      if (!article) {
        res.statusCode = 404;
        return res.end('Not found');
      }
      if (state.pageDelayMs) await new Promise((resolve) => setTimeout(resolve, state.pageDelayMs));
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(articlePage(article, 'Retry Times'));
    });
    return server;
  };
  return { state, start, pageRequests: (slug: string) => server.requests.filter((r) => r.url === `/article/${slug}`).length };
}

const text = (n: number) => fixtureText('cop29-baku.txt').replace('on Monday', `on day ${n}`);

describe('items that fail, and feeds too large to remember', () => {
  let db: Database;
  let services: ReturnType<typeof testNewsService>;
  const servers: TestHttpServer[] = [];
  const follow = async (s: ReturnType<typeof site>, channel: string) => {
    const server = await s.start();
    servers.push(server);
    const source = await addSource(db.prisma, { guildId: guild, actorId: mod, url: `${server.origin}/feed.xml`, kind: 'feed', channelId: channel, intervalMinutes: 15 });
    expect(await services.news.ingestFeed(source.feedId)).toMatchObject({ status: 'ok', newArticles: 0 });
    return source.feedId;
  };
  const stored = (slug: string) => db.prisma.article.count({ where: { url: { endsWith: `/article/${slug}` } } });

  beforeAll(async () => {
    db = await createTestDatabase();
    services = testNewsService(db.prisma, { ingestBudgetMs: 1_500 });
  });
  afterAll(async () => {
    await services.fetcher.close();
    await Promise.all([...servers.map((s) => s.close()), db.close()]);
  });

  it('reads an item whose page was down again at the next poll, though the feed is unchanged', async () => {
    const s = site();
    const feedId = await follow(s, '310000000000000061');
    s.state.items.unshift({ slug: 'down-once', title: 'Flooding closes the port of Poti', text: text(1), published: day(2) });
    s.state.failing.set('down-once', [503]);
    const first = await services.news.ingestFeed(feedId);
    expect(first).toMatchObject({ newArticles: 0, problems: [expect.objectContaining({ reason: expect.stringMatching(/503/) })] });
    const second = await services.news.ingestFeed(feedId);
    expect(second).toMatchObject({ status: 'ok', newArticles: 1, problems: [] });
    expect(await stored('down-once')).toBe(1);
    // Once read, the feed's validators are kept again: the next unchanged poll is a 304.
    expect(await services.news.ingestFeed(feedId)).toMatchObject({ status: 'not-modified' });
  });

  it('gives an item up after a few failed polls, and says so when every new item failed', async () => {
    const s = site();
    const feedId = await follow(s, '310000000000000062');
    s.state.items.unshift({ slug: 'always-down', title: 'Tbilisi metro fares rise', text: text(2), published: day(3) });
    s.state.items.unshift({ slug: 'also-down', title: 'Yerevan opens a new bridge', text: text(3), published: day(3, 5) });
    s.state.failing.set('always-down', Array(10).fill(503));
    s.state.failing.set('also-down', Array(10).fill(429));
    for (let poll = 1; poll <= maxItemAttempts + 1; poll++) await services.news.ingestFeed(feedId);
    expect(s.pageRequests('always-down')).toBe(maxItemAttempts);
    expect(s.pageRequests('also-down')).toBe(maxItemAttempts);
    const feed = await db.prisma.feed.findUniqueOrThrow({ where: { id: feedId } });
    expect(feed.lastError).toMatch(/^None of the 2 new items could be read; the first: .*429/);
    expect(feed.seenKeys).toEqual(expect.arrayContaining([expect.stringMatching(/always-down/), expect.stringMatching(/also-down/)]));
  });

  it('leaves the items past its time budget for the next poll', async () => {
    const s = site();
    const feedId = await follow(s, '310000000000000063');
    for (let i = 0; i < 6; i++) s.state.items.unshift({ slug: `slow-${i}`, title: `Slow page ${i} about Batumi harbour works`, text: text(10 + i), published: day(4, i) });
    s.state.pageDelayMs = 700;
    const first = await services.news.ingestFeed(feedId);
    // Some read, the rest left: the budget, not the pages, ended the poll.
    expect(first.newArticles).toBeGreaterThan(0);
    expect(first.newArticles).toBeLessThan(6);
    const feed = await db.prisma.feed.findUniqueOrThrow({ where: { id: feedId } });
    expect(feed.nextFetchAt.getTime() - feed.lastFetchAt!.getTime()).toBeLessThanOrEqual(60_000);
    s.state.pageDelayMs = 0;
    const second = await services.news.ingestFeed(feedId);
    expect(first.newArticles + second.newArticles).toBe(6);
  });

  it('reads a feed of thousands of items as its newest thousand, and never posts the older ones as news', async () => {
    const s = site();
    s.state.items = Array.from({ length: 1_200 }, (_, i) => ({ slug: `old-${i}`, title: `Archive item ${i}`, text: `Archive text ${i}.`, published: new Date(Date.UTC(2020, 0, 1) - i * 3_600_000), fullInFeed: true }));
    const feedId = await follow(s, '310000000000000064');
    s.state.items.unshift({ slug: 'fresh', title: 'Georgia and Armenia sign a rail deal', text: text(20), published: day(5) });
    const report = await services.news.ingestFeed(feedId);
    expect(report).toMatchObject({ newArticles: 1, problems: [] });
    expect(await stored('fresh')).toBe(1);
    expect(await db.prisma.article.count({ where: { url: { contains: '/article/old-' } } })).toBe(0);
  });
});
