// One process at a time on an embedded database (src/db/data-dir-lock.ts): a second open of the same data directory
// is refused in words while the first is open, and a lock left by a process that is gone is taken over.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';

describe('the embedded database’s lock', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gazette-lock-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('refuses a second open while the first is open, and allows it once closed', async () => {
    const data = join(dir, 'data');
    const first = await openDatabase({ dataDir: data });
    try {
      await expect(openDatabase({ dataDir: `${data}/` })).rejects.toThrow(/is open in another Gazette process \(this one\): stop it first/);
    } finally {
      await first.close();
    }
    const again = await openDatabase({ dataDir: data });
    await again.close();
  });

  it('takes over a lock whose process is gone (a crash, kill -9), and refuses one a live process holds', async () => {
    const data = join(dir, 'crashed');
    await writeFile(`${data}.lock`, '2147483646\n'); // no such process
    const db = await openDatabase({ dataDir: data });
    await db.close();
    await writeFile(`${data}.lock`, `${process.ppid}\n`); // alive: the test runner's parent
    await expect(openDatabase({ dataDir: data })).rejects.toThrow(new RegExp(`another Gazette process \\(pid ${process.ppid}\\)`));
    await rm(`${data}.lock`);
  });
});
