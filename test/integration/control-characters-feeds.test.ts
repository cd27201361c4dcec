// Control characters in what publishers send (src/pipeline/parse/parse-source.ts, worker/jobs.ts): PostgreSQL refuses
// U+0000, and one NUL in a feed's title or an item's guid failed the feed's whole ingest at every poll, silently
// (a new feed never remembered its items, so nothing was ever posted). Now they are dropped as the document is read,
// and a feed read but not stored is a failure of the feed's (src/ingest/news-service.ts), told and backed off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { addSource } from '../../src/db/sources.js';
import { createTestDatabase } from '../helpers/db.js';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.js';
import { articlePage, fixtureText } from '../helpers/news-site.js';
import { newsServiceOver, testNewsService } from '../helpers/services.js';

const mod = '210000000000000071';
const text = (n: number) => fixtureText('cop29-baku.txt').replace('on Monday', `on day ${n}`);
/** A text of its own for each item of the file (one text twice is a duplicate, not news). */
let texts = 0;
const n = () => ++texts;

interface Item {
  id: string;
  slug: string;
  title: string;
  /** The full text in the feed; without it the item is a teaser, read from its page. */
  full?: boolean;
  n: number;
}

/** A JSON Feed (its escapes carry U+0000 as "\u0000") and an RSS feed (a raw NUL in its XML) over the same items. */
function site(feedTitle: string) {
  const state = { feedTitle, items: [] as Item[], pageNul: false };
  let server: TestHttpServer;
  const url = (i: Item) => `${server.origin}/article/${i.slug}`;
  const start = async () => {
    server = await startHttpServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      if (path === '/feed.json') {
        res.setHeader('content-type', 'application/feed+json');
        const items = state.items.map((i) => ({ id: i.id, url: url(i), title: i.title, date_published: new Date(Date.UTC(2025, 7, 1, 9, i.n)).toISOString(), ...(i.full ? { content_text: text(i.n) } : { summary: 'A teaser.' }) }));
        return res.end(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: state.feedTitle, home_page_url: server.origin, items }));
      }
      if (path === '/feed.xml') {
        res.setHeader('content-type', 'application/rss+xml; charset=utf-8');
        const items = state.items.map((i) => `<item><title>${i.title}</title><link>${url(i)}</link><guid isPermaLink="false">${i.id}</guid><description>A teaser.</description></item>`);
        return res.end(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${state.feedTitle}</title><link>${server.origin}/</link>${items.join('')}</channel></rss>`);
      }
      const item = state.items.find((i) => path === `/article/${i.slug}`);
      if (!item) {
        res.statusCode = 404;
        return res.end('Not found');
      }
      res.setHeader('content-type', 'text/html; charset=utf-8');
      const page = articlePage({ slug: item.slug, title: item.title, text: text(item.n), published: new Date(Date.UTC(2025, 7, 1, 9, item.n)) }, 'Control Times');
      res.end(state.pageNul ? page.replace('</h1>', '</h1><p>Before\u0000after.</p>') : page);
    });
    return server;
  };
  return { state, start };
}

describe('control characters in feeds', () => {
  let db: Database;
  let services: ReturnType<typeof testNewsService>;
  const servers: TestHttpServer[] = [];
  // A server of its own for each feed: one that has a story already edits its post rather than posting it again.
  let follows = 0;
  const follow = async (s: ReturnType<typeof site>, path: string) => {
    const server = await s.start();
    servers.push(server);
    const channel = 310000000000000070n + BigInt(++follows);
    const source = await addSource(db.prisma, { guildId: String(110000000000000070n + BigInt(follows)), actorId: mod, url: `${server.origin}${path}`, kind: 'feed', channelId: String(channel), intervalMinutes: 15 });
    return source.feedId;
  };
  const feedRow = (feedId: number) => db.prisma.feed.findUniqueOrThrow({ where: { id: feedId } });
  /** The guids a feed remembers (its other keys are the items' links; a guid's key carries its title too). */
  const guidsSeen = async (feedId: number) => (await feedRow(feedId)).seenKeys.filter((k) => !k.startsWith('http')).map((k) => k.split('\u001f')[0]);
  /** Posts planned to the feed's own channel. */
  const postsOf = async (feedId: number) => db.prisma.delivery.count({ where: { channelId: (await db.prisma.source.findFirstOrThrow({ where: { feedId } })).channelId } });

  beforeAll(async () => {
    db = await createTestDatabase();
    services = testNewsService(db.prisma);
  });
  afterAll(async () => {
    await services.fetcher.close();
    await Promise.all([...servers.map((s) => s.close()), db.close()]);
  });

  it.each(['/feed.json', '/feed.xml'])('reads a new feed with a NUL in its title, and posts its next items (%s)', async (path) => {
    const s = site('Control\u0000 Times');
    s.state.items.push({ id: 'old-1', slug: 'old-1', title: 'Old news from the port', full: true, n: n() });
    const feedId = await follow(s, path);
    expect(await services.news.ingestFeed(feedId)).toMatchObject({ status: 'ok', problems: [] });
    expect(await feedRow(feedId)).toMatchObject({ title: 'Control Times', consecutiveFailures: 0, lastError: null });
    expect(await guidsSeen(feedId)).toEqual(['old-1']);
    s.state.items.unshift({ id: 'new-2', slug: 'new-2', title: 'Georgia and Armenia sign a rail deal', full: true, n: n() });
    const report = await services.news.ingestFeed(feedId);
    expect(report).toMatchObject({ status: 'ok', newArticles: 1, problems: [] });
    expect(report.newPosts).toHaveLength(1);
    expect(await postsOf(feedId)).toBe(1);
    expect(await guidsSeen(feedId)).toEqual(expect.arrayContaining(['old-1', 'new-2']));
  });

  it.each(['/feed.json', '/feed.xml'])('stores and posts items with a NUL in their guid, their title or their page (%s)', async (path) => {
    const s = site('Control Times');
    const feedId = await follow(s, path);
    await services.news.ingestFeed(feedId);
    s.state.items.unshift(
      { id: 'guid\u0000-3', slug: 'guid-3', title: 'Baku hosts a climate meeting', full: true, n: n() },
      { id: 'title-4', slug: 'title-4', title: 'Tbilisi metro\u0000 fares rise', full: true, n: n() },
      { id: 'page-5', slug: 'page-5', title: 'Yerevan opens a new bridge', n: n() },
    );
    s.state.pageNul = true;
    const report = await services.news.ingestFeed(feedId);
    expect(report).toMatchObject({ status: 'ok', newArticles: 3, problems: [] });
    expect(report.newPosts.length).toBeGreaterThan(0);
    const articles = await db.prisma.article.findMany({ where: { feedId }, select: { guid: true, title: true, text: true } });
    expect(articles.map((a) => a.guid).sort()).toEqual(['guid-3', 'page-5', 'title-4']);
    expect(articles.map((a) => a.title)).toContain('Tbilisi metro fares rise');
    expect(articles.every((a) => !a.text.includes('\u0000'))).toBe(true);
    expect(await guidsSeen(feedId)).toEqual(expect.arrayContaining(['guid-3', 'title-4', 'page-5']));
    expect(await services.news.ingestFeed(feedId)).toMatchObject({ newArticles: 0, problems: [] });
  });

  it('records a feed read but not stored as a failure of the feed, backed off and told', async () => {
    // What the parse stage now prevents, forced past it: the database refuses the feed's title.
    const { pipeline } = services;
    const news = newsServiceOver(db.prisma, {
      ...pipeline,
      readSource: async (source) => {
        const read = await pipeline.readSource(source);
        return { ...read, parsed: { ...read.parsed, title: 'Refused\u0000' } };
      },
    });
    const s = site('Control Times');
    s.state.items.push({ id: 'a-6', slug: 'a-6', title: 'Old news from the port', full: true, n: n() });
    const feedId = await follow(s, '/feed.json');
    const started = Date.now();
    const report = await news.ingestFeed(feedId);
    expect(report).toMatchObject({ status: 'failed', error: expect.stringMatching(/could not store/) });
    const feed = await feedRow(feedId);
    expect(feed.consecutiveFailures).toBe(1);
    expect(feed.lastError).toMatch(/could not store what it holds/);
    // Backed off like a failed fetch: not before the feed's interval, nor re-polled when a poll's claim lapses.
    expect(feed.nextFetchAt.getTime()).toBeGreaterThanOrEqual(started + 15 * 60_000);
    expect(feed.lastSuccessAt).toBeNull();
    for (let i = 0; i < 2; i++) await news.ingestFeed(feedId);
    expect(await db.prisma.source.findFirstOrThrow({ where: { feedId } })).toMatchObject({ paused: true, pausedReason: expect.stringMatching(/^Paused after 3 failed/) });
  });
});
