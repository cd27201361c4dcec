// `/source add`'s backfill when its first read cannot be made or finished: a scheduled poll is reading the feed (the
// add does not read it beside that poll; the read after it posts the backfill), or the bot stops during the read (the
// next start's poll posts it).
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import { failingSite } from '../helpers/failing-site.js';
import type { TestHttpServer } from '../helpers/http-server.js';
import { fixtureText, rssFeed, seedTexts, startNewsSite, type NewsSite, type SiteArticle } from '../helpers/news-site.js';

const MANAGE_GUILD = 1n << 5n;
const day = (d: number) => new Date(Date.UTC(2025, 6, d, 9));
const seeds = seedTexts();
const thailand: SiteArticle = { slug: 'cambodia-thailand', title: 'Cambodia accuses Thailand of escalating tensions', text: seeds.alarabiya, published: day(8), fullInFeed: true };
const caucasus: SiteArticle = { slug: 'caucasus', title: "The South Caucasus is slipping from Russia's grasp", text: seeds.aljazeera, published: day(10), fullInFeed: true };
const cop: SiteArticle = { slug: 'cop29', title: 'Azerbaijan opens COP29 in Baku', text: fixtureText('cop29-baku.txt'), published: day(11), fullInFeed: true };

/** The feed as the site serves it. */
function answerFeed(site: NewsSite, res: ServerResponse): void {
  res.setHeader('content-type', 'application/rss+xml; charset=utf-8');
  res.end(rssFeed('OC Media', site.origin, site.items));
}

const titlesIn = (t: TestBot, channelId: string) => t.discord.messages(channelId).filter((m) => !m.ephemeral && m.data.embeds.length > 0).map((m) => m.data.embeds[0]!.title);

describe('/source add while a poll reads the feed', () => {
  let t: TestBot;
  let site: NewsSite;

  beforeAll(async () => {
    t = await startTestBot();
    site = await startNewsSite('OC Media', [caucasus, thailand]);
  });
  afterAll(async () => {
    await t.close();
    await site.close();
  });

  it('leaves the feed to that poll, says so, and posts the backfill from the read after it', { timeout: 90_000 }, async () => {
    // Another server follows the feed (its backfill stored both items); then a new item comes.
    const otherGuild = t.discord.addGuild({ name: 'Caucasus Watch' });
    const otherChannel = t.discord.addChannel(otherGuild, { name: 'news', type: 'text' });
    const otherAdmin = t.discord.addMember(otherGuild, { username: 'watcher', permissions: MANAGE_GUILD });
    await t.discord.slash(otherGuild, otherAdmin, otherChannel, 'source add', { url: site.feedUrl, channel: otherChannel, backfill: 2 }).settled({ timeoutMs: 25_000 });
    await expect.poll(() => titlesIn(t, otherChannel).sort(), { timeout: 10_000 }).toEqual([thailand.title, caucasus.title].sort());
    const followed = await t.db.prisma.source.findFirstOrThrow({ where: { guildId: otherGuild } });
    site.items.unshift(cop);
    const feedReads = () => site.server.requests.filter((r) => r.url.startsWith('/feed.xml')).length;
    // What a moderator's check of the address reads (the preview `/source add` shows too).
    let reads = feedReads();
    await t.discord.slash(t.guildId, t.users.admin, t.channels.news, 'source test', { url: site.feedUrl }).settled({ timeoutMs: 25_000 });
    const previewReads = feedReads() - reads;

    // The scheduled poll's read of the feed is held unanswered: the poll holds the feed meanwhile.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = 0;
    site.override = (res) => (held++ ? answerFeed(site, res) : void released.then(() => answerFeed(site, res)));
    const polling = t.pollNow(followed.feedId);
    await expect.poll(() => held, { timeout: 10_000 }).toBe(1);

    reads = feedReads();
    const handle = t.discord.slash(t.guildId, t.users.admin, t.channels.news, 'source add', { url: site.feedUrl, channel: t.channels.news, backfill: 2 });
    await handle.settled({ timeoutMs: 25_000 });
    const answer = handle.originalMessage()?.data.content ?? '';
    // Only the preview read the feed: not a second read of it beside the poll's.
    expect(feedReads() - reads).toBe(previewReads);
    expect(answer).toContain(`Gazette is reading this feed right now for the servers that follow it; once that read ends, its newest stories (up to 2) are posted to <#${t.channels.news}>.`);
    expect(answer).not.toContain('first check failed');

    release();
    site.override = undefined;
    await polling;
    // The poll took the new item for the server that followed the feed; the read after it posts the backfill here.
    await expect.poll(() => titlesIn(t, otherChannel), { timeout: 10_000 }).toContain(cop.title);
    expect(titlesIn(t, t.channels.news)).toEqual([]);
    await t.poll();
    await expect.poll(() => titlesIn(t, t.channels.news).sort(), { timeout: 10_000 }).toEqual([cop.title, caucasus.title].sort());
    expect(await t.db.prisma.article.count({ where: { url: `${site.origin}/article/cop29` } })).toBe(1);
    // Owed no more: a later poll posts nothing again.
    await t.pollNow(followed.feedId);
    expect(titlesIn(t, t.channels.news)).toHaveLength(2);
    t.discord.assertNoViolations();
  });
});

