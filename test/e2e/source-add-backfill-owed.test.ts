// `/source add`'s backfill when its first read cannot be finished: the bot stops during the read (the next start's poll
// posts it).
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import { fixtureText, rssFeed, seedTexts, startNewsSite, type NewsSite, type SiteArticle } from '../helpers/news-site.js';

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

describe('/source add cut off by the bot’s stop', () => {
  let t: TestBot;
  let restarted: TestBot | undefined;
  let site: NewsSite;

  beforeAll(async () => {
    t = await startTestBot();
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
    t.discord.slash(t.guildId, t.users.admin, t.channels.news, 'source add', { url: site.feedUrl, channel: t.channels.news, backfill: 2 });
    await expect.poll(() => hanging.length, { timeout: 20_000 }).toBe(1);
    await t.app.stop();
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
