// Whether dist/ (what `npm start` runs) is older than the sources, and the build that brings it up to date: used by
// scripts/start.mjs and by the tests' global set-up, so both run the code as it is now (ADR 21). Two processes started
// at once (several shards, parallel tests) build once: the first takes a lock folder, the others wait for its stamp.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.built');
const lock = join(root, 'dist', '.building');
// The builder touches its lock every few seconds; one untouched for this long was left by a killed build. (A fixed
// age instead let a second process build beside a slow first build on a loaded machine.)
const lockTimeoutMs = 60_000;
const lockTouchMs = 5_000;

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
    // A lock nobody touched for a while was left by a killed build.
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
          const touch = setInterval(() => {
            const now = new Date();
            utimesSync(lock, now, now);
          }, lockTouchMs);
          try {
            const status = await new Promise((resolve, reject) => {
              const build = spawn(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
              build.on('error', reject);
              build.on('exit', (code) => resolve(code));
            });
            if (status !== 0) throw new Error(`the build failed (exit code ${status}): see the compiler's messages above`);
          } finally {
            clearInterval(touch);
          }
        }
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
    } else {
      await pause(250);
    }
  }
}
