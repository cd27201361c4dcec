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

/**
 * How long a shard may be other than ready before /healthz fails: Discord asks for reconnects routinely, and a resume
 * or a new session's guilds take seconds to tens of seconds; a probe failing on the first of them restarted a healthy bot.
 */
export const shardNotReadyGraceMs = 60_000;

/**
 * Healthy when this process has shards and none has been other than ready for longer than `graceMs` (identified and
 * received its guilds). `since` remembers, between calls, when each shard was first seen not ready.
 */
export function shardVerdict(shards: readonly { id: number; status: Status }[], count: number, since: Map<number, number>, now: number, graceMs = shardNotReadyGraceMs): CheckResult {
  if (!shards.length) return { ok: false, detail: 'no gateway shards (not logged in yet)' };
  for (const s of shards) {
    if (s.status === Status.Ready) since.delete(s.id);
    else if (!since.has(s.id)) since.set(s.id, now);
  }
  const list = shards.map((s) => s.id).join(', ');
  const waiting = shards.filter((s) => s.status !== Status.Ready);
  if (!waiting.length) return { ok: true, detail: `shards ${list} of ${count} ready` };
  const detail = waiting.map((s) => `shard ${s.id} ${Status[s.status]?.toLowerCase() ?? 'not ready'} for ${Math.round((now - since.get(s.id)!) / 1000)} s`).join('; ');
  return { ok: waiting.every((s) => now - since.get(s.id)! < graceMs), detail };
}

/**
 * The check /healthz runs on this process's shards (shardVerdict), remembering since when each is not ready. A client
 * that is not ready at all (destroyed, or never logged in) has no grace: its shards are not reconnecting.
 */
export function shardCheck(client: Client, now: () => number = Date.now): () => CheckResult {
  const since = new Map<number, number>();
  return () => {
    const shards = [...client.ws.shards.values()];
    return shardVerdict(shards, client.options.shardCount ?? shards.length, since, now(), client.isReady() ? shardNotReadyGraceMs : 0);
  };
}
