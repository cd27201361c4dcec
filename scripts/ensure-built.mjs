// Whether dist/ (what `npm start` runs) is older than the sources, and the build that brings it up to date: used by
// scripts/start.mjs and by the tests' global set-up, so both run the code as it is now (ADR 21). Two processes started
// at once (several shards, parallel tests) build once: the first takes a lock folder, the others wait for its stamp.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
// The builder touches its lock every few seconds; one untouched for this long was left by a killed build. (A fixed
// age instead let a second process build beside a slow first build on a loaded machine.)
const lockTimeoutMs = 60_000;
const lockTouchMs = 5_000;
// Clocks of one machine and its file system may disagree by a little; a file this far ahead was dated elsewhere.
const futureSlackMs = 2_000;

/** Every file whose change calls for a build, with its modification time. */
function sources(root) {
  const files = ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'prisma/schema.prisma', 'bench/lib/pipeline-measure.ts'].map((file) => join(root, file));
  for (const dir of ['src', 'commands', 'prisma/migrations']) {
    for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) files.push(join(entry.parentPath, entry.name));
    }
  }
  return files.map((file) => ({ file, mtimeMs: statSync(file).mtimeMs }));
}

function runBuildScript(root) {
  return new Promise((resolve, reject) => {
    const build = spawn(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
    build.on('error', reject);
    build.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the build failed (exit code ${code}): see the compiler's messages above`))));
  });
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Builds dist/ unless it is newer than every source; waits for another process's build instead of racing it.
 * `root` and `build` are for tests.
 */
export async function ensureBuilt({ root = repositoryRoot, build = runBuildScript } = {}) {
  const stamp = join(root, 'dist', '.built');
  const lock = join(root, 'dist', '.building');
  const stampTime = () => (existsSync(stamp) ? statSync(stamp).mtimeMs : 0);
  const current = () => stampTime() >= Math.max(...sources(root).map((s) => s.mtimeMs));

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

  const stampBefore = stampTime();
  while (!current()) {
    // A file dated in the future (copied from a machine whose clock runs ahead) stays newer than any build until the
    // clock catches up: once a build has been made, by this process or another, run it rather than build forever.
    if (stampTime() !== stampBefore) {
      const future = sources(root).filter((s) => s.mtimeMs > Date.now() + futureSlackMs);
      if (future.length) {
        const names = future.slice(0, 5).map((s) => relative(root, s.file));
        process.stderr.write(`Warning: ${future.length} source file(s) are dated in the future (${names.join(', ')}${future.length > 5 ? ', …' : ''}), so every start builds again. Set their date to now (touch them) or correct the clock.\n`);
        return;
      }
    }
    if (takeLock()) {
      try {
        if (!current()) {
          process.stderr.write('Building Gazette (sources changed since the last build)…\n');
          const touch = setInterval(() => {
            const now = new Date();
            utimesSync(lock, now, now);
          }, lockTouchMs);
          try {
            await build(root);
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
