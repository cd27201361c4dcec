// Per-route buckets announced in `X-RateLimit-*` headers (discord.js paces itself by them), enforcement of the ones
// that shape a bot's design (message creates and edits per channel, 50 requests/s globally), and fault injection.
import { createHash } from 'node:crypto';

export interface Window {
  limit: number;
  windowMs: number;
}

export interface RateLimitOptions {
  /** `POST /channels/:id/messages`, per channel. Default 5 per 5 s. */
  messageCreates?: Window;
  /** `PATCH /channels/:id/messages/:id`, per channel. Default 5 per 5 s. */
  messageEdits?: Window;
  /** Every other bucketed route, per major parameter. Default 50 per 1 s. */
  other?: Window;
  /** Requests per second over all bot-authenticated routes (interactions excluded). Default 50; 0 turns it off. */
  globalPerSecond?: number;
  /**
   * `PATCH /channels/:id` changing a channel's or thread's name or topic, per channel: Discord's undocumented sublimit
   * (about 2 per 10 minutes), which the bucket's headers never announce. Default 2 per 600 s.
   */
  channelRenames?: Window;
}

export interface Fault {
  status: number;
  /** Replaces the default body for the status. */
  body?: unknown;
  /** Seconds, for 429 (default 1). Sent in `Retry-After` and `retry_after`. */
  retryAfter?: number;
  /** For 429: a global rather than per-route limit. */
  global?: boolean;
  /**
   * Discord carried the request out, then its answer was lost (a gateway timing out behind Cloudflare): the route
   * runs, and this status is sent instead of its answer. Not for 429, which Discord only sends for work it did not do.
   */
  afterDoing?: boolean;
}

export interface RateDecision {
  headers: Record<string, string>;
  /** Seconds to wait when the request is over the limit; null when it may proceed. */
  retryAfter: number | null;
  global: boolean;
}

interface Counter {
  count: number;
  resetAt: number;
}

const FAULT_BODIES: Record<number, { message: string; code: number }> = {
  400: { message: 'Invalid Form Body', code: 50035 },
  401: { message: '401: Unauthorized', code: 0 },
  403: { message: 'Missing Permissions', code: 50013 },
  404: { message: 'Unknown Channel', code: 10003 },
  500: { message: '500: Internal Server Error', code: 0 },
  502: { message: '502: Bad Gateway', code: 0 },
  503: { message: '503: Service Unavailable', code: 0 },
};

export function faultBody(fault: Fault): unknown {
  if (fault.body !== undefined) return fault.body;
  if (fault.status === 429) return { message: 'You are being rate limited.', retry_after: fault.retryAfter ?? 1, global: fault.global ?? false };
  return FAULT_BODIES[fault.status] ?? { message: `${fault.status}: Error`, code: 0 };
}

/** `"POST /channels/:id/messages"` or `"/guilds/*"`: `:name` matches one segment, `*` anything; no method means any. */
export function routeMatcher(pattern: string | RegExp): (method: string, path: string) => boolean {
  if (pattern instanceof RegExp) return (method, path) => pattern.test(`${method} ${path}`);
  const match = /^([A-Z]+)\s+(.*)$/.exec(pattern.trim());
  const method = match?.[1] ?? null;
  const pathPattern = (match?.[2] ?? pattern).trim().replace(/^\/api\/v10/, '');
  const source = pathPattern
    .split(/(:[A-Za-z_]\w*|\*)/)
    .map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const regex = new RegExp(`^${source}$`);
  return (m, path) => (method === null || method === m) && regex.test(path);
}

export interface RateLimiter {
  /** Counts the request against its bucket and the global limit; null route templates are not bucketed. */
  check(method: string, route: string | null, params: Record<string, string>, bot: boolean, body?: unknown): RateDecision;
  addFault(pattern: string | RegExp, fault: Fault, times: number): void;
  takeFault(method: string, path: string): Fault | null;
}

