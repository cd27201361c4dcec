// A site's wait (a page's or a feed's Retry-After) is held in the database: a restarted bot, or a second process on
// the same database, does not ask the site again before the wait is over (src/db/site-waits.ts,
// src/ingest/site-waits.ts); nor does a member's share or a moderator's preview, which learn a site's wait as polls do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { recordSiteWait, siteWaits } from '../../src/db/site-waits.js';
import { addSource } from '../../src/db/sources.js';
import { SiteWaitError } from '../../src/errors.js';
import { maxPageWaitMs } from '../../src/ingest/site-waits.js';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.js';
import { createTestDatabase } from '../helpers/db.js';
import { failingSite, siteFollower } from '../helpers/failing-site.js';
import { fixtureText, rssFeed } from '../helpers/news-site.js';
import { testNewsService } from '../helpers/services.js';

const guild = '110000000000000071';
const mod = '210000000000000071';
const day = (d: number, minute = 0) => new Date(Date.UTC(2025, 8, d, 9, minute));
const text = (n: number) => fixtureText('cop29-baku.txt').replace('on Monday', `on day ${n}`);

describe("sites' waits across restarts and processes", () => {
  let db: Database;
  /** How far the services' clock is ahead of the real one: a site's wait passes without the test sleeping. */
  let skew = 0;
  const service = () => testNewsService(db.prisma, { maxFailures: 10, now: () => new Date(Date.now() + skew) });
  const services: ReturnType<typeof service>[] = [];
  const started = () => {
    const s = service();
    services.push(s);
    return s;
  };
  let first: ReturnType<typeof service>;
  let sites: ReturnType<typeof siteFollower>;
  const stored = (slug: string) => db.prisma.article.count({ where: { url: { endsWith: `/article/${slug}` } } });
  /** Sites started on hosts of their own (a wait is a host's, whatever the port), closed after the file. */
  const ownSites: TestHttpServer[] = [];
  const startOn = async (s: ReturnType<typeof failingSite>, host: string) => {
    const server = await s.start(host);
    ownSites.push(server);
    return server;
  };
  const waitOn = async (host: string) => (await siteWaits(db.prisma, [host], new Date(Date.now() + skew))).get(host)?.getTime();
  const inWords = (host: string) => new RegExp(`^${host.replaceAll('.', '\\.')} asked Gazette to wait before reading it again; try again after <t:\\d+:t> \\(<t:\\d+:R>\\)\\.$`);

  beforeAll(async () => {
    db = await createTestDatabase();
    first = started();
    sites = siteFollower(db.prisma, () => first.news, { guild, mod });
  });
  afterAll(async () => {
    await Promise.all(services.map((s) => s.fetcher.close()));
    await Promise.all([sites.close(), ...ownSites.map((s) => s.close()), db.close()]);
  });

  it('is honoured by a restarted service: neither the page nor the feed on its site is fetched before the wait is over', async () => {
    const s = failingSite();
    const feedId = await sites.follow(s, '310000000000000071');
    s.state.items.unshift({ slug: 'restart', title: 'Poti port dredging resumes', text: text(1), published: day(1) });
    s.state.failing.set('restart', [429]);
    s.state.retryAfter = '3600';
    expect(await first.news.ingestFeed(feedId)).toMatchObject({ status: 'ok', newArticles: 0, problems: [{ reason: expect.stringMatching(/429/) }] });
    const feedRequests = s.feedRequests();
    // The bot restarts (a new service, nothing in its memory) and polls the feed 15 minutes on, inside the hour.
    const restarted = started();
    skew += 15 * 60_000;
    expect(await restarted.news.ingestFeed(feedId)).toMatchObject({ status: 'ok', newArticles: 0, problems: [] });
    expect(s.feedRequests()).toBe(feedRequests);
    expect(s.pageRequests('restart')).toBe(1);
    // Held back until the hour is over, not failing.
    const feed = await db.prisma.feed.findUniqueOrThrow({ where: { id: feedId } });
    expect(feed).toMatchObject({ consecutiveFailures: 0, lastError: null });
    expect(feed.nextFetchAt.getTime()).toBeGreaterThan(Date.now() + skew + 40 * 60_000);
    // Once it is over, the restarted service reads the page.
    skew += 46 * 60_000;
    expect(await restarted.news.ingestFeed(feedId)).toMatchObject({ status: 'ok', newArticles: 1, problems: [] });
    expect(s.pageRequests('restart')).toBe(2);
    expect(await stored('restart')).toBe(1);
  });

  it("is honoured by a second service running beside the first: an aggregator's page on that site waits, its other items do not", async () => {
    // A second process, running beside the first on the same database: it never saw the site's answer.
    const second = started();
    const { s, other, feedId } = await sites.aggregator('310000000000000072');
    s.state.items.unshift({ slug: 'home-1', title: 'Kutaisi airport adds a route', text: text(2), published: day(2) });
    other.state.items.unshift({ slug: 'away-1', title: 'Zugdidi market moves to a new hall', text: text(3), published: day(2, 1) });
    other.state.failing.set('away-1', [429]);
    other.state.retryAfter = '3600';
    expect(await first.news.ingestFeed(feedId)).toMatchObject({ newArticles: 1, problems: [{ reason: expect.stringMatching(/429/) }] });
    // The second process polls the feed (its own site has no wait): the waiting site's page is left alone.
    s.state.items.unshift({ slug: 'home-2', title: 'Batumi port extends its pier', text: text(4), published: day(2, 2) });
    skew += 15 * 60_000;
    expect(await second.news.ingestFeed(feedId)).toMatchObject({ status: 'ok', newArticles: 1, problems: [] });
    expect(other.pageRequests('away-1')).toBe(1);
    expect(await stored('home-2')).toBe(1);
    // After the hour, either process reads it.
    skew += 46 * 60_000;
    expect(await second.news.ingestFeed(feedId)).toMatchObject({ status: 'ok', newArticles: 1, problems: [] });
    expect(other.pageRequests('away-1')).toBe(2);
  });

  it("refuses a member's share while the site waits, in plain words, and learns a wait the shared page asks for", async () => {
    const s = failingSite();
    const server = await startOn(s, '127.0.0.3');
    const channelId = '310000000000000073';
    s.state.items.push({ slug: 'share-1', title: 'Rustavi steel plant reopens', text: text(5), published: day(3) });
    s.state.items.push({ slug: 'share-2', title: 'Gori fortress restoration ends', text: text(6), published: day(3, 1) });
    s.state.failing.set('share-1', [429]);
    s.state.retryAfter = '3600';
    const share = (news: typeof first.news, slug: string) => news.shareArticle({ url: `${server.origin}/article/${slug}`, guildId: guild, channelId });
    // The page itself asks Gazette to wait: the member is told when to try again, and the site's wait is kept.
    await expect(share(first.news, 'share-1')).rejects.toThrow(inWords('127.0.0.3'));
    expect(await waitOn('127.0.0.3')).toBeGreaterThan(Date.now() + skew + 59 * 60_000);
    // Another page of the site, shared through another process inside the hour: refused without asking the site.
    const second = started();
    await expect(share(second.news, 'share-2')).rejects.toBeInstanceOf(SiteWaitError);
    expect(s.pageRequests('share-1')).toBe(1);
    expect(s.pageRequests('share-2')).toBe(0);
    expect((await stored('share-1')) + (await stored('share-2'))).toBe(0);
    // After the hour the share is read and stored.
    skew += 61 * 60_000;
    await expect(share(second.news, 'share-2')).resolves.toMatchObject({ storyId: expect.any(Number) });
    expect(await stored('share-2')).toBe(1);
  });

  it("refuses a moderator's preview (/source add, test, import) while the site waits, and learns a wait it is answered with", async () => {
    const s = failingSite();
    const server = await startOn(s, '127.0.0.4');
    s.state.items.push({ slug: 'preview-1', title: 'Telavi wine harvest starts early', text: text(7), published: day(4) });
    s.state.failing.set('preview-1', [503, 429]);
    s.state.retryAfter = '1800';
    // `/source add` of one page, answered 503 with Retry-After: said as a wait, but not kept for the whole site (a
    // 503 may be that page's trouble alone); answered 429, the site's rate limit, kept for polls.
    await expect(first.news.preview(`${server.origin}/article/preview-1`, 3)).rejects.toThrow(inWords('127.0.0.4'));
    expect(await waitOn('127.0.0.4')).toBeUndefined();
    await expect(first.news.preview(`${server.origin}/article/preview-1`, 3)).rejects.toThrow(inWords('127.0.0.4'));
    expect(await waitOn('127.0.0.4')).toBeGreaterThan(Date.now() + skew + 29 * 60_000);
    // The site's feed, previewed or resolved (an import's line) inside the wait, by either process: not fetched.
    const second = started();
    await expect(second.news.preview(`${server.origin}/feed.xml`, 3)).rejects.toBeInstanceOf(SiteWaitError);
    await expect(first.news.resolveSource(`${server.origin}/feed.xml`)).rejects.toBeInstanceOf(SiteWaitError);
    expect(s.feedRequests()).toBe(0);
    expect(s.pageRequests('preview-1')).toBe(2);
    skew += 31 * 60_000;
    await expect(second.news.preview(`${server.origin}/feed.xml`, 3)).resolves.toMatchObject({ source: { kind: 'feed' }, problems: [] });
    expect(s.pageRequests('preview-1')).toBe(3);
  });

  it("learns a site's wait from its feed's own answer, capped as a page's: the site's other feeds and pages are left alone", async () => {
    const s = failingSite();
    const server = await startOn(s, '127.0.0.5');
    const channelId = '310000000000000075';
    const follow = async (url: string) => {
      const source = await addSource(db.prisma, { guildId: guild, actorId: mod, url, kind: 'feed', channelId, intervalMinutes: 15 });
      return source.feedId;
    };
    const feedId = await follow(`${server.origin}/feed.xml`);
    expect(await first.news.ingestFeed(feedId)).toMatchObject({ status: 'ok' });
    // The feed answers 429 asking for two days: its site's wait is six hours at most.
    s.state.feedFailing = [429];
    s.state.retryAfter = String(2 * 24 * 3600);
    // A wait, not a failure of the feed: its failures and notice stay as they were.
    const before = await db.prisma.feed.findUniqueOrThrow({ where: { id: feedId } });
    expect(await first.news.ingestFeed(feedId)).toMatchObject({ status: 'ok', postponed: 'site-wait' });
    expect(await db.prisma.feed.findUniqueOrThrow({ where: { id: feedId } })).toMatchObject({ consecutiveFailures: 0, lastError: before.lastError });
    const now = Date.now() + skew;
    const until = await waitOn('127.0.0.5');
    expect(until).toBeGreaterThan(now + 5.9 * 3_600_000);
    expect(until).toBeLessThanOrEqual(now + 6 * 3_600_000);
    // Another feed of the site, polled by another process, is put off; a page of it shared is not fetched.
    const other = await follow(`${server.origin}/feed.xml?edition=ru`);
    const second = started();
    const requests = server.requests.length;
    expect(await second.news.ingestFeed(other)).toMatchObject({ postponed: 'site-wait' });
    s.state.items.push({ slug: 'feed-wait', title: 'Zestaponi ferroalloy plant idles', text: text(8), published: day(5) });
    await expect(second.news.shareArticle({ url: `${server.origin}/article/feed-wait`, guildId: guild, channelId })).rejects.toBeInstanceOf(SiteWaitError);
    expect(server.requests.length).toBe(requests);
  });

  it('puts the site that answered on hold, not a link shortener that redirected to it', async () => {
    const s = failingSite();
    const publisher = await startOn(s, '127.0.0.6');
    s.state.items.push({ slug: 'behind-link', title: 'Kutaisi airport adds routes', text: text(9), published: day(6) });
    s.state.failing.set('behind-link', [429]);
    s.state.retryAfter = '3600';
    const shortener = await startHttpServer((req, res) => {
      res.statusCode = 301;
      res.setHeader('location', `${publisher.origin}/article/behind-link`);
      res.end();
    }, { host: '127.0.0.8' });
    ownSites.push(shortener);
    const share = first.news.shareArticle({ url: `${shortener.origin}/x1`, guildId: guild, channelId: '310000000000000076' });
    await expect(share).rejects.toThrow(inWords('127.0.0.6'));
    expect(await waitOn('127.0.0.6')).toBeGreaterThan(Date.now() + skew + 59 * 60_000);
    expect(await waitOn('127.0.0.8')).toBeUndefined();
    // Shared again inside the hour: refused without asking the publisher again (the shortener may still be asked).
    await expect(first.news.shareArticle({ url: `${shortener.origin}/x1`, guildId: guild, channelId: '310000000000000076' })).rejects.toThrow(inWords('127.0.0.6'));
    expect(s.pageRequests('behind-link')).toBe(1);
  });

  it("holds back an aggregator's link that redirected to a site asking to wait, without spending its attempts", async () => {
    const publisher = await startHttpServer((_req, res) => {
      res.statusCode = 429;
      res.setHeader('retry-after', '3600');
      res.end('try later');
    }, { host: '127.0.0.13' });
    const items = [{ slug: 'via', title: 'Batumi port handles record cargo', text: text(10), published: day(7) }];
    let listed = false;
    const aggregator = await startHttpServer((req, res) => {
      if (req.url === '/feed.xml') {
        res.setHeader('content-type', 'application/rss+xml; charset=utf-8');
        return res.end(rssFeed('Aggregator', aggregator.origin, listed ? items : []));
      }
      res.statusCode = 302;
      res.setHeader('location', `${publisher.origin}${req.url}`);
      res.end();
    }, { host: '127.0.0.12' });
    ownSites.push(publisher, aggregator);
    const source = await addSource(db.prisma, { guildId: guild, actorId: mod, url: `${aggregator.origin}/feed.xml`, kind: 'feed', channelId: '310000000000000078', intervalMinutes: 15 });
    await first.news.ingestFeed(source.feedId);
    listed = true;
    const asked = () => aggregator.requests.filter((r) => r.url === '/article/via').length;
    await first.news.ingestFeed(source.feedId);
    expect(asked()).toBe(1);
    expect(await waitOn('127.0.0.13')).toBeGreaterThan(Date.now() + skew + 59 * 60_000);
    // Polled again within the hour: the link is held back with the site it leads to, not asked again.
    for (const minutes of [2, 4, 6]) {
      skew += minutes * 60_000;
      await first.news.ingestFeed(source.feedId);
    }
    expect(asked()).toBe(1);
    expect(publisher.requests).toHaveLength(1);
  });

  it("follows a page's next announced feed when the first is on a site that asked to wait", async () => {
    const elsewhere = await startHttpServer({ '/feed.xml': (_req, res) => res.end(rssFeed('Elsewhere', 'http://127.0.0.11', [])) }, { host: '127.0.0.11' });
    const home = await startHttpServer(
      {
        '/': (_req, res) => {
          res.setHeader('content-type', 'text/html; charset=utf-8');
          res.end(`<!doctype html><html><head><title>Tbilisi Times</title>
<link rel="alternate" type="application/rss+xml" title="Partner" href="${elsewhere.origin}/feed.xml">
<link rel="alternate" type="application/rss+xml" title="Tbilisi Times" href="/rss.xml"></head><body><p>Home</p></body></html>`);
        },
        '/rss.xml': (_req, res) => {
          res.setHeader('content-type', 'application/rss+xml; charset=utf-8');
          res.end(rssFeed('Tbilisi Times', 'http://127.0.0.10', []));
        },
      },
      { host: '127.0.0.10' },
    );
    ownSites.push(elsewhere, home);
    await recordSiteWait(db.prisma, '127.0.0.11', new Date(Date.now() + skew + 3_600_000));
    await expect(first.news.resolveSource(`${home.origin}/`)).resolves.toMatchObject({ url: `${home.origin}/rss.xml`, kind: 'feed' });
    expect(elsewhere.requests).toHaveLength(0);
  });

  it("leaves the site alone when only its feed answers 503: that feed's trouble, on a host that may serve other feeds", async () => {
    const s = failingSite();
    const server = await startOn(s, '127.0.0.9');
    const source = await addSource(db.prisma, { guildId: guild, actorId: mod, url: `${server.origin}/feed.xml`, kind: 'feed', channelId: '310000000000000077', intervalMinutes: 15 });
    expect(await first.news.ingestFeed(source.feedId)).toMatchObject({ status: 'ok' });
    s.state.feedFailing = [503];
    s.state.retryAfter = '3600';
    const before = await db.prisma.feed.findUniqueOrThrow({ where: { id: source.feedId } });
    expect(await first.news.ingestFeed(source.feedId)).toMatchObject({ status: 'ok', postponed: 'site-wait' });
    expect(await waitOn('127.0.0.9')).toBeUndefined();
    // The feed itself waits as asked, not held as failing.
    const feed = await db.prisma.feed.findUniqueOrThrow({ where: { id: source.feedId } });
    expect(feed).toMatchObject({ consecutiveFailures: 0, lastError: before.lastError });
    expect(feed.nextFetchAt.getTime()).toBeGreaterThan(Date.now() + skew + 59 * 60_000);
  });

  it("holds only the page when an article answers 503 with Retry-After: its feed and the site's other pages are read meanwhile", async () => {
    const s = failingSite();
    const server = await startOn(s, '127.0.0.12');
    const source = await addSource(db.prisma, { guildId: guild, actorId: mod, url: `${server.origin}/feed.xml`, kind: 'feed', channelId: '310000000000000078', intervalMinutes: 15 });
    expect(await first.news.ingestFeed(source.feedId)).toMatchObject({ status: 'ok' });
    s.state.items.unshift({ slug: 'down-page', title: 'Poti port dredging halted', text: text(90), published: day(20) });
    s.state.failing.set('down-page', [503]);
    s.state.retryAfter = '86400';
    expect(await first.news.ingestFeed(source.feedId)).toMatchObject({ status: 'ok', newArticles: 0, problems: [{ reason: expect.stringMatching(/503/) }] });
    expect(await waitOn('127.0.0.12')).toBeUndefined();
    // Half an hour on the feed is read as usual and its new item stored; the page is not asked again inside its wait.
    s.state.items.unshift({ slug: 'next-page', title: 'Kutaisi airport adds a route', text: text(91), published: day(20, 5) });
    skew += 30 * 60_000;
    const feedRequests = s.feedRequests();
    expect(await first.news.ingestFeed(source.feedId)).toMatchObject({ status: 'ok', newArticles: 1, problems: [] });
    expect(s.feedRequests()).toBe(feedRequests + 1);
    expect(s.pageRequests('down-page')).toBe(1);
    const feed = await db.prisma.feed.findUniqueOrThrow({ where: { id: source.feedId } });
    expect(feed).toMatchObject({ consecutiveFailures: 0, lastError: null });
    expect(feed.nextFetchAt.getTime()).toBeLessThan(Date.now() + skew + 17 * 60_000);
    // Its wait over (capped at six hours), the page is read.
    skew += maxPageWaitMs;
    expect(await first.news.ingestFeed(source.feedId)).toMatchObject({ status: 'ok', newArticles: 1, problems: [] });
    expect(await stored('down-page')).toBe(1);
  });
});
