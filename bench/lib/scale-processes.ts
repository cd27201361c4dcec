// The processes of a scale run, started as an operator would start them (README, "Several processes"): one REST proxy
// (`npm run rest-proxy`, test/helpers/bot-process.ts) and N bots (`npm start`, compiled) splitting the shards on one PostgreSQL database. Also reads
// each process's CPU time from /proc (Linux only) and its Prometheus counters.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { startBotProcess, waitUntil, type BotProcess } from '../../test/helpers/bot-process.js';

/** Busy and total jiffies of the whole machine (/proc/stat), to tell how much of the cores the run used. */
export function machineTicks(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
  const total = cpu.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

export interface ScaleBot {
  proc: BotProcess;
  shardIds: number[];
  metricsPort: number;
}

export interface BotEnv {
  token: string;
  api: string;
  databaseUrl: string;
  shardCount: number;
  /** DISCORD_GLOBAL_RATE_LIMIT: the token's requests a second, as the stand-in enforces it. */
  globalLimit: number;
}

/** Starts one bot per shard group and waits until every one of them logged "Gazette is running". */
export async function startBots(env: BotEnv, groups: number[][], cwd: string): Promise<ScaleBot[]> {
  const bots: ScaleBot[] = [];
  for (const shardIds of groups) {
    const metricsPort = await freePort();
    const proc = startBotProcess(
      {
        DISCORD_TOKEN: env.token,
        DISCORD_API_URL: env.api,
        DATABASE_URL: env.databaseUrl,
        SHARD_COUNT: String(env.shardCount),
        DISCORD_GLOBAL_RATE_LIMIT: String(env.globalLimit),
        SHARD_IDS: shardIds.join(','),
        ALLOW_PRIVATE_NETWORKS: 'true',
        // Every second, as the multi-process test: a feed's own interval (one minute) decides when it is due.
        POLL_CRON: '* * * * * *',
        // The per-channel hourly quota would turn most posts into digest entries; this bench measures posting.
        MAX_POSTS_PER_CHANNEL_HOUR: '10000',
        METRICS_PORT: String(metricsPort),
        LOG_LEVEL: 'info',
      },
      cwd,
    );
    bots.push({ proc, shardIds, metricsPort });
  }
  await Promise.all(bots.map((b) => waitUntil(() => b.proc.output().includes('"msg":"Gazette is running"'), 180_000, `the bot on shards ${b.shardIds.join(',')} to start`, b.proc)));
  return bots;
}

/** Counters from a bot's /metrics, summed over their labels, keyed `name` and `name{label="value"}`. */
export async function scrapeMetrics(port: number): Promise<Record<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const m = /^(gazette_[a-z0-9_]+?)(_total)?(\{[^}]*\})? ([0-9.e+-]+)$/.exec(line);
    if (!m || !m[2]) continue;
    const name = `${m[1]}_total`;
    out[name] = (out[name] ?? 0) + Number(m[4]);
    if (m[3]) out[`${name}${m[3]}`] = Number(m[4]);
  }
  return out;
}

/** How many log lines of a process carry this message. */
export function countLog(proc: BotProcess, msg: string): number {
  return proc.output().split(`"msg":"${msg}"`).length - 1;
}

export async function stopAll(procs: BotProcess[]): Promise<void> {
  for (const p of procs) p.child.kill('SIGKILL');
  await Promise.all(procs.map((p) => p.exited));
}
