// What a scale run measured at the Discord stand-in: posts per second in the guilds' channels, duplicate posts, what
// members waited for `/news latest` while the bots posted, and how close the token's requests came to Discord's
// limits (429s, the global 50 per second, per-channel buckets). All read from the stand-in's records, not the bots'.
import pg from 'pg';
import type { DiscordStandIn, InteractionHandle } from '../../test/helpers/discord/index.js';
import { seededRandom } from '../../test/helpers/seeded-random.js';
import { percentile } from './percentile.js';
import { machineTicks } from './scale-processes.js';

export interface ScaleGuild {
  id: string;
  channel: string;
  member: string;
}

/** Open-loop `/news latest` at `perSecond` from random members of random guilds, until `stop()`; then their timings. */
export function driveInteractions(discord: DiscordStandIn, guilds: ScaleGuild[], perSecond: number, seed: number) {
  const random = seededRandom(seed);
  const handles: InteractionHandle[] = [];
  // Sent on a fixed schedule rather than after each answer, so a slow bot gets more waiting, not fewer questions.
  const timer = perSecond > 0 ? setInterval(() => {
    const g = guilds[Math.floor(random() * guilds.length)]!;
    handles.push(discord.slash(g.id, g.member, g.channel, 'news latest', {}));
  }, 1000 / perSecond) : undefined;
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(handles.map((h) => h.settled({ timeoutMs: 15_000 }).catch(() => null)));
      const ms = handles.map((h) => h.record.firstResponse?.ms).filter((x): x is number => x !== undefined).sort((a, b) => a - b);
      return {
        sent: handles.length,
        answered: ms.length,
        late: handles.filter((h) => (h.record.firstResponse?.ms ?? 0) > 3000).length,
        p50Ms: Math.round(percentile(ms, 50)),
        p99Ms: Math.round(percentile(ms, 99)),
        maxMs: Math.round(ms.at(-1) ?? 0),
      };
    },
  };
}

const storyOf = (components: unknown): string | undefined => /"custom_id":"vote:(\d+):/.exec(JSON.stringify(components ?? []))?.[1];

/**
 * Posts in the guilds' channels: the rate inside [fromMs, toMs] (epoch), ten-second counts from fromMs, and duplicates —
 * a story (read from its vote buttons' custom ids) posted more than once in one channel. `backlogged`: the rate over the
 * seconds in which every process had posts due, and how busy the machine was in them (sampleBacklog).
 */
export function postStats(discord: DiscordStandIn, guilds: ScaleGuild[], fromMs: number, toMs: number, backlog: Backlog = { seconds: [], machineBusy: null }) {
  const backlogStarts = new Set(backlog.seconds.map((s) => Math.floor(s / 1000)));
  let backloggedPosts = 0;
  let total = 0;
  let inWindow = 0;
  let duplicates = 0;
  let edits = 0;
  const perTen: number[] = Array.from({ length: Math.ceil((toMs - fromMs) / 10_000) }, () => 0);
  const channelsPosted = new Set<string>();
  for (const g of guilds) {
    const stories = new Set<string>();
    for (const m of discord.messages(g.channel, { includeEphemeral: false })) {
      if (!m.data.embeds?.length || m.interactionId) continue;
      total++;
      channelsPosted.add(g.channel);
      edits += m.versions.length;
      const key = storyOf(m.data.components) ?? m.data.embeds[0]?.url ?? m.id;
      if (stories.has(key)) duplicates++;
      stories.add(key);
      if (m.createdAt >= fromMs && m.createdAt < toMs) {
        inWindow++;
        perTen[Math.floor((m.createdAt - fromMs) / 10_000)]!++;
      }
      if (backlogStarts.has(Math.floor(m.createdAt / 1000))) backloggedPosts++;
    }
  }
  const backlogged = { seconds: backlogStarts.size, perSecond: backlogStarts.size ? Math.round((backloggedPosts / backlogStarts.size) * 10) / 10 : null, machineBusy: backlog.machineBusy };
  return { total, inWindow, perSecond: Math.round((inWindow / ((toMs - fromMs) / 1000)) * 10) / 10, perTenSeconds: perTen, duplicates, edits, channelsPosted: channelsPosted.size, backlogged };
}

/**
 * The token's requests as Discord saw them inside the window (`standInEpoch` turns the stand-in's clock into epoch
 * ms): 429s by route, bot-token requests per second against the global limit, and how many seconds ran at ≥ 90 % of
 * it — the sign that Discord's limit, not the bots, set the pace.
 */
