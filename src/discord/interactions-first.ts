// Members waiting for an answer come before posts. While this process answers an interaction, its delivery worker
// claims no new batch (the batch in flight goes on): under load a batch's sends, stories and records take the event
// loop, the database and the cores a `/news latest` needs, and the scale bench saw interaction p99 rise with posting
// speed (docs/benchmarks.md, Scale-out). Bounded both ways, so posting never stops for long: an interaction counts for
// `holdMs` at most (a slow handler that deferred, like `/source add` fetching a feed, no longer holds it), and a wait
// before a claim lasts `holdMs` at most however many interactions follow one another (DELIVERY_HOLD_MS, 500 ms).

export interface InteractionsFirst {
  /** An interaction has arrived; call the result once it is answered (calling it again does nothing). */
  begin(): () => void;
  /** Resolves once no interaction is being answered, or after `holdMs`, with the milliseconds it waited. */
  quiet(): Promise<number>;
  /** How many interactions are being answered now. */
  readonly inFlight: number;
}

export function interactionsFirst(holdMs = 500): InteractionsFirst {
  let inFlight = 0;
  let waiters: (() => void)[] = [];
  const wakeAll = () => {
    const woken = waiters;
    waiters = [];
    for (const wake of woken) wake();
  };
  return {
    begin() {
      inFlight++;
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        clearTimeout(expiry);
        if (--inFlight === 0) wakeAll();
      };
      const expiry = setTimeout(end, holdMs);
      // A hold must never keep the process alive on its own (shutdown waits for nothing here).
      expiry.unref();
      return end;
    },
    quiet() {
      if (inFlight === 0) return Promise.resolve(0);
      const since = performance.now();
      return new Promise<number>((resolve) => {
        const bound = setTimeout(done, holdMs);
        bound.unref();
        function done() {
          clearTimeout(bound);
          waiters = waiters.filter((w) => w !== done);
          resolve(performance.now() - since);
        }
        waiters.push(done);
      });
    },
    get inFlight() {
      return inFlight;
    },
  };
}
