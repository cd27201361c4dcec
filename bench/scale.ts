// `npm run bench -- scale [--guilds 1000] [--feeds 200] [--follows 10] [--shards 4] [--seconds 90] [--warmup 15]
//   [--interval 1] [--interactions 5] [--global 50] [--processes 1,2] [--database-url postgres://…] [--data <reuters>]`
// Gazette as a public instance runs it (README, "Several processes"): `--guilds` guilds on `--shards` gateway shards of
// the Discord stand-in, each following its own feed and `--follows` of `--feeds` shared feeds, on PostgreSQL, behind
// one REST proxy; first one bot process with every shard, then two splitting them, each on a fresh database. Every
// feed gains a distinct wire story once per `--interval` minutes. Posts come in waves: a process that posts faster than
// stories arrive empties its outbox between polls and waits, so besides posts per second over the run, `backlogged`
// counts them over the seconds in which every process had posts due (what they can post, not what was offered), with
// how busy the machine's cores were in those seconds (short of posts, or of CPU).
// Measured at the stand-in and the news server, not taken from the bots: fetches per feed per interval,
// posts per second, duplicate posts, `/news latest` time to first response under that load, 429s, identify refusals,
// CPU. `--global` is the token's requests a second, enforced by the stand-in and kept to by the proxy and the bots
// (DISCORD_GLOBAL_RATE_LIMIT; 0: no limit). Needs a PostgreSQL server: `scripts/with-postgres.sh npm run bench -- scale`
// starts a throwaway one.
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ensureBuilt } from '../scripts/ensure-built.mjs';
import { createScratchDatabase } from '../src/db/scratch-database.js';
import { startDiscordStandIn } from '../test/helpers/discord/index.js';
import { benchDatabaseUrl } from './lib/database-url.js';
import { driveInteractions, limitStats, postStats, sampleBacklog, type ScaleGuild } from './lib/scale-measure.js';
import { loadWireStories, startScaleNews, type WireStory } from './lib/scale-news.js';
import { startRestProxyProcess } from '../test/helpers/bot-process.js';
import { cpuSeconds } from './lib/proc-usage.js';
import { countLog, machineTicks, scrapeMetrics, startBots, stopAll } from './lib/scale-processes.js';
import { seedSources } from './lib/scale-seed.js';
import { BenchUsageError } from './lib/usage-error.js';

