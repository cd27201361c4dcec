// How long the scheduler waits before polling a failing source again. Doubling per failure spreads retries out
// quickly; the jitter keeps sources that failed together (one publisher down) from retrying in lockstep.

/** No source waits longer than a day between tries, however long it has been failing. */
export const MAX_BACKOFF_MS = 24 * 60 * 60 * 1000;

/**
 * The delay before the next poll after `consecutiveFailures` failures in a row, for a source normally polled every
 * `intervalMs`. No failures: the interval itself. Otherwise `intervalMs * 2^failures`, capped at a day, then
 * jittered down by up to half ("equal jitter"); never shorter than the normal interval. `random` returns [0, 1).
 */
export function backoffDelayMs(consecutiveFailures: number, intervalMs: number, random: () => number = Math.random): number {
  if (!(consecutiveFailures > 0)) return intervalMs;
  // 2^40 is already far past the cap for any interval; keeps the arithmetic finite.
  const exponential = Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** Math.min(consecutiveFailures, 40));
  const jittered = exponential / 2 + (exponential / 2) * Math.min(Math.max(random(), 0), 1);
  return Math.round(Math.max(intervalMs, jittered));
}
