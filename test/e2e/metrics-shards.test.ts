// SHARD_COUNT and SHARD_IDS through the real app and discord.js against the Discord stand-in: a process runs every
// shard of the count, or only its ids; /healthz and the shard ping gauge speak of this process's shards.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';

function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const get = (t: TestBot, path: string) => fetch(`${t.app.metricsServer!.origin}${path}`);

describe('sharding settings', () => {
  let all: TestBot;
  let some: TestBot;
  const warnings: string[] = [];

  beforeAll(async () => {
    // Heartbeats every 1.5 s (Discord: ~41 s), so each shard has a ping to report soon after login; not much shorter,
    // or a busy machine answering late makes discord.js take the connection for a zombie and reconnect. A
    // max_concurrency of 16 (a large bot's) lets the shards identify at once rather than 5 s apart, which this test
    // would only wait out (test/unit/discord-standin/sharding-client.test.ts keeps the spacing).
    const standIn = { heartbeatIntervalMs: 1500, gateway: { maxConcurrency: 16 } };
    [all, some] = await Promise.all([
      startTestBot({ env: { METRICS_PORT: '0', SHARD_COUNT: '2' }, standIn }),
      startTestBot({ env: { METRICS_PORT: '0', SHARD_COUNT: '3', SHARD_IDS: '1,2' }, standIn, logger: pino({ level: 'warn' }, { write: (line: string) => warnings.push(line) }) }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([all?.close(), some?.close()]);
  });

  it('runs every shard of SHARD_COUNT in one process when no ids are given', async () => {
    const client = all.app.bot.client;
    expect([...client.ws.shards.keys()].sort()).toEqual([0, 1]);
    expect(client.options.shardCount).toBe(2);
    const body = (await (await get(all, '/healthz')).json()) as { status: string; checks: Record<string, { detail?: string }> };
    expect(body.status).toBe('ok');
    expect(body.checks.shards!.detail).toBe('shards 0, 1 of 2 ready');
  });

  it('warns that shards left to other processes need a PostgreSQL server, on the embedded database', () => {
    expect(warnings.filter((l) => l.includes('SHARD_IDS leaves shards to other processes'))).toHaveLength(1);
  });

  it('runs only SHARD_IDS out of SHARD_COUNT, and reports a ping per shard', async () => {
    const client = some.app.bot.client;
    expect([...client.ws.shards.keys()].sort()).toEqual([1, 2]);
    expect(client.options.shardCount).toBe(3);
    const body = (await (await get(some, '/healthz')).json()) as { status: string; checks: Record<string, { detail?: string }> };
    expect(body.checks.shards!.detail).toBe('shards 1, 2 of 3 ready');
    await some.discord.waitFor(() => [...client.ws.shards.values()].every((s) => s.ping >= 0), 10_000, 'a heartbeat acknowledged on both shards');
    const text = await (await get(some, '/metrics')).text();
    expect(sample(text, 'gazette_discord_shard_ping_seconds{shard="1"}')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'gazette_discord_shard_ping_seconds{shard="2"}')).toBeGreaterThanOrEqual(0);
    expect(text).not.toContain('gazette_discord_shard_ping_seconds{shard="0"}');
  });
});
