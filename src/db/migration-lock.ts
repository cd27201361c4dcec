// Processes started together on one PostgreSQL server take turns to migrate it. The schema engine has a lock of its
// own, but it gives up after 10 s ("The database server was reached but timed out"), so a process starting beside one
// whose migrations take longer failed. This lock is waited for as long as the other process migrates; its session is
// closed afterwards, which releases it.
import pg from 'pg';
import type { Logger } from '../logger.js';

/** Gazette's own key, not the schema engine's (72707369): the engine takes that on a session of its own meanwhile. */
const MIGRATION_LOCK_KEY = 72707370;

/** Runs `migrate` holding the server-wide migration lock, waiting (with a log line) while another process holds it. */
export async function withMigrationLock<T>(databaseUrl: string, logger: Logger | undefined, migrate: () => Promise<T>): Promise<T> {
  const session = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  // An error on the idle session (the server restarting) is the migration's to report, not an uncaught exception.
  session.on('error', (error) => logger?.warn({ err: error }, 'the migration lock session failed'));
  await session.connect();
  try {
    const { rows } = await session.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [MIGRATION_LOCK_KEY]);
    if (!rows[0]?.locked) {
      logger?.info('another Gazette process is migrating the database: waiting for it to finish');
      await session.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      logger?.info('the other process finished migrating the database');
    }
    return await migrate();
  } finally {
    await session.end().catch(() => undefined);
  }
}
