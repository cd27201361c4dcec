// A migration that fails on the embedded database stops the start with its error and is recorded as failed, not as
// applied: the next start refuses to run on that database, naming the migration. (pglite-prisma-adapter 0.7.2 ran a
// migration's script without awaiting it, so the failed migration was recorded as applied and later starts went on.)
import { cp, mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedAdapter } from '../../src/db/driver-adapters.js';
import { applyMigrations, migrationsDir } from '../../src/db/migrations.js';
import { createUnmigratedPGlite } from '../helpers/db.js';

describe('a migration that fails on the embedded database', () => {
  let dir: string;
  let pg: PGlite;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gazette-failing-migration-'));
    await cp(join(migrationsDir, 'migration_lock.toml'), join(dir, 'migration_lock.toml'));
    await mkdir(join(dir, '20000101000000_good'));
    await writeFile(join(dir, '20000101000000_good', 'migration.sql'), 'CREATE TABLE "Kept" (id INTEGER);\n');
    await mkdir(join(dir, '20000102000000_bad'));
    await writeFile(join(dir, '20000102000000_bad', 'migration.sql'), 'CREATE TABLE "Half" (id INTEGER);\nINSERT INTO "Missing" VALUES (1);\n');
    pg = await createUnmigratedPGlite();
  });
  afterAll(async () => {
    await pg.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('rejects with the database error and leaves the failed migration unapplied', async () => {
    await expect(applyMigrations(embeddedAdapter(pg), undefined, dir)).rejects.toThrow(/Missing/);
    const rows = await pg.query<{ migration_name: string; finished_at: Date | null }>('SELECT migration_name, finished_at FROM "_prisma_migrations" ORDER BY migration_name');
    expect(rows.rows.filter((r) => r.finished_at !== null).map((r) => r.migration_name)).toEqual(['20000101000000_good']);
    const tables = await pg.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_name IN ('Kept', 'Half') ORDER BY 1`);
    expect(tables.rows.map((r) => r.table_name)).toEqual(['Kept']);
    // The next start refuses, naming the migration, rather than run on a database it did not finish.
    await expect(applyMigrations(embeddedAdapter(pg), undefined, dir)).rejects.toThrow(/failed migrations[\s\S]*20000102000000_bad/);
  });
});
