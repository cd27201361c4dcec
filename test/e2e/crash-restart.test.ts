// A restart in the middle of a delivery neither duplicates nor loses a post; SIGTERM finishes the post in flight.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { recordFetchSuccess } from '../../src/db/feeds.js';
import { addSource } from '../../src/db/sources.js';
import { startBotProcess, waitUntil, within, type BotProcess } from '../helpers/bot-process.js';
import { startDiscordStandIn, type DiscordStandIn } from '../helpers/discord/index.js';
import { fixtureText, seedTexts, startNewsSite, type NewsSite } from '../helpers/news-site.js';

describe('a bot process killed mid-post, then restarted', () => {
  let discord: DiscordStandIn;
  let site: NewsSite;
  let dataDir: string;
  let guildId: string;
  let channelId: string;
  const bots: BotProcess[] = [];
  const seeds = seedTexts();

  const env = () => ({
    DISCORD_TOKEN: discord.token,
    DISCORD_API_URL: discord.apiUrl,
    DATA_DIR: dataDir,
    ALLOW_PRIVATE_NETWORKS: 'true',
    POLL_CRON: '* * * * * *',
    DELIVERY_CLAIM_TIMEOUT_MS: '1000',
    POLL_CLAIM_TIMEOUT_MS: '2000',
  });
  const start = () => {
    const bot = startBotProcess(env(), dataDir); // run outside the repository: a developer .env must not leak in
    bots.push(bot);
    return bot;
  };
  const posts = () => discord.messages(channelId);

  beforeAll(async () => {
    discord = await startDiscordStandIn({ rateLimits: { messageCreates: { limit: 50, windowMs: 1000 } } });
    guildId = discord.addGuild({ name: 'Regional News' });
    channelId = discord.addChannel(guildId, { name: 'news', type: 'text' });
    site = await startNewsSite('Al Jazeera');
    dataDir = await mkdtemp(join(tmpdir(), 'gazette-crash-'));
    const db = await openDatabase({ dataDir });
    // Interval 0: the feed is fetched at every cron tick (every second here), so new items are seen at once. The
    // feed counts as fetched before, so what appears in it from now on is news.
    const source = await addSource(db.prisma, { guildId, actorId: '1', url: site.feedUrl, kind: 'feed', channelId, intervalMinutes: 0 });
    await recordFetchSuccess(db.prisma, source.feedId, new Date(), { seenKeys: [], nextFetchAt: new Date() });
    await db.close();
  });
  afterAll(async () => {
    for (const b of bots) b.child.kill('SIGKILL');
    await Promise.all(bots.map((b) => b.exited));
    await site.close();
    await discord.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('posts each story exactly once across a crash, and SIGTERM waits for the post in flight', { timeout: 120_000 }, async () => {
    // Two new stories; the answer to the first post is withheld, and the bot is killed while waiting for it.
    const held = discord.holdNextResponse('POST /channels/:id/messages');
    site.items.unshift(
      { slug: 'caucasus', title: "The South Caucasus is slipping from Russia's grasp", text: seeds.aljazeera, published: new Date('2025-07-10T08:00:00Z'), fullInFeed: true },
      { slug: 'border', title: 'Cambodia accuses Thailand of escalating border tensions', text: seeds.alarabiya, published: new Date('2025-06-24T08:00:00Z'), fullInFeed: true },
    );
    const a = start();

    await within(held.arrived, 30_000, 'the first post', a);
    expect(posts()).toHaveLength(1);
    a.child.kill('SIGKILL');
    expect((await a.exited).signal).toBe('SIGKILL');
    held.release();

    const b = start();
    await waitUntil(() => posts().length >= 2, 30_000, 'the second story to be posted', b);
    await new Promise((r) => setTimeout(r, 2500)); // time for a duplicate to show up, if there were one
    expect(posts().map((m) => m.data.embeds[0]!.title).sort()).toEqual(['Cambodia accuses Thailand of escalating border tensions', "The South Caucasus is slipping from Russia's grasp"]);
    // The restarted bot looked for the unrecorded post before posting again.
    expect(discord.requests.some((r) => r.method === 'GET' && r.route === 'GET /channels/:channelId/messages')).toBe(true);

    // SIGTERM while a post is in flight: the process waits for it, records it, closes the database and exits 0.
    const held2 = discord.holdNextResponse('POST /channels/:id/messages');
    site.items.unshift({ slug: 'cop29', title: 'Azerbaijan opens COP29 in Baku', text: fixtureText('cop29-baku.txt'), published: new Date('2025-07-11T08:00:00Z'), fullInFeed: true });
    await within(held2.arrived, 30_000, 'the third post', b);
    b.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    expect(b.child.exitCode).toBeNull(); // still finishing
    held2.release();
    expect(await within(b.exited, 20_000, 'a clean exit', b, true)).toEqual({ code: 0, signal: null });

    const db = await openDatabase({ dataDir });
    try {
      const deliveries = await db.prisma.delivery.findMany({ orderBy: { id: 'asc' } });
      expect(deliveries.map((d) => d.status)).toEqual(['posted', 'posted', 'posted']);
      expect(deliveries.map((d) => d.messageId).sort()).toEqual(posts().map((m) => m.data.id).sort());
      expect(await db.prisma.article.count()).toBe(3);
    } finally {
      await db.close();
    }
    discord.assertNoViolations();
  });
});
