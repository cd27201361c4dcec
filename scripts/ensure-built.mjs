// Whether dist/ (what `npm start` runs) is older than the sources, and the build that brings it up to date: used by
// scripts/start.mjs and by the tests' global set-up, so both run the code as it is now (ADR 21). Two processes started
// at once (several shards, parallel tests) build once: the first takes a lock folder, the others wait for its stamp.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.built');
const lock = join(root, 'dist', '.building');
const lockTimeoutMs = 180_000;

function newestSource() {
  let newest = 0;
  for (const file of ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'prisma/schema.prisma', 'bench/lib/pipeline-measure.ts']) newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
  for (const dir of ['src', 'commands', 'prisma/migrations']) {
    for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

const current = () => existsSync(stamp) && statSync(stamp).mtimeMs >= newestSource();

function takeLock() {
  mkdirSync(dirname(lock), { recursive: true });
  try {
    mkdirSync(lock);
    return true;
  } catch (error) {
    if (error.code !== 'EEXIST') throw error;
    // A lock older than any build could take was left by a killed build.
    if (Date.now() - statSync(lock).mtimeMs > lockTimeoutMs) {
      rmSync(lock, { recursive: true, force: true });
      return takeLock();
    }
    return false;
  }
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Builds dist/ unless it is newer than every source; waits for another process's build instead of racing it. */
export async function ensureBuilt() {
  while (!current()) {
    if (takeLock()) {
      try {
        if (!current()) {
          process.stderr.write('Building Gazette (sources changed since the last build)…\n');
          const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
          if (built.status !== 0) throw new Error(`the build failed (exit code ${built.status}): see the compiler's messages above`);
        }
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
    } else {
      await pause(250);
    }
  }
}
