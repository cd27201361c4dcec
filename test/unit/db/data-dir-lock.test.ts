// One process at a time on an embedded data directory (src/db/data-dir-lock.ts): starts racing each other, a lock
// being written, a lock from another machine, and an older Gazette's lock beside the directory.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockDataDir } from '../../../src/db/data-dir-lock.js';

const moduleUrl = new URL('../../../src/db/data-dir-lock.ts', import.meta.url).href;
const lockIn = (dir: string) => join(dir, '.gazette.lock');
const deadPid = 2_147_483_646;

const rounds = 8;
const roundMs = 400;

/**
 * A process that tries to lock `dir` at the same instants as the others, `rounds` times, and writes L (locked) or R
 * (refused) for each. The round's winner releases, then leaves a dead process's lock for the next round to race on.
 */
function racer(dir: string, at: number): Promise<string> {
  const script = `
    const { lockDataDir } = await import(${JSON.stringify(moduleUrl)});
    const { writeFileSync } = await import('node:fs');
    const { hostname } = await import('node:os');
    const sleepUntil = async (t) => {
      await new Promise((r) => setTimeout(r, Math.max(0, t - 20 - Date.now())));
      while (Date.now() < t);
    };
    for (let round = 0; round < ${rounds}; round++) {
      const start = ${at} + round * ${roundMs};
      await sleepUntil(start);
      try {
        const lock = await lockDataDir(${JSON.stringify(dir)});
        process.stdout.write('L');
        await sleepUntil(start + ${roundMs / 2});
        await lock.release();
        writeFileSync(${JSON.stringify(lockIn(dir))}, JSON.stringify({ pid: ${deadPid}, host: hostname() }) + '\\n');
        writeFileSync(${JSON.stringify(`${dir}.lock`)}, '${deadPid}\\n');
      } catch (error) {
        if (!error.message.includes('is open in another Gazette process (pid ')) throw error;
        process.stdout.write('R');
      }
    }`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: fileURLToPath(new URL('../../..', import.meta.url)), stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) => child.once('exit', () => resolve(output)));
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
    const at = Date.now() + 8_000;
    const results = await Promise.all(Array.from({ length: 6 }, () => racer(dir, at)));
    const winners = Array.from({ length: rounds }, (_, round) => results.filter((r) => r[round] === 'L').length);
    expect(winners, results.join(' ')).toEqual(Array.from({ length: rounds }, () => 1));
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
