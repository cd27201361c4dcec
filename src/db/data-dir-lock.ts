// One process at a time on an embedded database. PGlite runs PostgreSQL inside the process and takes no lock on its
// data directory: two bots (a second `npm start`, `npm run db:migrate` beside a running bot) would each write the same
// files and corrupt them. A lock file names the process holding it (pid and host); one left by a process that is gone
// (a crash, kill -9) is taken over, one from another machine (a shared volume) is not, as its process cannot be seen.
//
// The lock lives inside the directory (a dotfile, which seeding and PostgreSQL ignore): the directory's parent is often
// not writable (systemd's StateDirectory, a Docker volume). Earlier versions kept `<DATA_DIR>.lock` beside it; that
// one is still honoured while its process lives, and tidied away when it does not.
import { randomUUID } from 'node:crypto';
import { constants, readFileSync } from 'node:fs';
import { copyFile, link, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

export const lockFileName = '.gazette.lock';

/** An empty or unparsable lock younger than this is being written by a starting process; older, its writer died. */
const WRITING_GRACE_MS = 5_000;
const POLL_MS = 50;
/** A removal takes milliseconds: a turn to remove held longer was left by a start killed during it. */
const REMOVING_STALE_MS = 10_000;

/** Lock files this process holds or is taking: opening the same directory twice in one process is refused too. */
const held = new Set<string>();

interface Owner {
  pid: number;
  /** Absent in a lock written by an older Gazette, which wrote the pid alone: taken as this machine. */
  host?: string;
  /** The machine's boot (Linux's boot_id) when the lock was taken; absent where it cannot be read, and in older locks. */
  boot?: string;
}

/**
 * This boot of the machine: a lock from an earlier boot was left by a process that is gone, whatever process has its
 * pid now (after a power loss the pid is often another's, given out early at boot, and the bot refused to start until
 * someone deleted the lock). Containers share their host's.
 */
const thisBoot = bootId();

function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

export interface DataDirLock {
  release(): Promise<void>;
}

export class DataDirLockedError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // it exists, owned by another user
  }
}

function parse(text: string): Owner | undefined {
  if (/^\d+\s*$/.test(text)) return Number(text) > 0 ? { pid: Number(text) } : undefined;
  try {
    const owner = JSON.parse(text) as Partial<Owner>;
    if (Number.isInteger(owner.pid) && owner.pid! > 0 && typeof owner.host === 'string') return { pid: owner.pid!, host: owner.host, ...(typeof owner.boot === 'string' && { boot: owner.boot }) };
  } catch {
    // half-written or not ours: see below
  }
  return undefined;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** How long ago a file was last written; 0 if it is gone. */
const ageMs = (path: string) => stat(path).then((s) => Date.now() - s.mtimeMs, () => 0);
const code = (error: unknown) => (error as NodeJS.ErrnoException).code;

/**
 * Puts `content` at `path` unless a file is there, in one step: a reader never sees the lock created but not yet
 * written, which an earlier version took for a dead owner (pid 0) and deleted.
 */
async function create(path: string, content: string): Promise<boolean> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  await writeFile(temporary, content, { flag: 'wx' });
  try {
    await link(temporary, path);
    return true;
  } catch (error) {
    if (code(error) === 'EEXIST') return false;
    // A filesystem without hard links (some network and FUSE mounts): create-then-write, whose brief empty file
    // readers wait out (WRITING_GRACE_MS).
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV'].includes(code(error) ?? '')) throw error;
    try {
      await copyFile(temporary, path, constants.COPYFILE_EXCL);
      return true;
    } catch (fallbackError) {
      if (code(fallbackError) === 'EEXIST') return false;
      throw fallbackError;
    }
  } finally {
    await rm(temporary, { force: true });
  }
}

/**
 * Removes a lock judged stale, whose text was `seen`. Two starts may judge the same lock stale, and the slower one
 * must not delete the lock the faster one has just made in its place: removers take turns (a second lock file, made
 * the same way), and each checks, in its turn, that the lock is still the stale one. Only a remover deletes a stale
 * lock, so it cannot change between that check and the deletion. A start that is not its turn tries again.
 */