describe('/source add cut off by the bot’s stop', () => {
  let t: TestBot;
  let restarted: TestBot | undefined;
  let site: NewsSite;

  beforeAll(async () => {
    // Reads time out after longer than the stop's grace period, so that the stop, not a timeout, ends the add's read.
    // A grace period of 2 s rather than the app's 8: the stop waits it out for the add's hanging read.
    t = await startTestBot({ env: { FETCH_TIMEOUT_MS: '20000' }, stopGraceMs: 2_000 });
    site = await startNewsSite('OC Media', [cop, caucasus, thailand]);
  });
  afterAll(async () => {
    await restarted?.close();
    await t.discord.close();
    await t.db.close();
    await site.close();
  });

  it('posts the backfill at the next start', { timeout: 90_000 }, async () => {
    // The preview reads the feed; the add's own read of it (once the source exists) never gets an answer.
    const hanging: ServerResponse[] = [];
    site.override = (res) => void t.db.prisma.source.count().then((n) => (n ? hanging.push(res) : answerFeed(site, res)));
    const adding = t.discord.slash(t.guildId, t.users.admin, t.channels.news, 'source add', { url: site.feedUrl, channel: t.channels.news, backfill: 2 });
    await expect.poll(() => hanging.length, { timeout: 20_000 }).toBe(1);
    await t.app.stop();
    // The stop waited for the command, then cut its read off: the moderator is told, before the bot left Discord.
    expect(adding.originalMessage()?.data.content).toContain('Gazette is stopping, which cut its first read of the feed off');
    site.override = undefined;
    const feed = () => t.db.prisma.feed.findFirstOrThrow({ where: { url: site.feedUrl } });
    // The read, cut off, lets the feed go, due again at once.
    await expect.poll(async () => (await feed()).nextFetchAt.getTime() <= Date.now() && !(await feed()).claimedUntil, { timeout: 10_000 }).toBe(true);
    expect(titlesIn(t, t.channels.news)).toEqual([]);

    restarted = await startTestBot({ db: t.db, discord: t.discord });
    await restarted.poll();
    await expect.poll(() => titlesIn(t, t.channels.news).sort(), { timeout: 10_000 }).toEqual([cop.title, caucasus.title].sort());
    expect(await t.db.prisma.source.findFirstOrThrow()).toMatchObject({ backfillPending: 0 });
    await restarted.pollNow();
    expect(titlesIn(t, t.channels.news)).toHaveLength(2);
  });
});

describe('/source add whose backfill is partly left for a later check', () => {
  let t: TestBot;
  let server: TestHttpServer;
  /** How far the bot's host clock is ahead of the real one: the site's wait passes without the test sleeping. */
  let skew = 0;
  const s = failingSite();
  beforeAll(async () => {
    t = await startTestBot({ hostNow: () => Date.now() + skew });
    server = await s.start();
  });
  afterAll(async () => {
    await t.close();
    await server.close();
  });

  it('says how many of the newest items are posted now and how many at a later check, and posts them then', { timeout: 60_000 }, async () => {
    const texts = [seeds.aljazeera, seeds.alarabiya, fixtureText('cop29-baku.txt'), fixtureText('oc-media-yekaterinburg.txt'), seeds.forum, seeds.aljazeera.replace(/the/g, 'teh'), seeds.alarabiya.replace(/the/g, 'teh')];
    s.state.items.push(...texts.map((text, i) => ({ slug: `i${i}`, title: `Item ${i}: ${text.slice(0, 30)}`, text, published: day(20 - i) })));
    // The fourth newest page answers that its site is busy for an hour: it and the fifth wait for a later check.
    s.state.failing.set('i3', [429]);
    s.state.retryAfter = '3600';
    const handle = t.discord.slash(t.guildId, t.users.admin, t.channels.news, 'source add', { url: `${server.origin}/feed.xml`, channel: t.channels.news, backfill: 5 });
    await handle.settled({ timeoutMs: 30_000 });
    const answer = handle.originalMessage()?.data.content ?? '';
    expect(answer).toMatch(/2 items were already in it and will not be posted; the 3 newest are being posted to <#\d+> now[^;]*; 2 more of the newest are read and posted at a later check \(their pages could not be read now\)\./);
    await t.deliver();
    expect(s.pageRequests('i4')).toBe(0);
    // The hour over, the next check reads and posts them.
    skew += 61 * 60_000;
    const feed = await t.db.prisma.feed.findFirstOrThrow({ where: { url: `${server.origin}/feed.xml` } });
    await t.pollNow(feed.id);
    await t.deliver();
    expect(s.pageRequests('i3')).toBe(2);
    expect(s.pageRequests('i4')).toBe(1);
    // All five asked for are stored, and each of their stories posted in the channel.
    const stories = new Set((await t.db.prisma.article.findMany({ where: { feedId: feed.id }, select: { storyId: true } })).map((a) => a.storyId));
    expect(await t.db.prisma.article.count({ where: { feedId: feed.id } })).toBe(5);
    expect(await t.db.prisma.delivery.count({ where: { channelId: t.channels.news, status: 'posted', storyId: { in: [...stories].filter((id) => id !== null) } } })).toBe(stories.size);
    t.discord.assertNoViolations();
  });
});
