// Start-up gives up when no shard gets ready in time (login-until-ready.ts), but a process that splits the shards
// with others waits its turn to identify, 5 s a shard of the whole token: that wait must not count as a dead gateway.
import { describe, expect, it } from 'vitest';
import { readyTimeoutFor } from '../../../src/discord/bot.js';
import { defaultReadyTimeoutMs } from '../../../src/discord/login-until-ready.js';

describe('the time start-up waits for a ready shard', () => {
  it('is the plain limit for a process that runs every shard, and more for one that waits for the others', () => {
    expect(readyTimeoutFor(undefined)).toBe(defaultReadyTimeoutMs);
    expect(readyTimeoutFor({ count: 4 })).toBe(defaultReadyTimeoutMs);
    // 40 shards, this process the second half: the first 20 identify first, 5 s apart at max_concurrency 1.
    const split = readyTimeoutFor({ count: 40, ids: Array.from({ length: 20 }, (_, i) => 20 + i) });
    expect(split).toBeGreaterThan(defaultReadyTimeoutMs + 40 * 5_000);
  });
});
