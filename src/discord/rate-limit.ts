// Sliding-window limits on what members can make Gazette do that costs a fetch (submitting a link, testing or
// adding a source). Kept in memory: a guild's interactions all reach the process that owns its gateway shard, so
// per-guild counts are exact there; a restart forgets them, which only ever lets a little more through.

export interface RateLimit {
  max: number;
  windowMs: number;
}

export interface RateLimiter {
  /**
   * Counts `count` uses (default one, at most the limit) for `key` at `now`, or returns how many ms to wait until they
   * fit (nothing counted).
   */
  take(key: string, now: number, count?: number): number;
  /** How many ms to wait until `count` uses of `key` fit, counting nothing: for a use that another limit may refuse. */
  wait(key: string, now: number, count?: number): number;
  /** Takes back one use `take` counted for `key` at `at`: the use it reserved did not happen. */
  giveBack(key: string, at: number): void;
}

export function createRateLimiter(limit: RateLimit, maxKeys = 10_000): RateLimiter {
  const uses = new Map<string, number[]>();
  const needed = (count: number) => Math.min(Math.max(1, count), limit.max);
  const recentUses = (key: string, now: number) => (uses.get(key) ?? []).filter((t) => t > now - limit.windowMs);
  // Room for n once the oldest uses beyond max − n have left the window.
  const waitFor = (recent: number[], n: number, now: number) => (recent.length + n > limit.max ? recent[recent.length + n - limit.max - 1]! + limit.windowMs - now : 0);
  return {
    take(key, now, count = 1) {
      const n = needed(count);
      const recent = recentUses(key, now);
      const wait = waitFor(recent, n, now);
      if (wait > 0) return wait;
      for (let i = 0; i < n; i++) recent.push(now);
      uses.delete(key); // re-inserted last: the map's first keys are the least recently used
      uses.set(key, recent);
      if (uses.size > maxKeys) uses.delete(uses.keys().next().value!);
      return 0;
    },
    wait(key, now, count = 1) {
      return waitFor(recentUses(key, now), needed(count), now);
    },
    giveBack(key, at) {
      const recent = uses.get(key);
      const i = recent?.lastIndexOf(at) ?? -1;
      if (i >= 0) recent!.splice(i, 1);
    },
  };
}
