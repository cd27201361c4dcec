import { describe, expect, it } from 'vitest';
import { slidingWindowGate } from '../../../src/discord/sliding-window-gate.js';

function fakeClock() {
  let t = 10_000;
  return { now: () => t, sleep: async (ms: number) => void (t += ms), advance: (ms: number) => void (t += ms) };
}

describe('the global sliding-window gate', () => {
  it('never lets more than the limit out in any window, where counting per fixed second lets out twice as many', async () => {
    const clock = fakeClock();
    const gate = slidingWindowGate(5, 1000, clock.now, clock.sleep);
    const sent: number[] = [];
    // A burst at the end of one second and another at the start of the next, as fixed windows allow.
    clock.advance(990);
    for (let i = 0; i < 5; i++) await gate().then(() => sent.push(clock.now()));
    clock.advance(20);
    for (let i = 0; i < 5; i++) await gate().then(() => sent.push(clock.now()));
    for (const t of sent) expect(sent.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(5);
    // It waits no longer than it must: the sixth goes out exactly a window after the first.
    expect(sent[5]! - sent[0]!).toBe(1000);
  });

  it('lets requests through at once while the window has room, and serves waiting callers in order', async () => {
    const clock = fakeClock();
    const gate = slidingWindowGate(3, 1000, clock.now, clock.sleep);
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3, 4].map((i) => gate().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(clock.now()).toBe(11_000);
  });
});
