// Two bot processes split four gateway shards on one PostgreSQL server, behind one REST proxy, as the README's
// "Several processes" runs them: each answers its own shards' guilds, every story is posted once per guild, and when
// one is killed the other takes over its polls and posts; restarted, it serves its guilds again. Needs a PostgreSQL
// server: `npm run test:multi-process` starts a throwaway one (scripts/with-postgres.sh).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { recordFetchSuccess } from '../../src/db/feeds.js';
import { createScratchDatabase } from '../../src/db/scratch-database.js';
import { addSource } from '../../src/db/sources.js';
import { startBotProcess, startRestProxyProcess, waitUntil, within, type BotProcess } from '../helpers/bot-process.js';
import { startDiscordStandIn, type DiscordStandIn } from '../helpers/discord/index.js';
import { fixtureText, seedTexts, startNewsSite, type NewsSite } from '../helpers/news-site.js';

const shardCount = 4;

describe('two bot processes, two shards each, one database and one REST proxy', () => {
  let discord: DiscordStandIn;
  let site: NewsSite;
  let scratch: { url: string; drop(): Promise<void> };
  let proxy: BotProcess;
  let proxyApi: string;
  let cwd: string;
  const guilds: Array<{ id: string; channel: string; member: string }> = [];
  const bots: BotProcess[] = [];
  const seeds = seedTexts();

  const startBot = (shardIds: string) => {
    const bot = startBotProcess(
      {
        DISCORD_TOKEN: discord.token,
        DISCORD_API_URL: proxyApi,
        DATABASE_URL: scratch.url,
        SHARD_COUNT: String(shardCount),
        SHARD_IDS: shardIds,
        ALLOW_PRIVATE_NETWORKS: 'true',
        POLL_CRON: '* * * * * *',
        DELIVERY_CLAIM_TIMEOUT_MS: '1000',
        POLL_CLAIM_TIMEOUT_MS: '2000',
        LOG_LEVEL: 'debug',
      },
      cwd,
    );
    bots.push(bot);
    return bot;
  };
  const running = (bot: BotProcess) => waitUntil(() => bot.output().includes('"msg":"Gazette is running"'), 90_000, 'the bot to start', bot);
  /** Which process logged that it handled this interaction. */
  const loggedBy = (interactionId: string) => bots.filter((b) => b.output().split('\n').some((l) => l.includes('"msg":"interaction handled"') && l.includes(`"interactionId":"${interactionId}"`)));
  // The process logs the interaction after answering it, and its output reaches this process a moment later: a check
  // right after the answer could see no line yet (a CI flake).
  const handledBy = async (interactionId: string) => {
    await waitUntil(() => loggedBy(interactionId).length > 0, 5_000, `a process to log interaction ${interactionId}`);
    return loggedBy(interactionId);
  };
  /** Story posts in a guild's channel (not the private answers to /news latest). */
  const posts = (g: (typeof guilds)[number]) => discord.messages(g.channel, { includeEphemeral: false }).filter((m) => m.data.embeds?.length);

  beforeAll(async () => {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (!serverUrl) throw new Error('No PostgreSQL server: run `npm run test:multi-process`, which starts one (scripts/with-postgres.sh).');
    scratch = await createScratchDatabase(serverUrl, 'gazette_multi');
    cwd = await mkdtemp(join(tmpdir(), 'gazette-multi-')); // outside the repository: a developer .env must not leak in
    discord = await startDiscordStandIn({
      gateway: { recommendedShards: shardCount, maxConcurrency: 1, enforceIdentifyLimit: true },
      heartbeatIntervalMs: 1500,
    });
    for (let shard = 0; shard < shardCount; shard++) {
      const id = discord.addGuild({ name: `Regional News ${shard}`, shard: [shard, shardCount] });
      guilds.push({ id, channel: discord.addChannel(id, { name: 'news', type: 'text' }), member: discord.addMember(id, { username: `reader${shard}` }) });
    }
    site = await startNewsSite('Al Jazeera');
    const db = await openDatabase({ databaseUrl: scratch.url });
    try {
      // Every guild follows the same feed: one Feed row, fetched once per interval whichever process polls it.
      for (const g of guilds) {
        const source = await addSource(db.prisma, { guildId: g.id, actorId: '1', url: site.feedUrl, kind: 'feed', channelId: g.channel, intervalMinutes: 0 });
        await recordFetchSuccess(db.prisma, source.feedId, new Date(), { seenKeys: [], nextFetchAt: new Date() });
      }
    } finally {
      await db.close();
    }
    // The proxy as `npm run rest-proxy` runs it, on a free port it reports in its log.
    ({ proc: proxy, api: proxyApi } = await startRestProxyProcess(discord.apiUrl, cwd));
  }, 120_000);

  afterAll(async () => {
    for (const b of [...bots, proxy]) b?.child.kill('SIGKILL');
    await Promise.all([...bots, proxy].filter(Boolean).map((b) => b.exited));
    await site?.close();
    await discord?.close();
    await scratch?.drop();
    await rm(cwd, { recursive: true, force: true });
  });

  it('answers each guild from the process that runs its shard, posts each story once per guild, survives kill -9', { timeout: 240_000 }, async () => {
    const a = startBot('0,1');
    const b = startBot('2,3');
    await Promise.all([running(a), running(b)]);
    // Four shards of one bucket identified at least ~5 s apart, across both processes (the stand-in enforces it).
    expect(discord.identifies().filter((i) => i.accepted)).toHaveLength(shardCount);

    const ask = async (g: (typeof guilds)[number]) => {
      const handle = discord.slash(g.id, g.member, g.channel, 'news latest', {});
      await handle.settled({ timeoutMs: 15_000 });
      return handle;
    };
    for (const [i, g] of guilds.entries()) {
      const handle = await ask(g);
      expect(handle.record.firstResponse).not.toBeNull();
      expect(await handledBy(handle.id)).toEqual([i < 2 ? a : b]);
    }

    // A story: every guild gets one post, whichever process polled and posted.
    site.items.unshift({ slug: 'caucasus', title: "The South Caucasus is slipping from Russia's grasp", text: seeds.aljazeera, published: new Date('2025-07-10T08:00:00Z'), fullInFeed: true });
    await waitUntil(() => guilds.every((g) => posts(g).length >= 1), 30_000, 'the story in every guild', a);
    await new Promise((r) => setTimeout(r, 2500)); // time for a duplicate to show up, if there were one
    expect(guilds.map((g) => posts(g).length)).toEqual([1, 1, 1, 1]);
    // Each process posted to its own shards' guilds, whose channels it has: none was looked up over REST.
    expect(discord.requests.filter((r) => r.route === 'GET /channels/:channelId').map((r) => r.path)).toEqual([]);

    // kill -9 the first process: the second polls and posts for all four guilds, including the first's.
    a.child.kill('SIGKILL');
    await a.exited;
    site.items.unshift({ slug: 'border', title: 'Cambodia accuses Thailand of escalating border tensions', text: seeds.alarabiya, published: new Date('2025-06-24T08:00:00Z'), fullInFeed: true });
    await within(
      waitUntil(() => guilds.every((g) => posts(g).length >= 2), 30_000, 'the second story in every guild', b),
      35_000,
      'the surviving process to post everywhere',
      b,
    );
    // Shard 0's guild has no process now: its interaction goes unanswered, as on Discord.
    const orphan = discord.slash(guilds[0]!.id, guilds[0]!.member, guilds[0]!.channel, 'news latest', {});
    await new Promise((r) => setTimeout(r, 3500));
    expect(orphan.record.firstResponse).toBeNull();

    // Restarted, the first process serves its shards' guilds again, and the third story still goes out once.
    const a2 = startBot('0,1');
    await running(a2);
    for (const g of guilds.slice(0, 2)) expect(await handledBy((await ask(g)).id)).toEqual([a2]);
    site.items.unshift({ slug: 'cop29', title: 'Azerbaijan opens COP29 in Baku', text: fixtureText('cop29-baku.txt'), published: new Date('2025-07-11T08:00:00Z'), fullInFeed: true });
    await waitUntil(() => guilds.every((g) => posts(g).length >= 3), 30_000, 'the third story in every guild', a2);
    await new Promise((r) => setTimeout(r, 2500));
    expect(guilds.map((g) => posts(g).length)).toEqual([3, 3, 3, 3]);
    const titles = ["The South Caucasus is slipping from Russia's grasp", 'Cambodia accuses Thailand of escalating border tensions', 'Azerbaijan opens COP29 in Baku'];
    expect(guilds.map((g) => posts(g).map((m) => m.data.embeds![0]!.title))).toEqual(guilds.map(() => titles));
    // No 429 reached Discord's side, no identify came too soon; the one unanswered interaction is the orphan's.
    expect(discord.requests.filter((r) => r.status === 429)).toEqual([]);
    discord.assertNoViolations({ allow: ['unanswered-interaction'] });
  });
});
