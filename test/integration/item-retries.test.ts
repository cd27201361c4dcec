// Items of a feed that fail for a passing reason are read again, a few times, and no poll waits on them for ever; a
// huge feed is read as its newest thousand items (src/ingest/news-service.ts, src/ingest/item-retries.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { addSource } from '../../src/db/sources.js';
import { maxPageWaitMs } from '../../src/ingest/site-waits.js';
import { maxItemAttempts } from '../../src/ingest/item-retries.js';
import { retryItemsAfterMs } from '../../src/ingest/poll-timing.js';
import type { Metrics } from '../../src/metrics/metrics.js';
import { createTestDatabase } from '../helpers/db.js';
import { failingSite, siteFollower } from '../helpers/failing-site.js';
import { fixtureText } from '../helpers/news-site.js';
import { testNewsService } from '../helpers/services.js';

const guild = '110000000000000061';
const mod = '210000000000000061';
const day = (d: number, minute = 0) => new Date(Date.UTC(2025, 7, d, 9, minute));

const text = (n: number) => fixtureText('cop29-baku.txt').replace('on Monday', `on day ${n}`);

describe('items that fail, and feeds too large to remember', () => {
  let db: Database;
  let services: ReturnType<typeof testNewsService>;
  let sites: ReturnType<typeof siteFollower>;
  /** Each poll's gazette_feed_fetches_total label. */
  const fetches: string[] = [];
  const metrics = { countFetch: (result: string) => fetches.push(result), countArticlesStored: () => undefined } as Partial<Metrics> as Metrics;
  const stored = (slug: string) => db.prisma.article.count({ where: { url: { endsWith: `/article/${slug}` } } });
  /** How far the service's clock is ahead of the real one: a site's wait passes without the test sleeping. */
  let skew = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    // Feeds whose every item fails count failures, like failed fetches: none pauses itself here.
    services = testNewsService(db.prisma, { ingestBudgetMs: 1_500, maxFailures: 10, metrics, now: () => new Date(Date.now() + skew) });
    sites = siteFollower(db.prisma, () => services.news, { guild, mod });
  });
  afterAll(async () => {
    await services.fetcher.close();
    await Promise.all([sites.close(), db.close()]);
  });

  it('reads an item whose page was down again at the next poll, though the feed is unchanged', async () => {
    const s = failingSite();
    const feedId = await sites.follow(s, '310000000000000061');
    s.state.items.unshift({ slug: 'down-once', title: 'Flooding closes the port of Poti', text: text(1), published: day(2) });
    s.state.failing.set('down-once', [503]);
    const first = await services.news.ingestFeed(feedId);
    expect(first).toMatchObject({ newArticles: 0, problems: [expect.objectContaining({ reason: expect.stringMatching(/503/) })] });
    // Tried again in a few minutes, not one: a minute apart, its attempts spanned two minutes, and a site down for three
    // lost the article for good.
    const due = (await db.prisma.feed.findUniqueOrThrow({ where: { id: feedId } })).nextFetchAt!.getTime() - (Date.now() + skew);
    expect(due).toBeGreaterThan(retryItemsAfterMs - 30_000);
    expect(due).toBeLessThanOrEqual(retryItemsAfterMs);
    const second = await services.news.ingestFeed(feedId);
    expect(second).toMatchObject({ status: 'ok', newArticles: 1, problems: [] });
    expect(await stored('down-once')).toBe(1);
    // Once read, the feed's validators are kept again: the next unchanged poll is a 304.
    expect(await services.news.ingestFeed(feedId)).toMatchObject({ status: 'not-modified' });
  });

  it('keeps the new items of a site that is down however many polls it takes, the feed failing meanwhile', async () => {
    const s = failingSite();
    const feedId = await sites.follow(s, '310000000000000062');
    s.state.items.unshift({ slug: 'always-down', title: 'Tbilisi metro fares rise', text: text(2), published: day(3) });
    s.state.items.unshift({ slug: 'also-down', title: 'Yerevan opens a new bridge', text: text(3), published: day(3, 5) });
    const polls = maxItemAttempts + 2;
    s.state.failing.set('always-down', Array(polls).fill(503));
    s.state.failing.set('also-down', Array(polls).fill(429));
    for (let poll = 1; poll <= polls; poll++) await services.news.ingestFeed(feedId);
    // Each poll a failing check (every item failed, for a reason that may pass), in the first item's words: the site is
    // down, and the attempts are the feed's (it backs off, and would pause), not the items'. Counted, the site being
    // down for under an hour of back-off lost them for good.
    expect(await db.prisma.feed.findUniqueOrThrow({ where: { id: feedId } })).toMatchObject({ consecutiveFailures: polls, lastError: expect.stringMatching(/^None of the 2 new items could be read; the first: .*429/) });
    expect(await services.news.ingestFeed(feedId)).toMatchObject({ status: 'ok', newArticles: 2, problems: [] });
    expect(await db.prisma.feed.findUniqueOrThrow({ where: { id: feedId } })).toMatchObject({ consecutiveFailures: 0, lastError: null });
  });

  it('gives up an item after a few failed polls when the feed’s other items are read', async () => {
    const s = failingSite();
    const feedId = await sites.follow(s, '310000000000000068');
    s.state.items.unshift({ slug: 'live-one', title: 'Batumi boulevard extended', text: text(4), published: day(3, 10) });
    s.state.items.unshift({ slug: 'dead-link', title: 'Kutaisi theatre reopens', text: text(5), published: day(3, 15) });
    s.state.failing.set('dead-link', Array(10).fill(503));
    for (let poll = 1; poll <= maxItemAttempts + 1; poll++) await services.news.ingestFeed(feedId);
    expect(await stored('live-one')).toBe(1);
    // Given up after its attempts: not asked again, remembered as seen.
    expect(s.pageRequests('dead-link')).toBe(maxItemAttempts);
    expect((await db.prisma.feed.findUniqueOrThrow({ where: { id: feedId } })).seenKeys).toEqual(expect.arrayContaining([expect.stringMatching(/dead-link/)]));
  });

  // Its attempts are counted by its guid: counted by a key holding its headline, they started again at every change.
  it('gives up an item whose headline changes at every read as one item', async () => {
    const s = failingSite();
    const feedId = await sites.follow(s, '310000000000000069');
    const live = { slug: 'live-blog', title: 'Live: 1 update', text: text(9), published: day(5) };
    s.state.items.unshift(live);
    s.state.failing.set('live-blog', Array(20).fill(503));
    for (let poll = 1; poll <= maxItemAttempts + 2; poll++) {
      live.title = `Live: ${poll} updates`;
      await services.news.ingestFeed(feedId);
    }
    expect(s.pageRequests('live-blog')).toBe(maxItemAttempts);
  });

  it('leaves the items past its time budget for the next poll', async () => {
    const s = failingSite();
    const feedId = await sites.follow(s, '310000000000000063');
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

  it('waits as long as a page asks (429 with Retry-After), fetches no other page of that site meanwhile, and spends no attempt on it', async () => {
    const s = failingSite();
    const feedId = await sites.follow(s, '310000000000000065');
    const slugs = ['busy-1', 'busy-2', 'busy-3'];
    slugs.forEach((slug, i) => s.state.items.unshift({ slug, title: `Busy page ${i} on Kutaisi airport works`, text: text(30 + i), published: day(6, i) }));
    // Asked to wait more times than a failing page is tried: a wait is no failure.
    const waits = maxItemAttempts + 2;
    s.state.failing.set('busy-3', Array(waits).fill(429));
    s.state.retryAfter = '120';
    for (let poll = 1; poll <= waits; poll++) {
      const started = Date.now() + skew;
      const report = await services.news.ingestFeed(feedId);
      expect(report).toMatchObject({ status: 'ok', newArticles: 0, problems: [{ reason: expect.stringMatching(/429.*120 s/), later: true }] });
      const feed = await db.prisma.feed.findUniqueOrThrow({ where: { id: feedId } });
      // Not a minute on, nor held as failing (a site's wait is not the feed failing): the site asked for two.
      expect(feed.consecutiveFailures).toBe(0);
      expect(feed.nextFetchAt.getTime()).toBeGreaterThanOrEqual(started + 120_000);
      // Polled again inside the wait (a moderator's resume, another process): the site is not asked at all.
      const feedRequests = s.feedRequests();
      expect(await services.news.ingestFeed(feedId)).toMatchObject({ status: 'ok', newArticles: 0, problems: [] });
      expect(s.feedRequests()).toBe(feedRequests);
      expect(s.pageRequests('busy-3')).toBe(poll);
      skew += 121_000;
    }
    // The newest page was asked at each poll, the other two never: the site had asked to wait.
    expect(s.pageRequests('busy-2') + s.pageRequests('busy-1')).toBe(0);
    // The site done asking, all three are read: the waits spent none of the page's attempts.
    expect(await services.news.ingestFeed(feedId)).toMatchObject({ status: 'ok', newArticles: 3, problems: [] });
    expect(s.pageRequests('busy-3')).toBe(waits + 1);
    expect(await stored('busy-3')).toBe(1);
  });

  it('gives a page up once its site has answered it "wait" for a day, so it cannot hold its feed for ever', async () => {
    const s = failingSite();
    const feedId = await sites.follow(s, '310000000000000066');
    s.state.items.unshift({ slug: 'always-busy', title: 'Senaki bypass opens to traffic', text: text(40), published: day(7) });
    s.state.failing.set('always-busy', Array(20).fill(429));
    s.state.retryAfter = String(6 * 3600);
    for (let poll = 0; poll < 4; poll++) {
      expect((await services.news.ingestFeed(feedId)).problems).toEqual([expect.objectContaining({ later: true })]);
      skew += maxPageWaitMs + 1_000;
    }
    // A day after its first "wait", the next one gives it up: remembered as seen, not asked again.
    expect((await services.news.ingestFeed(feedId)).problems).toEqual([expect.objectContaining({ later: false })]);
    expect(s.pageRequests('always-busy')).toBe(5);
    skew += maxPageWaitMs + 1_000;
    const after = await services.news.ingestFeed(feedId);
    expect(after.postponed).toBeUndefined();
    expect(after.problems).toEqual([]);
    expect(s.pageRequests('always-busy')).toBe(5);
  });

  it('holds the feed back no longer than its interval for a linked site that asks to wait for days', async () => {
    const { s, other, feedId } = await sites.aggregator('310000000000000067');
    s.state.items.unshift({ slug: 'home-1', title: 'Gori fortress reopens after repairs', text: text(50), published: day(8) });
    other.state.items.unshift({ slug: 'away-1', title: 'Zugdidi market moves to a new hall', text: text(51), published: day(8, 1) });
    other.state.failing.set('away-1', [429]);
    other.state.retryAfter = String(10 * 86_400);
    const started = Date.now() + skew;
    expect(await services.news.ingestFeed(feedId)).toMatchObject({ status: 'ok', newArticles: 1, problems: [{ reason: expect.stringMatching(/429/) }] });
    // The feed's own site's items wait one interval (15 min) at most, not the six hours the other site may ask for.
    const held = (await db.prisma.feed.findUniqueOrThrow({ where: { id: feedId } })).nextFetchAt.getTime() - started;
    expect(held).toBeGreaterThanOrEqual(15 * 60_000 - 1_000);
    expect(held).toBeLessThanOrEqual(15 * 60_000 + 1_000);
    // The feed's own site is read meanwhile; the other site's page waits out its wait (capped at six hours).
    s.state.items.unshift({ slug: 'home-2', title: 'Batumi port extends its pier', text: text(52), published: day(8, 2) });
    skew += 15 * 60_000;
    expect(await services.news.ingestFeed(feedId)).toMatchObject({ status: 'ok', newArticles: 1, problems: [] });
    expect(other.pageRequests('away-1')).toBe(1);
    skew += maxPageWaitMs;
    expect(await services.news.ingestFeed(feedId)).toMatchObject({ status: 'ok', newArticles: 1, problems: [] });
    expect(await stored('away-1')).toBe(1);
  });

  it('does not back a feed off when the sites of the items it tried ask it to wait', async () => {
    const { s, other, feedId } = await sites.aggregator('310000000000000068');
    s.state.items.unshift({ slug: 'home-busy', title: 'Rustavi steel works add a shift', text: text(60), published: day(9) });
    other.state.items.unshift({ slug: 'away-busy', title: 'Telavi wine harvest starts early', text: text(61), published: day(9, 1) });
    for (const [site_, slug] of [[s, 'home-busy'], [other, 'away-busy']] as const) {
      site_.state.failing.set(slug, [429]);
      site_.state.retryAfter = '120';
    }
    const report = await services.news.ingestFeed(feedId);
    expect(report.problems).toHaveLength(2);
    // Both sites busy is their load, not the feed failing: no failure counted, no backoff, no pause coming.
    expect(await db.prisma.feed.findUniqueOrThrow({ where: { id: feedId } })).toMatchObject({ consecutiveFailures: 0, lastError: null });
    skew += 121_000;
    expect(await services.news.ingestFeed(feedId)).toMatchObject({ status: 'ok', newArticles: 2, problems: [] });
  });

  it('does not give a page up while its site asks to wait longer than the feed polls, nor read the feed meanwhile', async () => {
    const s = failingSite();
    const feedId = await sites.follow(s, '310000000000000069');
    s.state.items.unshift({ slug: 'hour', title: 'Poti free zone signs a new tenant', text: text(70), published: day(10) });
    s.state.failing.set('hour', [429]);
    s.state.retryAfter = '3600';
    expect(await services.news.ingestFeed(feedId)).toMatchObject({ status: 'ok', newArticles: 0, problems: [{ reason: expect.stringMatching(/429/) }] });
    const feedRequests = s.feedRequests();
    // Polled every 15 minutes within the hour: neither the page nor the feed is fetched, and no attempt is spent.
    for (let poll = 0; poll < maxItemAttempts; poll++) {
      skew += 15 * 60_000;
      expect(await services.news.ingestFeed(feedId)).toMatchObject({ status: 'ok', newArticles: 0, problems: [] });
    }
    expect(s.feedRequests()).toBe(feedRequests);
    expect(s.pageRequests('hour')).toBe(1);
    expect(await db.prisma.feed.findUniqueOrThrow({ where: { id: feedId } })).toMatchObject({ consecutiveFailures: 0, lastError: null });
    // Once the hour is over the page is read.
    skew += 16 * 60_000;
    expect(await services.news.ingestFeed(feedId)).toMatchObject({ status: 'ok', newArticles: 1, problems: [] });
  });

  it('backs a feed off, and says so, when every item it tried failed, though the time budget left most untried', async () => {
    const s = failingSite();
    const feedId = await sites.follow(s, '310000000000000066');
    for (let i = 0; i < 8; i++) {
      s.state.items.unshift({ slug: `slow-down-${i}`, title: `Slow failing page ${i} about Poti port`, text: text(40 + i), published: day(7, i) });
      s.state.failing.set(`slow-down-${i}`, [503]);
    }
    s.state.pageDelayMs = 600;
    const started = Date.now() + skew;
    fetches.length = 0;
    const report = await services.news.ingestFeed(feedId);
    // Counted as the failure it was recorded as, not as a fetch that went fine.
    expect(fetches).toEqual(['http-status']);
    s.state.pageDelayMs = 0;
    expect(report.newArticles).toBe(0);
    const tried = report.problems.length;
    expect(tried).toBeGreaterThanOrEqual(2);
    expect(tried).toBeLessThan(8);
    const feed = await db.prisma.feed.findUniqueOrThrow({ where: { id: feedId } });
    // A failing check, backed off from the feed's interval (15 min) as a failed fetch is, not polled a minute on.
    expect(feed.consecutiveFailures).toBe(1);
    expect(feed.lastError).toMatch(new RegExp(`^None of the ${tried} new items tried \\(of 8\\) could be read; the first: .*503`));
    expect(feed.nextFetchAt.getTime()).toBeGreaterThanOrEqual(started + 15 * 60_000);
    // What the read found is kept all the same: the items are tried again, and read once the site is back.
    const second = await services.news.ingestFeed(feedId);
    const third = await services.news.ingestFeed(feedId);
    expect(report.newArticles + second.newArticles + third.newArticles).toBe(8);
    expect(await db.prisma.feed.findUniqueOrThrow({ where: { id: feedId } })).toMatchObject({ consecutiveFailures: 0, lastError: null });
  });

  it('reads a feed of thousands of items as its newest thousand, and never posts the older ones as news', async () => {
    const s = failingSite();
    s.state.items = Array.from({ length: 1_200 }, (_, i) => ({ slug: `old-${i}`, title: `Archive item ${i}`, text: `Archive text ${i}.`, published: new Date(Date.UTC(2020, 0, 1) - i * 3_600_000), fullInFeed: true }));
    const feedId = await sites.follow(s, '310000000000000064');
    s.state.items.unshift({ slug: 'fresh', title: 'Georgia and Armenia sign a rail deal', text: text(20), published: day(5) });
    const report = await services.news.ingestFeed(feedId);
    expect(report).toMatchObject({ newArticles: 1, problems: [] });
    expect(await stored('fresh')).toBe(1);
    expect(await db.prisma.article.count({ where: { url: { contains: '/article/old-' } } })).toBe(0);
  });
  // A server (or a CDN in front) answering 304 to a read that sent no validators: taken as "unchanged", a new follower's
  // backfill was cleared with nothing posted, and the next read posted what was there when they followed as news.
  it('takes a 304 to a read without validators as a failed read, keeping a new follower’s backfill owed', async () => {
    const s = failingSite();
    // Texts of their own: another story of the guild would take them in, and post nothing new.
    const raid = fixtureText('oc-media-yekaterinburg.txt');
    s.state.items.unshift({ slug: 'before-1', title: 'Azerbaijani brothers die after a police raid', text: raid, published: day(5, 1) }, { slug: 'before-2', title: 'Raid in Yekaterinburg', text: raid.replace('Yekaterinburg', 'Ekaterinburg'), published: day(5) });
    s.state.feedFailing = [304];
    const server = await s.start();
    const source = await addSource(db.prisma, { guildId: guild, actorId: mod, url: `${server.origin}/feed.xml`, kind: 'feed', channelId: '310000000000000069', intervalMinutes: 15, backfill: 1 });
    const refused = await services.news.ingestFeed(source.feedId);
    expect(refused).toMatchObject({ status: 'failed', error: expect.stringMatching(/304 Not Modified to a read that asked for the whole feed/) });
    expect(await db.prisma.source.findUniqueOrThrow({ where: { id: source.id } })).toMatchObject({ backfillPending: 1 });
    const read = await services.news.ingestFeed(source.feedId);
    expect(read).toMatchObject({ status: 'ok' });
    expect(read.newPosts).toHaveLength(1); // the backfill asked for, and nothing more posted as news
    expect(await db.prisma.source.findUniqueOrThrow({ where: { id: source.id } })).toMatchObject({ backfillPending: 0 });
    await server.close();
  });
  // A feed generator's fixed ETag: the server answers 304 to every conditional read, new items or not. Trusted for
  // ever, the feed fell silent while looking healthy; the first read of each day sends no validators.
  it('reads a feed whole once a day, so that a server’s wrong 304s cannot silence it for good', async () => {
    const s = failingSite();
    s.state.stale304 = true;
    const feedId = await sites.follow(s, '310000000000000070');
    s.state.items.unshift({ slug: 'behind-304', title: 'Azerbaijani brothers die after a raid in Yekaterinburg', text: fixtureText('oc-media-yekaterinburg.txt'), published: day(6) });
    expect(await services.news.ingestFeed(feedId)).toMatchObject({ status: 'not-modified' });
    expect(await stored('behind-304')).toBe(0);
    skew += 25 * 3_600_000;
    expect(await services.news.ingestFeed(feedId)).toMatchObject({ status: 'ok', newArticles: 1 });
    expect(await stored('behind-304')).toBe(1);
  });
});
