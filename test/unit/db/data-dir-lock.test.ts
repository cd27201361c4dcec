// One process at a time on an embedded data directory (src/db/data-dir-lock.ts): starts racing each other, a lock
// being written, a lock from another machine, and an older Gazette's lock beside the directory.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/db/client.js';
import { lockDataDir } from '../../../src/db/data-dir-lock.js';

const moduleUrl = new URL('../../../src/db/data-dir-lock.ts', import.meta.url).href;
const lockIn = (dir: string) => join(dir, '.gazette.lock');
const deadPid = 2_147_483_646;

const rounds = 8;
const racers = 6;

/**
 * A process that races the others for `dir`'s lock, one round per line its parent sends: the line names the instant
 * to try at (the same for all, so that the tries collide), and it answers L (locked) or R (refused). A round's winner
 * holds the lock until every racer has answered (the parent's "release"), then leaves a dead process's lock for the
 * next round to race on, and says "next". Rounds are gated by these messages, not by the clock: a racer that starts
 * late or lags only tries later, while the round's lock is still held, and can never take the next round's lock.
 */
function racer(dir: string) {
  const script = `
    const { lockDataDir } = await import(${JSON.stringify(moduleUrl)});
    const { writeFileSync } = await import('node:fs');
    const { hostname } = await import('node:os');
    const { createInterface } = await import('node:readline');
    const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
    const next = async () => (await lines.next()).value;
    process.stdout.write('ready\\n');
    for (let round = 0; round < ${rounds}; round++) {
      const at = Number(await next());
      await new Promise((r) => setTimeout(r, Math.max(0, at - 20 - Date.now())));
      while (Date.now() < at);
      let lock;
      try {
        lock = await lockDataDir(${JSON.stringify(dir)});
        process.stdout.write('L\\n');
      } catch (error) {
        if (!error.message.includes('is open in another Gazette process (pid ')) throw error;
        process.stdout.write('R\\n');
      }
      await next(); // release: every racer has tried
      if (lock) {
        await lock.release();
        writeFileSync(${JSON.stringify(lockIn(dir))}, JSON.stringify({ pid: ${deadPid}, host: hostname() }) + '\\n');
        writeFileSync(${JSON.stringify(`${dir}.lock`)}, '${deadPid}\\n');
      }
      process.stdout.write('next\\n');
    }`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: fileURLToPath(new URL('../../..', import.meta.url)), stdio: ['pipe', 'pipe', 'pipe'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  // A crash (an unexpected error) fails the test at once instead of leaving it waiting for a line.
  const crashed = new Promise<never>((_, reject) => child.once('exit', (code) => code && reject(new Error(`a racer failed (exit ${code}): ${stderr}`))));
  crashed.catch(() => undefined);
  return {
    /** Its next line. */
    read: async () => (await Promise.race([lines.next(), crashed])).value as string,
    send: (line: string) => void child.stdin.write(`${line}\n`),
    kill: () => child.kill(),
  };
}

describe('the data directory lock', () => {
  let root: string;
  let n = 0;
  const fresh = async () => {
    const dir = join(root, `data-${n++}`);
    await mkdir(dir);
    return dir;
  };
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'gazette-lock-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  // Two starts at once: one read the other's lock before its pid was written (pid 0: "dead") and deleted it, or
  // both found the same dead pid and the slower deleted the faster one's new lock.
  it('gives a stale lock to exactly one of several processes starting at the same instant', { timeout: 60_000 }, async () => {
    const dir = await fresh();
    await writeFile(lockIn(dir), `${JSON.stringify({ pid: deadPid, host: hostname() })}\n`);
    await writeFile(`${dir}.lock`, `${deadPid}\n`); // where earlier versions kept it
    const all = Array.from({ length: racers }, () => racer(dir));
    try {
      /** Sends every racer `line` (if any), then reads each one's answer. */
      const everyone = (line?: string) =>
        Promise.all(
          all.map((r) => {
            if (line) r.send(line);
            return r.read();
          }),
        );
      // However late each one starts (six tsx processes on two cores), the race begins once all are ready.
      expect(await everyone()).toEqual(Array(racers).fill('ready'));
      const results: string[] = [];
      for (let round = 0; round < rounds; round++) {
        results.push((await everyone(String(Date.now() + 100))).join(''));
        expect(await everyone('release')).toEqual(Array(racers).fill('next'));
      }
      // Each round: one L, every other racer R.
      expect(results.map((r) => [...r].sort().join('')), results.join(' ')).toEqual(Array(rounds).fill(`L${'R'.repeat(racers - 1)}`));
    } finally {
      for (const r of all) r.kill();
    }
  });

  it('waits for a lock being written instead of taking it for a dead one', async () => {
    const dir = await fresh();
    await writeFile(lockIn(dir), ''); // created, pid not written yet
    const locking = lockDataDir(dir);
    await new Promise((r) => setTimeout(r, 200));
    await writeFile(lockIn(dir), `${JSON.stringify({ pid: process.ppid, host: hostname() })}\n`);
    await expect(locking).rejects.toThrow(`another Gazette process (pid ${process.ppid})`);
  });

  it('takes over an empty lock its writer left long ago, and one naming its own pid (pid 1 in a container)', async () => {
    const dir = await fresh();
    await writeFile(lockIn(dir), '');
    const past = new Date(Date.now() - 60_000);
    await utimes(lockIn(dir), past, past);
    await (await lockDataDir(dir)).release();
    await writeFile(lockIn(dir), `${JSON.stringify({ pid: process.pid, host: hostname() })}\n`);
    const lock = await lockDataDir(dir);
    expect(JSON.parse(await readFile(lockIn(dir), 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    await lock.release();
    expect(existsSync(lockIn(dir))).toBe(false);
  });

  // After a power loss the dead process's pid is often another's: a lock from an earlier boot is stale whatever lives.
  it('takes over a lock from an earlier boot of this machine, though a process has its pid now', async () => {
    const dir = await fresh();
    await writeFile(lockIn(dir), `${JSON.stringify({ pid: process.ppid, host: hostname(), boot: 'an-earlier-boot', token: 't' })}\n`);
    const lock = await lockDataDir(dir);
    const written = JSON.parse(await readFile(lockIn(dir), 'utf8')) as { boot?: string };
    if (existsSync('/proc/sys/kernel/random/boot_id')) expect(written.boot).toBe((await readFile('/proc/sys/kernel/random/boot_id', 'utf8')).trim());
    await lock.release();
    // This boot's lock naming a live process is still refused.
    await writeFile(lockIn(dir), `${JSON.stringify({ pid: process.ppid, host: hostname(), ...(written.boot && { boot: written.boot }), token: 't' })}\n`);
    await expect(lockDataDir(dir)).rejects.toThrow(`is open in another Gazette process (pid ${process.ppid})`);
  });

  // A shared volume: whether that process lives cannot be seen from here.
  it('refuses a lock from another machine, naming it and the file to delete, and leaves it', async () => {
    const dir = await fresh();
    const theirs = `${JSON.stringify({ pid: deadPid, host: 'other-machine', token: 't' })}\n`;
    await writeFile(lockIn(dir), theirs);
    await expect(lockDataDir(dir)).rejects.toThrow(`on another machine, other-machine (pid ${deadPid})`);
    await expect(lockDataDir(dir)).rejects.toThrow(`delete ${lockIn(dir)}`);
    expect(await readFile(lockIn(dir), 'utf8')).toBe(theirs);
  });

  // systemd's StateDirectory or a Docker volume: the directory's parent is not writable.
  it('keeps its lock inside the directory, where seeding and PostgreSQL ignore a dotfile, and writes nothing beside', async () => {
    const dir = await fresh();
    const lock = await lockDataDir(dir);
    expect(await readdir(dir)).toEqual(['.gazette.lock']);
    expect((await readdir(root)).filter((e) => e.startsWith(`${dir.split('/').pop()!}`))).toEqual([dir.split('/').pop()]);
    await lock.release();
    expect(await readdir(dir)).toEqual([]);
  });

  it("honours an older Gazette's lock beside the directory while its process lives, and removes a stale one", async () => {
    const dir = await fresh();
    await writeFile(`${dir}.lock`, `${process.ppid}\n`);
    await expect(lockDataDir(dir)).rejects.toThrow(`another Gazette process (pid ${process.ppid})`);
    expect(existsSync(lockIn(dir))).toBe(false);
    await writeFile(`${dir}.lock`, `${deadPid}\n`);
    await (await lockDataDir(dir)).release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it('refuses a second lock in the same process, even while the first is being taken', async () => {
    const dir = await fresh();
    const [first, second] = await Promise.allSettled([lockDataDir(dir), lockDataDir(dir)]);
    expect(first.status).toBe('fulfilled');
    expect(second.status === 'rejected' && String(second.reason)).toMatch(/\(this one\)/);
    if (first.status === 'fulfilled') await first.value.release();
  });
});

describe('closing the embedded database', () => {
  it('gives its lock up even when closing fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gazette-close-'));
    try {
      const db = await openDatabase({ dataDir: dir });
      expect(existsSync(lockIn(dir))).toBe(true);
      const failure = new Error('closing failed');
      db.prisma.$disconnect = () => Promise.reject(failure);
      await expect(db.close()).rejects.toBe(failure);
      expect(existsSync(lockIn(dir))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
