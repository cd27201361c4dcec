// Which channels (and outlet webhooks) have spent their message bucket, read from Discord's `X-RateLimit-*` headers as
// discord.js receives them (or the REST proxy passes them on). The delivery worker puts a post to such a channel back
// until the bucket refills instead of sending it to wait in discord.js's or the proxy's queue: waiting, it held its
// whole claimed batch, and so every other server's posts (in the scale bench, 23–25 waits of 1.1–3.7 s a run, half of
// one process's time; docs/benchmarks.md).
import { RESTEvents, type APIRequest, type REST, type ResponseLike } from 'discord.js';

/** Message requests to one channel or webhook: Discord limits them per method and major parameter. */
export type BudgetKey = `${'POST' | 'PATCH'} ${'channels' | 'webhooks'}/${string}`;

/** The bucket a message request draws on: its outlet webhook's when it goes through one, else its channel's. */
export function budgetKey(method: 'POST' | 'PATCH', webhookId: string | null | undefined, channelId: string): BudgetKey {
  return webhookId ? `${method} webhooks/${webhookId}` : `${method} channels/${channelId}`;
}

export interface ChannelBudgets {
  /** When (ms since the epoch) requests under `key` may go again without waiting; 0 when they may go now. */
  freeAt(key: BudgetKey): number;
}

/** The bucket's state as the REST proxy passes it on (rest-proxy.ts), which drops Discord's own headers. */
export const proxiedBucketHeaders = { remaining: 'x-proxied-ratelimit-remaining', resetAfter: 'x-proxied-ratelimit-reset-after' } as const;

const majorOf = /^\/(channels|webhooks)\/(\d+)(?:\/|$)/;
/** discord.js waits this much past a reset too (its default `offset`); a little more, for the proxy's hop. */
const marginMs = 100;
/** Spent buckets are forgotten once refilled; sweep only when many are held, as after a burst to thousands of channels. */
const sweepAbove = 5_000;

export function watchChannelBudgets(rest: REST, clock: () => number = Date.now): ChannelBudgets {
  const spentUntil = new Map<string, number>();

  const onResponse = (request: APIRequest, response: ResponseLike) => {
    const method = request.method.toUpperCase();
    const major = majorOf.exec(request.path);
    if (!major || (method !== 'POST' && method !== 'PATCH')) return;
    // Behind the REST proxy the bucket's state comes under other names, and a 429 never comes back (the proxy waits).
    const header = (name: string) => response.headers.get(name);
    const remaining = header('x-ratelimit-remaining') ?? header(proxiedBucketHeaders.remaining);
    const resetAfter = header('x-ratelimit-reset-after') ?? header(proxiedBucketHeaders.resetAfter);
    // A 429 says how long; a success with nothing remaining says when the bucket refills. A global 429 is the token's,
    // not the channel's (the REST proxy paces those).
    let seconds: number | null = null;
    if (response.status === 429) seconds = header('x-ratelimit-global') ? null : Number(header('retry-after'));
    else if (remaining === '0') seconds = Number(resetAfter);
    if (seconds === null || !Number.isFinite(seconds) || seconds <= 0) return;
    const key = `${method} ${major[1]}/${major[2]}`;
    const until = clock() + seconds * 1000 + marginMs;
    if (until > (spentUntil.get(key) ?? 0)) spentUntil.set(key, until);
    if (spentUntil.size > sweepAbove) {
      const now = clock();
      for (const [k, t] of spentUntil) if (t <= now) spentUntil.delete(k);
    }
  };
  rest.on(RESTEvents.Response, onResponse);

  return {
    freeAt(key) {
      const until = spentUntil.get(key) ?? 0;
      if (until > clock()) return until;
      spentUntil.delete(key);
      return 0;
    },
  };
}
