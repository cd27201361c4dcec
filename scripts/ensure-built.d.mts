/** Builds dist/ unless it is newer than every source; waits for another process's build instead of racing it. */
export function ensureBuilt(options?: {
  /** The repository to build (tests use a stand-in). */
  root?: string;
  /** Makes the build and writes dist/.built; rejects when it fails. Default: scripts/build.mjs. */
  build?: (root: string) => Promise<void>;
}): Promise<void>;
