// Discord lets a bot make 50 requests a second. @discordjs/rest counts them per fixed second, so 50 sent at the end
// of one second and 50 at the start of the next leave within a few milliseconds of each other; a limit counted over
// any second (the Discord stand-in's, and the only reading of "50 a second" that the fixed count cannot break)
// refuses the excess with a global 429, which the REST proxy then waits out and retries (issue 10's scale bench: 250-
// 350 of them in 90 s). The gate spaces requests so that no window of `windowMs` holds more than `limit` as Discord
// sees them: a request waits until the one `limit` places before it has been *answered* for a whole window. Counting
// from when a request left was not enough on a busy machine: a request delayed between the gate and the wire (the
// proxy's event loop), or read late at the other end, arrives closer than a window to the one `limit` places later
// (docs/adr/0024-global-limit-over-any-second.md). Discord has seen a request by the time it answers it.

export type Sleep = (ms: number) => Promise<void>;

/** Resolves when one more request may go out, with the function to call once it has been answered (or failed). */
export type Gate = () => Promise<() => void>;

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

interface Slot {
  leftAt: number;
  answeredAt?: number;
  answered: Promise<void>;
}

/**
 * Calls are served in order. A request not answered within `answerCapMs` of leaving counts from then, so one that
 * hangs holds the queue back by that much at most.
 */
export function slidingWindowGate(limit: number, windowMs: number, now: () => number = Date.now, sleep: Sleep = realSleep, answerCapMs = windowMs): Gate {
  // The last `limit` requests, oldest first.
  const slots: Slot[] = [];
  let queue: Promise<unknown> = Promise.resolve();
  const admit = async (): Promise<() => void> => {
    const reference = slots.length >= limit ? slots[slots.length - limit]! : undefined;
    if (reference) {
      if (reference.answeredAt === undefined) await Promise.race([reference.answered, sleep(Math.max(0, reference.leftAt + answerCapMs - now()))]);
      const from = reference.answeredAt ?? reference.leftAt + answerCapMs;
      const wait = from + windowMs - now();
      if (wait > 0) await sleep(wait);
    }
    let answer!: () => void;
    const slot: Slot = { leftAt: now(), answered: new Promise<void>((resolve) => (answer = resolve)) };
    slots.push(slot);
    if (slots.length > limit) slots.splice(0, slots.length - limit);
    return () => {
      slot.answeredAt ??= now();
      answer();
    };
  };
  return () => {
    const turn = queue.then(admit);
    queue = turn;
    return turn;
  };
}
