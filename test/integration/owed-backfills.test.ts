// Backfills owed to new sources (Source.backfillPending): kept when a read is put off for its site's wait and posted by
// the read after it; several on one first read, each source getting as many of the newest items as it asked for; taken
// from the feed itself when the store holds fewer of its articles than asked for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { addFollow } from '../../src/db/follows.js';
import { addSource } from '../../src/db/sources.js';
import { createTestDatabase } from '../helpers/db.js';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.js';
import { articlePage, fixtureText, rssFeed, seedTexts, type SiteArticle } from '../helpers/news-site.js';
import { testNewsService } from '../helpers/services.js';

const [guildA, guildB, guildC, guildD, guildE, guildF, guildG, guildH] = ['140000000000000001', '140000000000000002', '140000000000000003', '140000000000000004', '140000000000000005', '140000000000000006', '140000000000000007', '140000000000000008'];
const mod = '240000000000000001';
const day = (d: number) => new Date(Date.UTC(2025, 6, d, 9));
const seeds = seedTexts();
const thailand: SiteArticle = { slug: 'cambodia-thailand', title: 'Cambodia accuses Thailand of escalating tensions', text: seeds.alarabiya, published: day(8), fullInFeed: true };
const caucasus: SiteArticle = { slug: 'caucasus', title: "The South Caucasus is slipping from Russia's grasp", text: seeds.aljazeera, published: day(10), fullInFeed: true };
const cop: SiteArticle = { slug: 'cop29', title: 'Azerbaijan opens COP29 in Baku', text: fixtureText('cop29-baku.txt'), published: day(11), fullInFeed: true };
const urals: SiteArticle = { slug: 'urals', title: 'Azerbaijanis detained in Yekaterinburg raid', text: fixtureText('oc-media-yekaterinburg.txt'), published: day(12), fullInFeed: true };
// Stories no other feed here carries, so that they are stored as new articles (not found as another feed's).
const report = (slug: string, title: string, lines: string[], d: number): SiteArticle => ({ slug, title, text: lines.join(' '), published: day(d), fullInFeed: true });
const harbour = report('batumi-harbour', 'Batumi harbour cranes arrive for the new container terminal', ['Four ship-to-shore cranes reached Batumi harbour on Sunday for the container terminal under construction there.', 'The operator said the terminal would handle its first vessels next spring, doubling the port’s capacity.', 'Dock workers unloaded the cranes over two days; traffic in the harbour was diverted meanwhile.'], 13);
const railway = report('kars-railway', 'Kars railway freight doubles in a year', ['Freight on the Baku–Tbilisi–Kars railway doubled in the first nine months of the year, its operators said.', 'Most of the cargo was grain and cotton bound for Turkish ports, with containers from Central Asia rising fastest.', 'A second track between Akhalkalaki and Kars is planned to relieve the single-line section.'], 14);
const ferry = report('caspian-ferry', 'Caspian ferry timetable extended to Turkmenbashi', ['A weekly ferry from Alat to Turkmenbashi will sail twice a week from January, the shipping company announced.', 'Lorry drivers had waited up to ten days for a place on the crossing during the autumn harvest.', 'Two new vessels built at the Baku shipyard join the route.'], 15);
/** The same stories as `cop` and `caucasus`, at other addresses. */
const copToo: SiteArticle = { ...cop, slug: 'cop29-too' };
const caucasusToo: SiteArticle = { ...caucasus, slug: 'caucasus-too' };

