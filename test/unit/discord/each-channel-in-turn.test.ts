// The delivery worker's order of work (src/discord/delivery/delivery-worker.ts): a channel waiting on Discord's
// per-channel limit must not hold up the others, and one channel's posts keep their order.
import { describe, expect, it } from 'vitest';
import { eachChannelInTurn } from '../../../src/discord/delivery/delivery-pacing.js';

/** A promise and the function that settles it. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('eachChannelInTurn', () => {
  it('goes on with other channels while one waits, and keeps each channel’s rows in order', async () => {
    const slow = gate();
    const log: string[] = [];
    const rows = [
      { id: 'a1', channelId: 'a' },
      { id: 'b1', channelId: 'b' },
      { id: 'a2', channelId: 'a' },
      { id: 'b2', channelId: 'b' },
    ];
    const running = eachChannelInTurn(rows, async (row) => {
      log.push(`start ${row.id}`);
      if (row.id === 'a1') await slow.opened;
      log.push(`end ${row.id}`);
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    // Channel a is held by its first post; channel b is done, and a's second post has not started.
    expect(log).toEqual(['start a1', 'start b1', 'end b1', 'start b2', 'end b2']);
    slow.open();
    await running;
    expect(log.slice(5)).toEqual(['end a1', 'start a2', 'end a2']);
  });

  it('throws a failure only once every channel is done, and stops that channel’s turn', async () => {
    const done: string[] = [];
    const rows = [
      { id: 'a1', channelId: 'a' },
      { id: 'a2', channelId: 'a' },
      { id: 'b1', channelId: 'b' },
    ];
    await expect(
      eachChannelInTurn(rows, async (row) => {
        if (row.id === 'a1') throw new Error('database gone');
        await new Promise((resolve) => setTimeout(resolve, 20));
        done.push(row.id);
      }),
    ).rejects.toThrow('database gone');
    expect(done).toEqual(['b1']);
  });

  it('works on at most `parallel` channels at once', async () => {
    let inFlight = 0;
    let most = 0;
    const rows = ['a', 'b', 'c', 'd', 'e'].map((channelId) => ({ channelId }));
    await eachChannelInTurn(
      rows,
      async () => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
      },
      2,
    );
    expect(most).toBe(2);
  });
});
