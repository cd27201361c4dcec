// `/news submit`'s two limits: three links a minute per member, twenty per server. A link the server's limit refused
// was not shared: it must not count against the member's own three.
import { describe, expect, it } from 'vitest';
import { checkSubmitRate } from '../../../src/discord/commands/news-submit.js';
import { createRateLimiter } from '../../../src/discord/rate-limit.js';

const guild = '100000000000000091';
const member = (i: number) => `2000000000000001${String(i).padStart(2, '0')}`;

describe('the submission limits', () => {
  it('refuses a member the full server’s limit without spending their own uses', () => {
    // Seven members share 20 links at 0 s: the server's limit is reached.
    for (let i = 0; i < 20; i++) checkSubmitRate(guild, member(Math.floor(i / 3)), 0);
    const late = member(50);
    // A member who has shared nothing is told the server is busy, each time, never that they shared 3 links.
    for (let i = 0; i < 4; i++) expect(() => checkSubmitRate(guild, late, 30_000)).toThrow(/^Members of this server have shared many links/);
    // Once the server's links leave the minute, all three of the member's own are there.
    for (let i = 0; i < 3; i++) expect(() => checkSubmitRate(guild, late, 60_001 + i)).not.toThrow();
    expect(() => checkSubmitRate(guild, late, 60_010)).toThrow(/^You have shared 3 links in the last minute/);
  });

  it('a limiter’s wait counts nothing', () => {
    const limiter = createRateLimiter({ max: 1, windowMs: 60_000 });
    expect(limiter.wait('a', 0)).toBe(0);
    expect(limiter.wait('a', 0)).toBe(0);
    expect(limiter.take('a', 0)).toBe(0);
    expect(limiter.wait('a', 10_000)).toBe(50_000);
  });
});
