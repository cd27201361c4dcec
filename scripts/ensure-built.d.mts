/** Builds dist/ unless it is newer than every source; waits for another process's build instead of racing it. */
export function ensureBuilt(): Promise<void>;