async function removeStale(path: string, seen: string): Promise<void> {
  const turn = `${path}.removing`;
  if (!(await create(turn, `${process.pid}\n`))) {
    if ((await ageMs(turn)) > REMOVING_STALE_MS) await rm(turn, { force: true }); // left by a start killed mid-removal
    else await pause(POLL_MS);
    return;
  }
  try {
    if ((await readFile(path, 'utf8').catch(() => undefined)) === seen) await rm(path, { force: true });
  } finally {
    await rm(turn, { force: true });
  }
}

type Verdict = { kind: 'wait' } | { kind: 'stale' } | { kind: 'refuse'; message: string };

/** What to do about a lock someone else wrote. */
async function judge(dir: string, path: string, text: string): Promise<Verdict> {
  const owner = parse(text);
  if (!owner) {
    return { kind: (await ageMs(path)) < WRITING_GRACE_MS ? 'wait' : 'stale' };
  }
  if (owner.host !== undefined && owner.host !== hostname()) {
    return {
      kind: 'refuse',
      message: `The embedded database in ${dir} is open in a Gazette process on another machine, ${owner.host} (pid ${owner.pid}): a data directory on a shared volume is for one machine at a time, and from here Gazette cannot tell whether that process still runs. If it does not (that machine is off, or a container was re-created after a crash), delete ${path}.`,
    };
  }
  // Our own pid in a lock this process does not hold was left by an earlier process that had it (pid 1 in a container);
  // so was one from an earlier boot of this machine.
  const earlierBoot = owner.boot !== undefined && thisBoot !== undefined && owner.boot !== thisBoot;
  if (owner.pid !== process.pid && !earlierBoot && alive(owner.pid)) {
    return {
      kind: 'refuse',
      message: `The embedded database in ${dir} is open in another Gazette process (pid ${owner.pid}): stop it first. Several processes need a PostgreSQL server (DATABASE_URL). If no Gazette runs, delete ${path}.`,
    };
  }
  return { kind: 'stale' };
}

/** Tries `attempt` until it succeeds, waiting out a lock at `path` being written and removing a stale one; or throws. */
async function settle(dir: string, path: string, attempt: () => Promise<boolean>): Promise<void> {
  for (let round = 0; round < 1_000; round++) {
    if (await attempt()) return;
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (code(error) === 'ENOENT') continue; // released meanwhile
      text = ''; // unreadable: held, like one being written
    }
    const verdict = await judge(dir, path, text);
    if (verdict.kind === 'refuse') throw new DataDirLockedError(verdict.message);
    if (verdict.kind === 'wait') await pause(POLL_MS);
    else await removeStale(path, text);
  }
  throw new DataDirLockedError(`Could not lock ${path}: other processes keep taking it.`);
}

/** Locks `dataDir`, which must exist. */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const dir = resolve(dataDir);
  const path = join(dir, lockFileName);
  if (held.has(path)) {
    throw new DataDirLockedError(`The embedded database in ${dir} is open in another Gazette process (this one): stop it first. Several processes need a PostgreSQL server (DATABASE_URL).`);
  }
  held.add(path); // before the first await: a second open in this process meanwhile is refused above
  const mine = `${JSON.stringify({ pid: process.pid, host: hostname(), ...(thisBoot && { boot: thisBoot }), token: randomUUID() })}\n`;
  let taken = false;
  try {
    await settle(dir, path, async () => (taken = await create(path, mine)));
    // A Gazette from before the lock moved in writes `<DATA_DIR>.lock` only: it must not be running either.
    const legacy = `${dir}.lock`;
    await settle(dir, legacy, () => stat(legacy).then(() => false, () => true)).catch((error: unknown) => {
      // A stale old lock in a parent this process may not write to stays there: its process is gone, it holds nothing.
      if (code(error) === 'EACCES' || code(error) === 'EROFS') return;
      throw error;
    });
  } catch (error) {
    if (taken) await rm(path, { force: true });
    held.delete(path);
    throw error;
  }
  return {
    async release() {
      // Only our own: after an operator deleted ours, the file may be another process's lock.
      if ((await readFile(path, 'utf8').catch(() => undefined)) === mine) await rm(path, { force: true });
      held.delete(path);
    },
  };
}
