// A first start copies the migrated empty database the build made (dist/empty-database) instead of running initdb
// and every migration, fills an empty folder in place (it may be the process's working directory), and never touches
// a directory that holds something else; and one process at a time opens a data directory (data-dir-lock.ts).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { checkDataDir } from '../../src/db/data-dir-check.js';
import { seedFromEmptyDatabase } from '../../src/db/empty-database.js';
import { pendingMigrations } from '../../src/db/migrations.js';
import { createUnmigratedPGlite } from '../helpers/db.js';

describe('the empty database a first start copies', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gazette-empty-db-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('makes a new data directory a migrated database with nothing in it', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const dataDir = join(dir, 'new', 'data');
    const db = await openDatabase({ dataDir, logger });
    try {
      expect(lines.some((l) => l.includes('created the database from the empty one the build made'))).toBe(true);
      expect(lines.some((l) => l.includes('applied database migrations'))).toBe(false);
      expect(await pendingMigrations((sql) => db.prisma.$queryRawUnsafe(sql))).toEqual([]);
      expect(await db.prisma.source.count()).toBe(0);
      // Nothing is left beside it from the copy, and the open database's lock is inside it (data-dir-lock.ts).
      expect(await readdir(join(dir, 'new'))).toEqual(['data']);
      expect(existsSync(join(dataDir, '.gazette.lock'))).toBe(true);
    } finally {
      await db.close();
    }
  });

  it('fills an existing empty folder in place, the one a service may run in, and finishes a copy a crash cut short', async () => {
    const folder = join(dir, 'service');
    await mkdir(folder);
    const inode = (await stat(folder)).ino;
    expect(await seedFromEmptyDatabase(folder)).toBe(true);
    // The same folder, not one renamed over it: a process whose working directory it is keeps a working directory.
    expect((await stat(folder)).ino).toBe(inode);
    expect(existsSync(join(folder, 'PG_VERSION'))).toBe(true);
    expect(existsSync(join(folder, '.gazette-seeding'))).toBe(false);

    // A crash mid-copy: the mark, part of the files, no PG_VERSION. The next start clears it and copies again.
    const cut = join(dir, 'cut');
    await mkdir(join(cut, 'base'), { recursive: true });
    await writeFile(join(cut, '.gazette-seeding'), '');
    await writeFile(join(cut, 'base', 'half-a-file'), 'x');
    expect(await seedFromEmptyDatabase(cut)).toBe(true);
    expect(existsSync(join(cut, 'base', 'half-a-file'))).toBe(false);
    const db = await openDatabase({ dataDir: cut });
    try {
      expect(await pendingMigrations((sql) => db.prisma.$queryRawUnsafe(sql))).toEqual([]);
    } finally {
      await db.close();
    }
  });

  // A volume formatted for the data (lost+found) or a folder with a dotfile in it is still new: it took the initdb path.
  it('fills a folder holding only lost+found and dotfiles, keeps them, and the database opens', async () => {
    const volume = join(dir, 'volume');
    await mkdir(join(volume, 'lost+found'), { recursive: true });
    await writeFile(join(volume, '.keep'), '');
    expect(await seedFromEmptyDatabase(volume)).toBe(true);
    expect(existsSync(join(volume, 'lost+found'))).toBe(true);
    expect(existsSync(join(volume, '.keep'))).toBe(true);
    const db = await openDatabase({ dataDir: volume, migrate: false });
    try {
      expect(await pendingMigrations((sql) => db.prisma.$queryRawUnsafe(sql))).toEqual([]);
      expect(await db.prisma.source.count()).toBe(0);
    } finally {
      await db.close();
    }
  });

  it('takes a data directory written with a trailing slash (DATA_DIR=./data/) as the same directory', async () => {
    const folder = join(dir, 'slashed');
    expect(await seedFromEmptyDatabase(`${folder}/`)).toBe(true);
    expect(existsSync(join(folder, 'PG_VERSION'))).toBe(true);
    expect((await readdir(dir)).filter((e) => e.startsWith('slashed'))).toEqual(['slashed']);
  });

  it('counts every migration as pending on a new database, and says what failed when the check itself fails', async () => {
    const fresh = await openDatabase({ pglite: await createUnmigratedPGlite(), migrate: false });
    try {
      const pending = await pendingMigrations((sql) => fresh.prisma.$queryRawUnsafe(sql));
      expect(pending.length).toBeGreaterThan(10);
      expect(pending).toEqual([...pending].sort());
    } finally {
      await fresh.close();
    }
    // A wrong password or a server gone is not a new database: the schema engine must not start on it.
    await expect(pendingMigrations(() => Promise.reject(new Error('password authentication failed for user "gazette"')))).rejects.toThrow(/password authentication failed/);
  });

  it('leaves an existing database and a folder with other files alone', async () => {
    const existing = join(dir, 'new', 'data');
    expect(await seedFromEmptyDatabase(existing)).toBe(false);
    const other = join(dir, 'other');
    await mkdir(other);
    await writeFile(join(other, 'notes.txt'), 'mine');
    expect(await seedFromEmptyDatabase(other)).toBe(false);
    expect(await readdir(other)).toEqual(['notes.txt']);
    expect(existsSync(join(other, 'PG_VERSION'))).toBe(false);
  });

  it('refuses, in words, a folder of other files and a database whose files it cannot write (data-dir-check.ts)', async () => {
    const other = join(dir, 'elsewhere');
    await mkdir(other);
    await writeFile(join(other, 'notes.txt'), 'mine');
    await expect(openDatabase({ dataDir: other })).rejects.toThrow(`DATA_DIR (${other}) holds other files (notes.txt) and no Gazette database: set DATA_DIR to a new or empty directory.`);
    expect(await readdir(other)).toEqual(['notes.txt']);
    // A database made by another user (a first start under sudo): PGlite said only "Aborted()".
    const data = join(dir, 'new', 'data');
    const control = join(data, 'global', 'pg_control');
    await expect(checkDataDir(data, async (path) => path !== control)).rejects.toThrow(`Gazette cannot write ${control}: the database's files must all belong to the user running Gazette (chown -R that user ${data}).`);
    await expect(checkDataDir(data)).resolves.toBeUndefined();
  });

  // One process at a time on it (src/db/data-dir-lock.ts).
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
    await mkdir(data);
    await writeFile(join(data, '.gazette.lock'), '2147483646\n'); // no such process
    const db = await openDatabase({ dataDir: data });
    await db.close();
    await writeFile(join(data, '.gazette.lock'), `${process.ppid}\n`); // alive: the test runner's parent
    await expect(openDatabase({ dataDir: data })).rejects.toThrow(new RegExp(`another Gazette process \\(pid ${process.ppid}\\)`));
    await rm(join(data, '.gazette.lock'));
  });
});
