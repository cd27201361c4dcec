// Whether dist/ (what `npm start` runs) is older than the sources, and the build that brings it up to date: used by
// scripts/start.mjs and by the tests' global set-up, so both run the code as it is now (ADR 21). Two processes started
// at once (several shards, parallel tests) build once: the first takes a lock folder, the others wait for its stamp.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
// The builder touches its lock every few seconds; one untouched for this long was left by a killed build. (A fixed
// age instead let a second process build beside a slow first build on a loaded machine.)
const lockTimeoutMs = 60_000;
const lockTouchMs = 5_000;
// Clocks of one machine and its file system may disagree by a little; a file this far ahead was dated elsewhere.
const futureSlackMs = 2_000;

/**
 * What the build reads besides the compiler's options: tsconfig.build.json's "include" (what tsc compiles; read from
 * there so the two cannot drift apart), and the schema and migrations build.mjs makes the empty database from.
 */
async function buildInputs(root) {
  const file = join(root, 'tsconfig.build.json');
  const text = readFileSync(file, 'utf8');
  let config;
  try {
    config = JSON.parse(text);
  } catch {
    // tsc allows comments and trailing commas; its own reader is loaded only for such a file, as it takes a while.
    const { default: ts } = await import('typescript');
    const parsed = ts.parseConfigFileTextToJson(file, text);
    if (parsed.error) throw new Error(`${file}: ${ts.flattenDiagnosticMessageText(parsed.error.messageText, '\n')}`);
    config = parsed.config;
  }
  if (!Array.isArray(config?.include)) throw new Error(`${file} has no "include": list what the build compiles there, so npm start knows when to build again`);
  // A pattern ("src/**/*.ts") is watched through the folder before its first wildcard: more files, never fewer.
  const paths = config.include.map((pattern) => {
    const parts = pattern.split('/');
    const wildcard = parts.findIndex((part) => /[*?]/.test(part));
    return (wildcard < 0 ? parts : parts.slice(0, wildcard)).join('/') || '.';
  });
  return ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'prisma/schema.prisma', 'prisma/migrations', ...paths];
}

/** A file's status (modification time), or undefined when it is gone (deleted, or renamed by an editor's save, mid-walk). */
function modified(file) {
  try {
    return statSync(file);
  } catch (error) {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The newest modification time among the build's inputs, and those dated in the future: one walk of the tree. */
function newest(root, inputs) {
  const futureAfter = Date.now() + futureSlackMs;
  let mtimeMs = 0;
  const future = [];
  const seen = (file, stats) => {
    mtimeMs = Math.max(mtimeMs, stats.mtimeMs);
    if (stats.mtimeMs > futureAfter) future.push(relative(root, file));
  };
  // Folder by folder rather than readdir's recursive mode, which gives up on the whole tree when one folder in it
  // vanishes mid-walk: a folder or file gone since it was listed is skipped, the rest still counts.
  const walk = (path) => {
    const stats = modified(path);
    if (!stats?.isDirectory()) {
      if (stats) seen(path, stats);
      return;
    }
    let entries;
    try {
      entries = readdirSync(path, { withFileTypes: true });
    } catch (error) {
      if (error.code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) if (entry.isDirectory() || entry.isFile()) walk(join(path, entry.name));
  };
  for (const input of inputs) walk(join(root, input));
  return { mtimeMs, future };
}

function runBuildScript(root) {
  return new Promise((resolve, reject) => {
    const build = spawn(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
    build.on('error', reject);
    build.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the build failed (exit code ${code}): see the compiler's messages above`))));
  });
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Who holds the build's lock, and whether that process is still running (known on this host only). */
function ownerOf(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const [host, pid] = text.trim().split(' ');
  if (host !== hostname() || !/^\d+$/.test(pid ?? '')) return undefined;
  try {
    process.kill(Number(pid), 0);
    return { pid, alive: true };
  } catch (error) {
    // EPERM: it runs, as another user.
    return { pid, alive: error.code === 'EPERM' };
  }
}

/**
 * Builds dist/ unless it is newer than every source; waits for another process's build instead of racing it.
 * `root` and `build` are for tests.
 */
export async function ensureBuilt({ root = repositoryRoot, build = runBuildScript } = {}) {
  const stamp = join(root, 'dist', '.built');
  const lock = join(root, 'dist', '.building');
  const stampTime = () => (existsSync(stamp) ? statSync(stamp).mtimeMs : 0);

  const owner = join(lock, 'owner');
  let said = false;
  function takeLock() {
    mkdirSync(dirname(lock), { recursive: true });
    try {
      mkdirSync(lock);
      writeFileSync(owner, `${hostname()} ${process.pid}\n`);
      return true;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      // Gone since: its build just finished. Untouched for a while, or its builder gone (Ctrl-C during the build, which
      // ends the process without its cleanup): left by a killed build. The next start waited a silent minute for it.
      const held = modified(lock);
      if (!held) return takeLock();
      const builder = ownerOf(owner);
      if (Date.now() - held.mtimeMs > lockTimeoutMs || (builder && !builder.alive)) {
        rmSync(lock, { recursive: true, force: true });
        return takeLock();
      }
      if (!said) process.stderr.write(`Waiting for another build of Gazette${builder ? ` (process ${builder.pid})` : ''} to finish…\n`);
      said = true;
      return false;
    }
  }

  const inputs = await buildInputs(root);
  const stampBefore = stampTime();
  for (;;) {
    // One walk per round: a waiting process looks again every 250 ms, and the tree holds a few hundred files.
    const sources = newest(root, inputs);
    if (stampTime() >= sources.mtimeMs) return;
    // A file dated in the future (copied from a machine whose clock runs ahead) stays newer than any build until the
    // clock catches up: once a build has been made, by this process or another, run it rather than build forever.
    if (stampTime() !== stampBefore && sources.future.length) {
      const { future } = sources;
      process.stderr.write(`Warning: ${future.length} source file(s) are dated in the future (${future.slice(0, 5).join(', ')}${future.length > 5 ? ', …' : ''}), so every start builds again. Set their date to now (touch them) or correct the clock.\n`);
      return;
    }
    if (takeLock()) {
      try {
        // Another process may have finished its build between this round's look and the lock.
        if (stampTime() < sources.mtimeMs) {
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
