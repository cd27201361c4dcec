// At most `limit` requests at a time per host, first come first served, so one fetcher polling many feeds of one
// publisher stays polite. A host's entry disappears when it is idle, so the map does not grow with every host seen.

export type Release = () => void;

interface HostState {
  active: number;
  waiting: Array<{ grant: (release: Release) => void }>;
}

export interface HostQueue {
  /** Waits for a free slot on `host`; the returned function frees it (calling it twice is harmless). */
  acquire(host: string, signal?: AbortSignal): Promise<Release>;
  /** Requests running now for `host` (for tests and logs). */
  active(host: string): number;
}

export function createHostQueue(limit: number): HostQueue {
  const hosts = new Map<string, HostState>();

  function release(host: string, state: HostState): Release {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = state.waiting.shift();
      if (next) {
        next.grant(release(host, state));
        return;
      }
      state.active--;
      if (state.active === 0) hosts.delete(host);
    };
  }

  return {
    acquire(host, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      const key = host.toLowerCase();
      let state = hosts.get(key);
      if (!state) {
        state = { active: 0, waiting: [] };
        hosts.set(key, state);
      }
      if (state.active < limit) {
        state.active++;
        return Promise.resolve(release(key, state));
      }
      const current = state;
      return new Promise<Release>((resolve, reject) => {
        const onAbort = (): void => {
          const index = current.waiting.indexOf(entry);
          if (index >= 0) current.waiting.splice(index, 1);
          reject(signal?.reason);
        };
        const entry = {
          grant: (r: Release) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(r);
          },
        };
        current.waiting.push(entry);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    active(host) {
      return hosts.get(host.toLowerCase())?.active ?? 0;
    },
  };
}