const root = join(import.meta.dirname, '..');
const log = (line: string) => process.stderr.write(`[scale] ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Options {
  guilds: number;
  feeds: number;
  follows: number;
  shards: number;
  seconds: number;
  warmup: number;
  intervalMinutes: number;
  interactions: number;
  global: number;
  serverUrl: string;
}

/** Shard groups for n processes: contiguous halves, as the README's example splits four shards. */
const shardGroups = (shards: number, processes: number) =>
  Array.from({ length: processes }, (_, p) => Array.from({ length: shards }, (_, s) => s).filter((s) => Math.floor((s * processes) / shards) === p));

/** Deliveries by status, stories, and posts the database records as made that Discord has no message for. */
async function deliveryCounts(databaseUrl: string, exists: (messageId: string) => boolean): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const rows = (await client.query<{ status: string; n: number }>('SELECT status::text, count(*)::int AS n FROM "Delivery" GROUP BY status')).rows;
    const stories = (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM "Story"')).rows[0]!.n;
    const posted = (await client.query<{ messageId: string | null }>(`SELECT "messageId" FROM "Delivery" WHERE status = 'posted'`)).rows;
    const postedButMissing = posted.filter((r) => !r.messageId || !exists(r.messageId)).length;
    return { ...Object.fromEntries(rows.map((r) => [r.status, r.n])), stories, postedButMissing };
  } finally {
    await client.end();
  }
}

async function runConfiguration(processes: number, o: Options, stories: WireStory[]) {
  const scratch = await createScratchDatabase(o.serverUrl, 'gazette_scale');
  const cwd = await mkdtemp(join(tmpdir(), 'gazette-scale-')); // outside the repository: a developer .env must not leak in
  const standInEpoch = Date.now();
  const discord = await startDiscordStandIn({
    gateway: { recommendedShards: o.shards, maxConcurrency: 1, enforceIdentifyLimit: true },
    rateLimits: { globalPerSecond: o.global },
  });
  const news = await startScaleNews({ sharedFeeds: o.feeds, guilds: o.guilds, intervalMs: o.intervalMinutes * 60_000, stories });
  const procs = [];
  try {
    const guilds: ScaleGuild[] = Array.from({ length: o.guilds }, (_, i) => {
      const id = discord.addGuild({ name: `Regional News ${i}`, shard: [i % o.shards, o.shards] });
      return { id, channel: discord.addChannel(id, { name: 'news', type: 'text' }), member: discord.addMember(id, { username: `reader${i}` }) };
    });
    const seed = await seedSources({
      databaseUrl: scratch.url,
      guilds,
      sharedUrls: Array.from({ length: o.feeds }, (_, i) => news.sharedUrl(i)),
      ownUrl: news.ownUrl,
      follows: o.follows,
      intervalMinutes: o.intervalMinutes,
    });
    log(`${processes} process(es): seeded ${seed.sources} sources on ${seed.feeds} feeds in ${seed.ms} ms`);
    // The token's limit as the stand-in enforces it (--global 0: none, so one the bots never reach).
    const globalLimit = o.global > 0 ? o.global : 100_000;
    const proxy = await startRestProxyProcess(discord.apiUrl, cwd, { DISCORD_GLOBAL_RATE_LIMIT: String(globalLimit) });
    procs.push(proxy.proc);
    news.begin();
    const begun = Date.now();
    const startPromise = startBots({ token: discord.token, api: proxy.api, databaseUrl: scratch.url, shardCount: o.shards, globalLimit }, shardGroups(o.shards, processes), cwd);
    const bots = await startPromise;
    procs.push(...bots.map((b) => b.proc));
    const readyMs = Date.now() - begun;
    log(`${processes} process(es) running after ${readyMs} ms; warming up ${o.warmup} s, then measuring ${o.seconds} s`);
    await sleep(o.warmup * 1000);

    const from = Date.now();
    const cpuFrom = bots.map((b) => cpuSeconds(b.proc.child.pid));
    const proxyFrom = cpuSeconds(proxy.proc.child.pid);
    const benchFrom = process.cpuUsage();
    const machineFrom = machineTicks();
    const interactions = driveInteractions(discord, guilds, o.interactions, 7);
    const backlog = sampleBacklog(scratch.url, shardGroups(o.shards, processes), o.shards);
    await sleep(o.seconds * 1000);
    const to = Date.now();
    const backlogged = await backlog.stop();
    const cpu = bots.map((b, i) => Math.round((cpuSeconds(b.proc.child.pid) - cpuFrom[i]!) * 10) / 10);
    const proxyCpu = Math.round((cpuSeconds(proxy.proc.child.pid) - proxyFrom) * 10) / 10;
    const bench = process.cpuUsage(benchFrom);
    const machineTo = machineTicks();
    const asked = await interactions.stop();
    const metrics = await Promise.all(bots.map((b) => scrapeMetrics(b.metricsPort).catch(() => ({}) as Record<string, number>)));
    const posts = postStats(discord, guilds, from, to, backlogged);
    return {
      processes,
      shards: bots.map((b) => b.shardIds.join(',')),
      seededSources: seed.sources,
      startMs: readyMs,
      fetches: news.fetchStats(begun, Date.now()),
      itemsPublished: news.published(),
      articlePageRequests: news.articleRequests(),
      posts,
      postsByProcess: bots.map((b) => countLog(b.proc, 'posted story')),
      failedPostAttempts: bots.reduce((n, b) => n + countLog(b.proc, 'could not post story'), 0),
      deliveries: await deliveryCounts(scratch.url, (id) => discord.message(id) !== undefined),
      interactions: asked,
      limits: limitStats(discord, standInEpoch, from, to, o.global),
      bots429: metrics.reduce((n, m) => n + (m.gazette_discord_429_total ?? 0), 0),
      botsRateLimitWaits: metrics.reduce((n, m) => n + (m.gazette_discord_rate_limit_waits_total ?? 0), 0),
      cpuSeconds: {
        bots: cpu,
        proxy: proxyCpu,
        standInAndNews: Math.round((bench.user + bench.system) / 1e5) / 10,
        perHundredPosts: posts.inWindow ? Math.round((cpu.reduce((a, b) => a + b, 0) / posts.inWindow) * 1000) / 10 : null,
      },
      machineBusy: Math.round(((machineTo.busy - machineFrom.busy) / (machineTo.total - machineFrom.total)) * 100) / 100,
    };
  } finally {
    await stopAll(procs);
    await news.close();
    await discord.close();
    await scratch.drop();
    await rm(cwd, { recursive: true, force: true });
  }
}

/** The stand-in keeps every message and request of the run: 180 s at 30 follows a guild outgrew 256 MB. */
export const harnessHeapMb = 2048;

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      guilds: { type: 'string', default: '1000' },
      feeds: { type: 'string', default: '200' },
      follows: { type: 'string', default: '10' },
      shards: { type: 'string', default: '4' },
      seconds: { type: 'string', default: '90' },
      warmup: { type: 'string', default: '15' },
      interval: { type: 'string', default: '1' },
      interactions: { type: 'string', default: '5' },
      global: { type: 'string', default: '50' },
      processes: { type: 'string', default: '1,2' },
      'database-url': { type: 'string' },
      data: { type: 'string', default: join(root, '..', 'shared', 'bench', 'geo', 'reuters21578') },
    },
  });
  const serverUrl = benchDatabaseUrl(values['database-url']);
  if (!serverUrl) throw new BenchUsageError('No PostgreSQL server: pass --database-url, or run `scripts/with-postgres.sh npm run bench -- scale`, which starts one.');
  const num = (name: keyof typeof values) => {
    const n = Number(values[name]);
    if (!Number.isFinite(n) || n < 0) throw new BenchUsageError(`--${name} needs a number`);
    return n;
  };
  const o: Options = {
    guilds: num('guilds'),
    feeds: num('feeds'),
    follows: num('follows'),
    shards: num('shards'),
    seconds: num('seconds'),
    warmup: num('warmup'),
    intervalMinutes: num('interval'),
    interactions: num('interactions'),
    global: num('global'),
    serverUrl,
  };
  const stories = loadWireStories(values.data!);
  await ensureBuilt();
  const configurations = [];
  for (const processes of values.processes!.split(',').map(Number)) configurations.push(await runConfiguration(processes, o, stories));
  const [one, two] = configurations;
  process.stdout.write(
    `${JSON.stringify({
      task: 'scale',
      guilds: o.guilds,
      sharedFeeds: o.feeds,
      followsPerGuild: o.follows,
      shards: o.shards,
      intervalMinutes: o.intervalMinutes,
      measuredSeconds: o.seconds,
      interactionsPerSecond: o.interactions,
      globalLimitPerSecond: o.global,
      wireStories: stories.length,
      configurations,
      postsPerSecondRatio: one && two && one.posts.perSecond ? Math.round((two.posts.perSecond / one.posts.perSecond) * 100) / 100 : null,
      // The same over the seconds in which every process had posts due: what they can post, not what was offered.
      backloggedRatio: one?.posts.backlogged.perSecond && two?.posts.backlogged.perSecond ? Math.round((two.posts.backlogged.perSecond / one.posts.backlogged.perSecond) * 100) / 100 : null,
      loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    })}\n`,
  );
}
