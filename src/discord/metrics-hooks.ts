// The Discord side of /metrics and /healthz: rate limits from discord.js's REST client, each shard's heartbeat
// ping, and whether this process's shards are ready. src/metrics knows nothing of discord.js; it gets plain numbers.
import { RESTEvents, Status, type Client } from 'discord.js';
import type { CheckResult } from '../metrics/health.js';
import type { Metrics } from '../metrics/metrics.js';

/** Counts 429s and rate-limit waits from the client's REST manager, and reads shard pings when Prometheus scrapes. */
export function attachDiscordMetrics(client: Client, metrics: Metrics): void {
  // Requests discord.js delays itself because a bucket it knows of is empty: pacing, not an error.
  client.rest.on(RESTEvents.RateLimited, (info) => metrics.countRateLimitWait(info.global));
  // 429s Discord actually answered (the rateLimited event does not fire for these): the ones that count against the
  // invalid-request limit (10,000 per 10 minutes).
  client.rest.on(RESTEvents.Response, (_request, response) => {
    if (response.status === 429) metrics.countDiscord429(response.headers.get('x-ratelimit-scope') ?? 'user');
  });
  metrics.collectFrom({
    // A shard's ping is -1 until its first heartbeat is acknowledged.
    shardPings: () => [...client.ws.shards.values()].filter((s) => s.ping >= 0).map((s) => ({ shard: s.id, seconds: s.ping / 1000 })),
  });
}

/** Healthy when this process has shards and every one of them is ready (identified and received its guilds). */
export function shardCheck(client: Client): CheckResult {
  const shards = [...client.ws.shards.values()];
  if (!shards.length) return { ok: false, detail: 'no gateway shards (not logged in yet)' };
  const waiting = shards.filter((s) => s.status !== Status.Ready);
  const list = shards.map((s) => s.id).join(', ');
  if (!waiting.length) return { ok: true, detail: `shards ${list} of ${client.options.shardCount ?? shards.length} ready` };
  return { ok: false, detail: waiting.map((s) => `shard ${s.id} ${Status[s.status]?.toLowerCase() ?? 'not ready'}`).join('; ') };
}
