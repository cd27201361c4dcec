// A migration a killed start had begun is marked rolled back and applied again (src/db/migrations.ts,
// resumeInterruptedMigrations; the start itself: test/integration/interrupted-migration.test.ts), but not while the
// schema engine's lock is held: on a PostgreSQL server another process may be running it now. Holding the lock needs
// a second session, which the embedded database has not: that part runs on a server
// (`scripts/with-postgres.sh npx vitest run test/unit/db/interrupted-migrations.test.ts`, as CI runs test/unit/db).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client.js';
import { resumeInterruptedMigrations } from '../../../src/db/migrations.js';
import { createTestDatabase } from '../../helpers/db.js';
import { holdInAnotherTransaction } from '../../helpers/lock-queue.js';

describe('resuming a migration a killed start had begun', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  const resume = () => resumeInterruptedMigrations((sql) => db.prisma.$queryRawUnsafe(sql));
  const begin = (name: string, logs: string | null = null) =>
    db.prisma.$executeRawUnsafe(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count, logs) VALUES ($1, 'x', $1, now(), 0, $2)`, name, logs);

  it('leaves one that failed with an error, and one the schema engine may be running, alone', async () => {
    await begin('29990101000000_failed', 'ERROR: relation "Missing" does not exist');
    await begin('29990101000001_killed');
    if (db.kind === 'postgres') {
      const release = await holdInAnotherTransaction(db, (tx) => tx.$queryRaw`SELECT pg_advisory_xact_lock(72707369)::text AS locked`);
      try {
        expect(await resume()).toEqual([]);
      } finally {
        await release();
      }
    }
    expect(await resume()).toEqual(['29990101000001_killed']);
    expect(await resume()).toEqual([]);
    await db.prisma.$executeRawUnsafe(`DELETE FROM "_prisma_migrations" WHERE migration_name LIKE '2999%'`);
  });
});
