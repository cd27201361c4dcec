import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../src/discord/rate-limit.js';

describe('createRateLimiter', () => {
  it('lets max uses through per window and key, then says how long to wait', () => {
    const limiter = createRateLimiter({ max: 2, windowMs: 60_000 });
    expect(limiter.take('a', 0)).toBe(0);
    expect(limiter.take('a', 10_000)).toBe(0);
    expect(limiter.take('a', 20_000)).toBe(40_000); // the first use leaves the window at 60 s
    expect(limiter.take('b', 20_000)).toBe(0);
    expect(limiter.take('a', 60_001)).toBe(0);
    expect(limiter.take('a', 60_002)).toBe(9_998);
  });

  it('forgets the least recently used keys beyond its size', () => {
    const limiter = createRateLimiter({ max: 1, windowMs: 60_000 }, 2);
    limiter.take('a', 0);
    limiter.take('b', 0);
    limiter.take('c', 0);
    expect(limiter.take('a', 1)).toBe(0); // forgotten
    expect(limiter.take('c', 1)).toBeGreaterThan(0);
  });
});
