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

  it('counts several uses at once, waiting until they all fit, never more than the limit', () => {
    const limiter = createRateLimiter({ max: 5, windowMs: 60_000 });
    expect(limiter.take('a', 0, 2)).toBe(0);
    expect(limiter.take('a', 10_000, 2)).toBe(0);
    expect(limiter.take('a', 20_000, 3)).toBe(40_000); // two must leave: the uses of 0 s, gone at 60 s
    expect(limiter.take('a', 20_000, 1)).toBe(0);
    expect(limiter.take('a', 60_001, 50)).toBe(19_999); // capped at 5: the uses of 10 s and 20 s must all leave
    expect(limiter.take('a', 80_001, 50)).toBe(0);
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
