// Discord lets a bot make 50 requests a second. @discordjs/rest counts them per fixed second, so 50 sent at the end
// of one second and 50 at the start of the next leave within a few milliseconds of each other; a limit counted over
// any second (the Discord stand-in's, and the only reading of "50 a second" that the fixed count cannot break)
// refuses the excess with a global 429, which the REST proxy then waits out and retries (issue 10's scale bench: 250-
// 350 of them in 90 s). The gate spaces sends so that no window of `windowMs` holds more than `limit`: a request
// waits until the send `limit` places before it is a whole window old, and never longer.

export type Sleep = (ms: number) => Promise<void>;

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves when one more request may go out; calls are served in order. */
export function slidingWindowGate(limit: number, windowMs: number, now: () => number = Date.now, sleep: Sleep = realSleep): () => Promise<void> {
  // The times of the last `limit` sends, oldest first.
  const sent: number[] = [];
  let queue: Promise<void> = Promise.resolve();
  const admit = async (): Promise<void> => {
    if (sent.length >= limit) {
      const wait = sent[sent.length - limit]! + windowMs - now();
      if (wait > 0) await sleep(wait);
    }
    sent.push(now());
    if (sent.length > limit) sent.splice(0, sent.length - limit);
  };
  return () => {
    const turn = queue.then(admit);
    queue = turn;
    return turn;
  };
}
