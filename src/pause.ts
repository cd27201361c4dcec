// One way to wait that a stop can cut short: the identify throttler's wait for a slot, and a start's wait for another
// process's migration, both end at once when the stop comes, rejecting with the signal's reason (which the caller
// recognises as its stop, not a failure: stoppedBy).

/** Resolves after `ms`, or rejects with the signal's reason as soon as it is aborted (at once if it already is). */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Whether `error` is the stop itself: the reason `signal` was aborted with, passed back unchanged. */
export function stoppedBy(signal: AbortSignal | undefined, error: unknown): boolean {
  return signal?.aborted === true && error === signal.reason;
}

/** Waits for `work` (settled either way) at most `ms`; true when it settled in time. */
export function settledWithin(work: Promise<unknown> | undefined, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const cut = Number.isFinite(ms) ? setTimeout(() => resolve(false), ms) : undefined;
    const done = () => (clearTimeout(cut), resolve(true));
    void Promise.resolve(work).then(done, done);
  });
}