export function createRateLimiter(options: RateLimitOptions = {}): RateLimiter {
  const creates = options.messageCreates ?? { limit: 5, windowMs: 5000 };
  const edits = options.messageEdits ?? { limit: 5, windowMs: 5000 };
  const other = options.other ?? { limit: 50, windowMs: 1000 };
  const globalPerSecond = options.globalPerSecond ?? 50;
  const renames = options.channelRenames ?? { limit: 2, windowMs: 600_000 };
  const renameTimes = new Map<string, number[]>();
  /** Seconds until the channel may be renamed again, or null (and the rename counted). */
  function renameWait(channelId: string, now: number): number | null {
    const times = (renameTimes.get(channelId) ?? []).filter((t) => t > now - renames.windowMs);
    renameTimes.set(channelId, times);
    if (times.length >= renames.limit) return Math.max(((times[0] ?? now) + renames.windowMs - now) / 1000, 0.001);
    times.push(now);
    return null;
  }
  const counters = new Map<string, Counter>();
  const globalHits: number[] = [];
  const faults: Array<{ matches: (m: string, p: string) => boolean; fault: Fault; remaining: number }> = [];

  function windowFor(route: string): Window {
    if (route === 'POST /channels/:channelId/messages') return creates;
    if (route === 'PATCH /channels/:channelId/messages/:messageId') return edits;
    return other;
  }

  function majorParameter(params: Record<string, string>): string {
    return params.channelId ?? params.guildId ?? (params.webhookId ? `${params.webhookId}/${params.token}` : 'global');
  }

  return {
    check(method, route, params, bot, body) {
      const now = Date.now();
      if (bot && globalPerSecond > 0) {
        while (globalHits.length && (globalHits[0] ?? 0) <= now - 1000) globalHits.shift();
        if (globalHits.length >= globalPerSecond) {
          const retryAfter = Math.max(((globalHits[0] ?? now) + 1000 - now) / 1000, 0.001);
          return { headers: { 'X-RateLimit-Global': 'true', 'X-RateLimit-Scope': 'global' }, retryAfter, global: true };
        }
        globalHits.push(now);
      }
      if (route === null || route.includes('/interactions/')) return { headers: {}, retryAfter: null, global: false };
      const window = windowFor(route);
      const hash = createHash('sha1').update(route).digest('hex').slice(0, 16);
      const key = `${hash}:${majorParameter(params)}`;
      let counter = counters.get(key);
      if (!counter || counter.resetAt <= now) {
        counter = { count: 0, resetAt: now + window.windowMs };
        counters.set(key, counter);
      }
      const resetAfter = (counter.resetAt - now) / 1000;
      const over = counter.count >= window.limit;
      if (!over) counter.count += 1;
      const headers: Record<string, string> = {
        'X-RateLimit-Limit': String(window.limit),
        'X-RateLimit-Remaining': String(Math.max(window.limit - counter.count, 0)),
        'X-RateLimit-Reset': (counter.resetAt / 1000).toFixed(3),
        'X-RateLimit-Reset-After': resetAfter.toFixed(3),
        'X-RateLimit-Bucket': hash,
      };
      if (over) headers['X-RateLimit-Scope'] = 'user';
      if (over) return { headers, retryAfter: Math.max(resetAfter, 0.001), global: false };
      // The rename sublimit: the bucket has room (its headers say so), the channel's name does not.
      const renaming = route === 'PATCH /channels/:channelId' && typeof body === 'object' && body !== null && ('name' in body || 'topic' in body);
      const wait = renaming ? renameWait(params.channelId ?? '', now) : null;
      if (wait !== null) return { headers: { ...headers, 'X-RateLimit-Scope': 'user' }, retryAfter: wait, global: false };
      return { headers, retryAfter: null, global: false };
    },
    addFault(pattern, fault, times) {
      faults.push({ matches: routeMatcher(pattern), fault, remaining: times });
    },
    takeFault(method, path) {
      const entry = faults.find((f) => f.remaining > 0 && f.matches(method, path));
      if (!entry) return null;
      entry.remaining -= 1;
      return entry.fault;
    },
  };
}
