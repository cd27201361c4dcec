// A site's wait (a page's Retry-After) is held in the database: a restarted bot, or a second process on the same
// database, does not ask the site again before the wait is over (src/db/site-waits.ts, src/ingest/site-waits.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { createTestDatabase } from '../helpers/db.js';
import { failingSite, siteFollower } from '../helpers/failing-site.js';
import { fixtureText } from '../helpers/news-site.js';
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

  beforeAll(async () => {
    db = await createTestDatabase();
    first = started();
    sites = siteFollower(db.prisma, () => first.news, { guild, mod });
  });
  afterAll(async () => {
    await Promise.all(services.map((s) => s.fetcher.close()));
    await Promise.all([sites.close(), db.close()]);
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
});