describe('backfills owed to new sources', () => {
  let db: Database;
  let server: TestHttpServer;
  let services: ReturnType<typeof testNewsService>;
  /** Each feed's items, newest first; a page of `busy` answers 429, its site asking for an hour. */
  const feeds: Record<string, SiteArticle[]> = { news: [], world: [thailand], all: [cop, caucasus], late: [copToo, caucasusToo], later: [{ ...cop, slug: 'cop29-later' }, { ...caucasus, slug: 'caucasus-later' }], alerted: [harbour, railway], waiting: [{ slug: 'waiting', title: 'Poti port expansion approved', text: cop.text, published: day(9) }, { ...thailand, slug: 'thailand-waiting' }] };
  /** How far the service's clock is ahead of the real one: a site's wait passes without the test sleeping. */
  let skew = 0;
  /** Article pages answered (the others answer 429, the site asking for an hour). */
  const pages = new Map<string, SiteArticle>();
  const add = (guildId: string, feed: string, backfill: number, readFirst?: { claimMs: number }, channelId = `3${guildId.slice(1)}`) =>
    addSource(db.prisma, { guildId, actorId: mod, url: `${server.origin}/${feed}.xml`, kind: 'feed', channelId, intervalMinutes: 15, backfill, readFirst });
  const postedTo = async (guildId: string, channelId?: string) =>
    (await db.prisma.delivery.findMany({ where: { guildId, ...(channelId && { channelId }) }, include: { story: true }, orderBy: { id: 'asc' } })).map((d) => d.story.title);

  beforeAll(async () => {
    db = await createTestDatabase();
    services = testNewsService(db.prisma, { now: () => new Date(Date.now() + skew) });
    server = await startHttpServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      const feed = /^\/(\w+)\.xml$/.exec(path)?.[1];
      if (feed && feeds[feed]) {
        res.setHeader('content-type', 'application/rss+xml; charset=utf-8');
        return res.end(rssFeed(`Site ${feed}`, server.origin, feeds[feed]));
      }
      const page = pages.get(path);
      if (page) {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        return res.end(articlePage(page, 'Site waiting'));
      }
      res.statusCode = 429;
      res.setHeader('retry-after', '3600');
      res.end('try later');
    });
  });
  afterAll(async () => {
    await services.fetcher.close();
    await Promise.all([server.close(), db.close()]);
  });

  it('keeps a backfill its site asked to wait for, and posts it after the wait', async () => {
    const news = await add(guildA, 'news', 0);
    await services.news.ingestFeed(news.feedId);
    feeds.news!.unshift({ slug: 'busy', title: 'Poti free zone signs a new tenant', text: cop.text, published: day(12) });
    await services.news.ingestFeed(news.feedId);
    // Another feed of that site is added while it asks to wait: its first read is put off, the backfill owed.
    const world = await add(guildB, 'world', 1, { claimMs: 10 * 60_000 });
    expect(world.claim).toBeDefined();
    expect(await services.news.ingestFeed(world.feedId, { claim: world.claim! })).toMatchObject({ postponed: 'site-wait', deliveries: 0 });
    expect(server.requests.filter((r) => r.url === '/world.xml')).toHaveLength(0);
    const put = await db.prisma.feed.findUniqueOrThrow({ where: { id: world.feedId } });
    expect(put.claimedUntil).toBeNull();
    expect(put.nextFetchAt.getTime()).toBeGreaterThan(Date.now() + 59 * 60_000);
    expect(await db.prisma.source.findUniqueOrThrow({ where: { id: world.id } })).toMatchObject({ backfillPending: 1 });
    skew += 61 * 60_000;
    expect(await services.news.ingestFeed(world.feedId)).toMatchObject({ status: 'ok', newArticles: 1, deliveries: 1 });
    expect(await postedTo(guildB)).toEqual([thailand.title]);
    expect(await db.prisma.source.findUniqueOrThrow({ where: { id: world.id } })).toMatchObject({ backfillPending: 0 });
  });

  it('gives each source on one first read as many of the newest items as it asked for', async () => {
    const one = await add(guildC, 'all', 1);
    await add(guildD, 'all', 2);
    expect(await services.news.ingestFeed(one.feedId)).toMatchObject({ status: 'ok', newArticles: 2, deliveries: 3 });
    expect(await postedTo(guildC)).toEqual([cop.title]);
    expect(await postedTo(guildD)).toEqual([cop.title, caucasus.title]);
    expect(await db.prisma.source.count({ where: { feedId: one.feedId, backfillPending: { gt: 0 } } })).toBe(0);
  });

  it('takes a backfill the store cannot serve from the feed, read whole', async () => {
    // The feed's first follower asked for no backfill: its first read stored none of the feed's items. A source added
    // to another channel since (or while that read ran, or by /source import) asks for two: a later read, its backfill
    // came from the store, which holds none of them, and the backfill was cleared with nothing posted.
    const first = await add(guildE, 'late', 0);
    expect(await services.news.ingestFeed(first.feedId)).toMatchObject({ status: 'ok', newArticles: 0, deliveries: 0 });
    const second = await add(guildE, 'late', 2, undefined, '340000000000000099');
    expect(await services.news.ingestFeed(first.feedId)).toMatchObject({ status: 'ok', deliveries: 2 });
    expect(await postedTo(guildE, '340000000000000099')).toEqual([cop.title, caucasus.title]);
    expect(await postedTo(guildE)).toHaveLength(2);
    expect(await db.prisma.source.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ backfillPending: 0 });
  });

  it('posts a new item as news to every follower, and the rest of a backfill read whole to the source owed it', async () => {
    const first = await add(guildF, 'later', 0);
    await services.news.ingestFeed(first.feedId);
    const second = await add(guildF, 'later', 2, undefined, '340000000000000098');
    feeds.later!.unshift(urals);
    expect(await services.news.ingestFeed(first.feedId)).toMatchObject({ status: 'ok', deliveries: 3 });
    // The new item joins a story another feed brought (the South Caucasus one), which guild F did not have.
    const { story } = await db.prisma.article.findFirstOrThrow({ where: { url: `${server.origin}/article/urals` }, include: { story: true } });
    expect(await postedTo(guildF, `3${guildF.slice(1)}`)).toEqual([story!.title]);
    expect(await postedTo(guildF, '340000000000000098')).toEqual([story!.title, cop.title]);
    expect(await db.prisma.source.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ backfillPending: 0 });
  });

  it('leaves a backfill item its site asked to wait for as old news: owed to the source that asked, not news to the others', async () => {
    const first = await add(guildG, 'waiting', 0);
    await services.news.ingestFeed(first.feedId);
    const owedTo = '340000000000000097';
    const second = await add(guildG, 'waiting', 2, undefined, owedTo);
    // Read whole for the backfill: the page of the newest item answers 429 for an hour, and the site's other item waits
    // with it.
    await services.news.ingestFeed(first.feedId);
    expect(await postedTo(guildG, owedTo)).toEqual([]);
    expect(await db.prisma.source.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ backfillPending: 2 });
    skew += 61 * 60_000;
    pages.set('/article/waiting', feeds.waiting![0]!);
    // After the wait, the item is read as the backfill it is. Left out of the feed's seen items, it came as news: posted
    // in the first follower's channel too, though it was there before that follower came.
    await services.news.ingestFeed(first.feedId);
    expect(await postedTo(guildG, `3${guildG.slice(1)}`)).toEqual([]);
    // (The page's text is COP29's: it joins that story, posted under its title.)
    expect((await postedTo(guildG, owedTo)).sort()).toEqual([cop.title, thailand.title].sort());
    expect(await db.prisma.source.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ backfillPending: 0 });
  });

  it('posts a backfill without alerting members: old news is not told as new, a later item is', async () => {
    for (const a of [harbour, railway, ferry]) pages.set(`/article/${a.slug}`, a);
    await addFollow(db.prisma, { guildId: guildH, userId: '240000000000000008', kind: 'keyword', value: 'baku', label: 'baku' }, day(1));
    const source = await add(guildH, 'alerted', 2);
    expect(await services.news.ingestFeed(source.feedId)).toMatchObject({ status: 'ok', deliveries: 2 });
    expect(await postedTo(guildH)).toHaveLength(2);
    expect(await db.prisma.queuedStory.count({ where: { guildId: guildH } })).toBe(0);
    feeds.alerted!.unshift(ferry);
    await services.news.ingestFeed(source.feedId);
    expect(await postedTo(guildH)).toHaveLength(3);
    expect(await db.prisma.queuedStory.count({ where: { guildId: guildH } })).toBe(1);
  });
});
