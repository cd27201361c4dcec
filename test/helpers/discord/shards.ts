// Sharding as Discord does it: which session receives a guild's events, what GET /gateway/bot announces, and the
// session-start rule — one IDENTIFY per bucket (shard_id % max_concurrency) per 5 seconds — that a bot running
// several shards, or several processes, must keep.
import type { RESTGetAPIGatewayBotResult } from 'discord-api-types/v10';
import type { Observer } from './observer.js';
import { shardOf } from './snowflake.js';

export type ShardTuple = [id: number, count: number];

export interface ShardingOptions {
  /** `shards` in GET /gateway/bot: the count Discord recommends, which `shards: 'auto'` starts (default 1). */
  recommendedShards?: number;
  /** `session_start_limit.max_concurrency` (default 1): how many buckets may identify at once. */
  maxConcurrency?: number;
  /**
   * Answer an IDENTIFY that comes within `identifyWindowMs` of the previous one in its bucket with op 9 Invalid
   * Session (`d: false`) and record an `identify-rate-limit` violation (default false: identifies are only counted,
   * since a restarted bot or a test's second client legitimately identifies at once).
   */
  enforceIdentifyLimit?: boolean;
  /** Discord's identify window per bucket (default 5000 ms; a gap up to a tenth of it, at most 100 ms, shorter passes). */
  identifyWindowMs?: number;
}

export interface IdentifyRecord {
  shard: ShardTuple;
  /** Stand-in clock (ms since start). */
  at: number;
  /** False when the stand-in refused it with op 9 (only with `enforceIdentifyLimit`). */
  accepted: boolean;
  /** The session it started; null when refused. */
  sessionId: string | null;
}

const SESSION_START_TOTAL = 1000;

/** Whether a session on `shard` receives an event of `guildId`; events without a guild (DMs) go to shard 0 only. */
export function receives(shard: ShardTuple, guildId: string | null): boolean {
  return guildId ? shardOf(guildId, shard[1]) === shard[0] : shard[0] === 0;
}

/** Discord closes with 4010 Invalid Shard for these. */
export function parseShard(value: unknown): ShardTuple | null {
  if (value === undefined || value === null) return [0, 1];
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [id, count] = value as unknown[];
  if (!Number.isInteger(id) || !Number.isInteger(count)) return null;
  return (count as number) >= 1 && (id as number) >= 0 && (id as number) < (count as number) ? [id as number, count as number] : null;
}

export interface IdentifyLimiter {
  readonly records: IdentifyRecord[];
  /** Records an IDENTIFY for `shard`; `accepted: false` when it is over the enforced limit and must be refused. */
  admit(shard: ShardTuple): IdentifyRecord;
  gatewayBot(url: string): RESTGetAPIGatewayBotResult;
}

export function createIdentifyLimiter(options: ShardingOptions, observer: Observer): IdentifyLimiter {
  const maxConcurrency = Math.max(1, options.maxConcurrency ?? 1);
  const windowMs = options.identifyWindowMs ?? 5000;
  // The stand-in shares its event loop with the bot under test: a busy loop can read the first IDENTIFY's arrival late
  // and make a correctly spaced second one look early, so a little slack keeps the rule from flaking.
  const graceMs = Math.min(100, windowMs / 10);
  /** Bucket → when its last accepted IDENTIFY arrived; refused ones do not extend the wait. */
  const lastAccepted = new Map<number, number>();
  const records: IdentifyRecord[] = [];
  return {
    records,
    admit(shard) {
      const at = observer.now();
      const bucket = shard[0] % maxConcurrency;
      const previous = lastAccepted.get(bucket);
      const tooSoon = previous !== undefined && at - previous < windowMs - graceMs;
      const accepted = !(tooSoon && options.enforceIdentifyLimit);
      if (accepted) lastAccepted.set(bucket, at);
      const record: IdentifyRecord = { shard, at, accepted, sessionId: null };
      records.push(record);
      if (!accepted) {
        observer.violate({
          kind: 'identify-rate-limit',
          detail: `IDENTIFY of shard [${shard.join(', ')}] ${Math.round(at - (previous ?? 0))} ms after the previous one of bucket ${bucket} (max_concurrency ${maxConcurrency}; one per ${windowMs} ms per bucket)`,
        });
      }
      return record;
    },
    gatewayBot(url) {
      return {
        url,
        shards: options.recommendedShards ?? 1,
        session_start_limit: {
          total: SESSION_START_TOTAL,
          remaining: Math.max(0, SESSION_START_TOTAL - records.filter((r) => r.accepted).length),
          reset_after: 86_400_000,
          max_concurrency: maxConcurrency,
        },
      };
    },
  };
}
