// A fresh, migrated database per test file. Embedded PGlite by default: a migrated data directory is dumped once
// per run and loaded by each test (0.5 s instead of 4 s), as is one that initdb made, for tests of a new database.
// With TEST_DATABASE_URL (set by .ci/run) each test gets its own database on a real PostgreSQL server instead, a copy
// of one the migrations were applied to once per server (CREATE DATABASE … TEMPLATE: a tenth of a second instead of
// 1–2 s of migrating).
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/client.js';
import { pgliteVersion } from '../../src/db/empty-database.js';
import { migrationsFingerprint } from '../../src/db/migrations.js';
import { createScratchDatabase, openScratchDatabase } from '../../src/db/scratch-database.js';

/** Saves the data directory of `pglite` at `path`, atomically: test processes running side by side never read half. */
async function saveDump(pglite: PGlite, path: string): Promise<void> {
  const dump = await pglite.dumpDataDir('none');
  const tmp = `${path}.${randomUUID()}`;
  await writeFile(tmp, Buffer.from(await dump.arrayBuffer()));
  await rename(tmp, path);
}

/**
 * A new embedded database as initdb leaves it, no migration applied: what a first start without the build's empty
 * database opens. initdb (~4 s) runs once per PGlite release; later calls load its dump.
 */
export async function createUnmigratedPGlite(): Promise<PGlite> {
  const path = join(tmpdir(), `gazette-initdb-${pgliteVersion()}.tar`);
  if (existsSync(path)) return PGlite.create({ loadDataDir: new Blob([await readFile(path)]) });
  const pglite = await PGlite.create();
  await saveDump(pglite, path);
  return pglite;
}

async function migratedTemplate(): Promise<Blob> {
  const path = join(tmpdir(), `gazette-template-${await migrationsFingerprint()}.tar`);
  if (!existsSync(path)) {
    const pglite = await createUnmigratedPGlite();
    const migrated = await openDatabase({ pglite });
    await saveDump(pglite, path);
    await migrated.close();
  }
  return new Blob([await readFile(path)]);
}

// Not the bot's migration lock (src/db/migration-lock.ts): migrating the template takes that one on a session of its
// own.
const TEMPLATE_LOCK_KEY = 72707371;
let serverTemplate: Promise<string> | undefined;

/**
 * The server's migrated template database, made by the first test process that asks while the others wait for it:
 * migrated under a scratch name and renamed once every migration is in, so a run cut off midway leaves no half-made
 * template behind.
 */
function migratedServerTemplate(serverUrl: string): Promise<string> {
  return (serverTemplate ??= (async () => {
    const name = `gazette_template_${await migrationsFingerprint()}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK_KEY]);
      if (!(await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount) {
        const scratch = await createScratchDatabase(serverUrl, 'gazette_template_build');
        try {
          await (await openDatabase({ databaseUrl: scratch.url })).close();
          await admin.query(`ALTER DATABASE ${new URL(scratch.url).pathname.slice(1)} RENAME TO ${name}`);
        } catch (error) {
          await scratch.drop();
          throw error;
        }
      }
    } finally {
      await admin.end(); // releases the lock with its session
    }
    return name;
  })());
}

export async function createTestDatabase(): Promise<Database> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) return openScratchDatabase(serverUrl, 'gazette_test', await migratedServerTemplate(serverUrl));
  const pglite = await PGlite.create({ loadDataDir: await migratedTemplate() });
  return openDatabase({ pglite });
}
