// A start killed while it applied a migration (an out-of-memory kill, a container's forced stop) left the migration's
// record begun and unfinished. Its script runs as one transaction, so nothing of it was kept, but the schema engine
// took the record for a failed migration and refused every later start, with no way out on the embedded database.
// The next start now applies it again (src/db/migrations.ts, resumeInterruptedMigrations); a migration that failed
// with an error still stops the start (failing-migration.test.ts).
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { embeddedAdapter } from '../../src/db/driver-adapters.js';
import { applyMigrations, loadMigrationList, migrationsDir, pendingMigrations } from '../../src/db/migrations.js';
import { createUnmigratedPGlite } from '../helpers/db.js';

describe('a migration a killed start had begun', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gazette-interrupted-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is applied again at the next start', async () => {
    // A database migrated up to the last migration, whose record a killed start had written (begun, no end, no error).
    const names = (await loadMigrationList()).migrationDirectories.map((m) => m.path).sort();
    const last = names.at(-1)!;
    await cp(join(migrationsDir, 'migration_lock.toml'), join(dir, 'migration_lock.toml'));
    for (const name of names.slice(0, -1)) await cp(join(migrationsDir, name), join(dir, name), { recursive: true });
    const pg = await createUnmigratedPGlite();
    await applyMigrations(embeddedAdapter(pg), undefined, dir);
    await pg.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ('killed', 'x', $1, now(), 0)`, [last]);

    const lines: string[] = [];
    const db = await openDatabase({ pglite: pg, logger: pino({ level: 'info' }, { write: (line: string) => lines.push(line) }) });
    try {
      expect(db.applied).toEqual([last]);
      expect(await pendingMigrations((sql) => db.prisma.$queryRawUnsafe(sql))).toEqual([]);
      expect(lines.some((l) => l.includes('applying them again') && l.includes(last))).toBe(true);
      const records = await db.prisma.$queryRawUnsafe<{ finished: boolean; rolledBack: boolean }[]>(
        `SELECT finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS "rolledBack" FROM "_prisma_migrations" WHERE migration_name = '${last}' ORDER BY started_at`,
      );
      expect(records).toEqual([{ finished: false, rolledBack: true }, { finished: true, rolledBack: false }]);
    } finally {
      await db.close();
    }
  });
});
