// /healthz's shard check (src/discord/metrics-hooks.ts): a shard Discord asked to reconnect is not ready for seconds
// (resuming, or a new session waiting for its guilds); a probe failing on the first of them restarted a healthy bot.
// It fails once a shard has been other than ready for longer than the grace.
import { Status } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { shardNotReadyGraceMs, shardVerdict } from '../../../src/discord/metrics-hooks.js';

describe('the shard health check', () => {
  it('tolerates a shard reconnecting for a while, fails it past the grace, and forgets once it is ready', () => {
    const since = new Map<number, number>();
    const t0 = 1_000_000;
    expect(shardVerdict([{ id: 0, status: Status.Ready }, { id: 1, status: Status.Ready }], 2, since, t0)).toEqual({ ok: true, detail: 'shards 0, 1 of 2 ready' });
    const resuming = [{ id: 0, status: Status.Ready }, { id: 1, status: Status.Resuming }];
    expect(shardVerdict(resuming, 2, since, t0 + 1_000)).toEqual({ ok: true, detail: 'shard 1 resuming for 0 s' });
    expect(shardVerdict(resuming, 2, since, t0 + shardNotReadyGraceMs)).toMatchObject({ ok: true });
    expect(shardVerdict(resuming, 2, since, t0 + 2_000 + shardNotReadyGraceMs)).toEqual({ ok: false, detail: 'shard 1 resuming for 61 s' });
    expect(shardVerdict([{ id: 0, status: Status.Ready }, { id: 1, status: Status.Ready }], 2, since, t0 + 70_000)).toMatchObject({ ok: true });
    expect(shardVerdict(resuming, 2, since, t0 + 80_000)).toEqual({ ok: true, detail: 'shard 1 resuming for 0 s' });
    expect(shardVerdict([], 2, since, t0)).toEqual({ ok: false, detail: 'no gateway shards (not logged in yet)' });
  });
});