export function limitStats(discord: DiscordStandIn, standInEpoch: number, fromMs: number, toMs: number, globalPerSecond: number) {
  const seconds = new Map<number, number>();
  const throttled: Record<string, number> = {};
  const byRoute: Record<string, number> = {};
  // Per route, ten-second counts from fromMs: what the token's budget went to when posts dip.
  const byRoutePerTen: Record<string, number[]> = {};
  let all429 = 0;
  let global429 = 0;
  for (const r of discord.requests) {
    const at = standInEpoch + r.at;
    if (r.status === 429) {
      all429++;
      if ((r.responseBody as { global?: boolean } | null)?.global) global429++;
      const key = r.route ?? r.path;
      throttled[key] = (throttled[key] ?? 0) + 1;
    }
    // Interaction callbacks and their webhooks carry no bot token and are outside the global limit, on Discord too.
    const bot = r.route !== null && !r.route.includes('/interactions/') && !r.route.includes('/webhooks/');
    if (!bot || at < fromMs || at >= toMs) continue;
    byRoute[r.route!] = (byRoute[r.route!] ?? 0) + 1;
    (byRoutePerTen[r.route!] ??= Array.from({ length: Math.ceil((toMs - fromMs) / 10_000) }, () => 0))[Math.floor((at - fromMs) / 10_000)]!++;
    const s = Math.floor((at - fromMs) / 1000);
    seconds.set(s, (seconds.get(s) ?? 0) + 1);
  }
  const windowSeconds = Math.floor((toMs - fromMs) / 1000);
  const counts = Array.from({ length: windowSeconds }, (_, s) => seconds.get(s) ?? 0);
  const bound = globalPerSecond > 0 ? counts.filter((c) => c >= 0.9 * globalPerSecond).length : 0;
  return {
    received429: all429,
    received429Global: global429,
    received429ByRoute: throttled,
    botRequestsByRoute: byRoute,
    botRequestsPerTenSecondsByRoute: byRoutePerTen,
    botRequestsPerSecond: Math.round((counts.reduce((a, b) => a + b, 0) / Math.max(1, windowSeconds)) * 10) / 10,
    maxBotRequestsInOneSecond: Math.max(0, ...counts),
    secondsAtGlobalLimit: `${bound}/${windowSeconds}`,
    violations: discord.violations.reduce<Record<string, number>>((acc, v) => ({ ...acc, [v.kind]: (acc[v.kind] ?? 0) + 1 }), {}),
    identifies: { accepted: discord.identifies().filter((i) => i.accepted).length, refused: discord.identifies().filter((i) => !i.accepted).length },
  };
}

/** The seconds (epoch ms at their start) in which every process had posts due, and the machine's busy share in them. */
export interface Backlog {
  seconds: readonly number[];
  machineBusy: number | null;
}

/**
 * Samples, once a second, the posts due in each process's guilds (by Discord's shard formula): a process whose due
 * posts are all sent waits for the next poll's stories, and its posts a second then measure the offered load, not
 * what it can post. `stop()` gives the seconds in which every process had at least `minDue` due, and how busy the
 * machine's cores were in those seconds (whether two processes are short of posts to send or of CPU).
 */
export function sampleBacklog(databaseUrl: string, shardsByProcess: number[][], shardCount: number, minDue = 50) {
  const client = new pg.Client({ connectionString: databaseUrl });
  const busy: number[] = [];
  const ticks = { busy: 0, total: 0 };
  let stopped = false;
  const connected = client.connect();
  const loop = (async () => {
    await connected;
    let last: { at: ReturnType<typeof machineTicks>; backlogged: boolean } | undefined;
    while (!stopped) {
      const at = Date.now();
      const now = machineTicks();
      if (last?.backlogged) {
        ticks.busy += now.busy - last.at.busy;
        ticks.total += now.total - last.at.total;
      }
      const rows = (
        await client.query<{ shard: number; n: number }>(
          `SELECT mod("guildId"::bigint >> 22, $1)::int AS shard, count(*)::int AS n FROM "Delivery" WHERE status = 'pending' AND "nextAttemptAt" <= now() GROUP BY 1`,
          [shardCount],
        )
      ).rows;
      const due = new Map(rows.map((r) => [r.shard, r.n]));
      const backlogged = shardsByProcess.every((shards) => shards.reduce((n, s) => n + (due.get(s) ?? 0), 0) >= minDue);
      if (backlogged) busy.push(at);
      last = { at: now, backlogged };
      await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - at))));
    }
  })();
  return {
    async stop(): Promise<Backlog> {
      stopped = true;
      await loop;
      await client.end();
      return { seconds: busy, machineBusy: ticks.total ? Math.round((ticks.busy / ticks.total) * 100) / 100 : null };
    },
  };
}
