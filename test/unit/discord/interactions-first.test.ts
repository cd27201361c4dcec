// Interactions before posts (src/discord/interactions-first.ts): the worker's wait ends when the last interaction is
// answered, and never lasts longer than the hold, however interactions come.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { interactionsFirst } from '../../../src/discord/interactions-first.js';

describe('interactionsFirst', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  /** Whether `p` has settled once pending callbacks have run. */
  async function settled(p: Promise<number>): Promise<boolean> {
    let done = false;
    void p.then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    return done;
  }

  it('does not wait when nothing is being answered', async () => {
    const quiet = interactionsFirst(500).quiet();
    expect(await settled(quiet)).toBe(true);
    expect(await quiet).toBe(0);
  });

  it('waits until the last of the interactions in flight is answered', async () => {
    const first = interactionsFirst(500);
    const a = first.begin();
    const b = first.begin();
    const quiet = first.quiet();
    a();
    a(); // answering twice counts once
    expect(first.inFlight).toBe(1);
    expect(await settled(quiet)).toBe(false);
    b();
    expect(await settled(quiet)).toBe(true);
    expect(first.inFlight).toBe(0);
  });

  it('lets an interaction count for the hold at most, so a slow handler does not stop posting', async () => {
    const first = interactionsFirst(500);
    first.begin(); // never answered
    await vi.advanceTimersByTimeAsync(499);
    expect(first.inFlight).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(first.inFlight).toBe(0);
    expect(await settled(first.quiet())).toBe(true);
  });

  it('waits the hold at most while interactions keep arriving', async () => {
    const first = interactionsFirst(500);
    let end = first.begin();
    const quiet = first.quiet();
    for (let t = 0; t < 400; t += 100) {
      await vi.advanceTimersByTimeAsync(100);
      const next = first.begin();
      end();
      end = next;
    }
    expect(await settled(quiet)).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect(await settled(quiet)).toBe(true);
    // It says how long it waited (gazette_delivery_held_seconds_total).
    expect(await quiet).toBe(500);
    expect(first.inFlight).toBe(1);
  });
});
