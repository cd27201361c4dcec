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
    // A burst at the end of one second and another at the start of the next, as fixed windows allow; each answered at once.
    clock.advance(990);
    const send = async () => {
      (await gate())();
      sent.push(clock.now());
    };
    for (let i = 0; i < 5; i++) await send();
    clock.advance(20);
    for (let i = 0; i < 5; i++) await send();
    for (const t of sent) expect(sent.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(5);
    // It waits no longer than it must: the sixth goes out exactly a window after the first was answered.
    expect(sent[5]! - sent[0]!).toBe(1000);
  });

  it('lets requests through at once while the window has room, and serves waiting callers in order', async () => {
    const clock = fakeClock();
    const gate = slidingWindowGate(3, 1000, clock.now, clock.sleep);
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3, 4].map((i) => gate().then((answered) => {
      answered();
      order.push(i);
    })));
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(clock.now()).toBe(11_000);
  });

  it('counts a request from when it was answered: one that reached Discord late cannot share a second with one the limit later', async () => {
    const clock = fakeClock();
    const gate = slidingWindowGate(2, 1000, clock.now, clock.sleep);
    const first = await gate(); // leaves at 10,000, answered at 10,300 (Discord may have seen it as late as that)
    (await gate())();
    clock.advance(300);
    first();
    await gate();
    expect(clock.now()).toBe(11_300);
  });

  it('waits for an unanswered request no longer than the cap, then counts it from there', async () => {
    const clock = fakeClock();
    const gate = slidingWindowGate(1, 1000, clock.now, clock.sleep, 500);
    await gate(); // never answered
    await gate();
    expect(clock.now()).toBe(11_500);
  });
});
