// Processes started together on one PostgreSQL server take turns to migrate it. The schema engine has a lock of its
// own, but it gives up after 10 s ("The database server was reached but timed out"), so a process starting beside one
// whose migrations take longer failed. This lock is waited for while the other process migrates, saying so every
// 10 s, but not for ever: a process stuck while migrating (a hung host, a session left open) kept every later start
// waiting silently without end. Its session is closed afterwards, which releases it. A stop (Ctrl-C) ends the wait at
// once: nothing has been migrated by this process yet, so there is nothing to finish.
import pg from 'pg';
import type { Logger } from '../logger.js';
import { pause } from '../pause.js';

/** Gazette's own key, not the schema engine's (72707369): the engine takes that on a session of its own meanwhile. */
export const MIGRATION_LOCK_KEY = 72707370;

export interface MigrationLockWait {
  /** How long to wait for another process's migration before giving up (default 10 minutes, far above any real one). */
  limitMs: number;
  /** How often the wait is said in the log (default 10 s). */
  sayEveryMs: number;
  /** How often the lock is tried again (default 1 s). */
  retryMs: number;
}

export const defaultMigrationLockWait: MigrationLockWait = { limitMs: 10 * 60_000, sayEveryMs: 10_000, retryMs: 1_000 };

/**
 * Runs `migrate` holding the server-wide migration lock, waiting (with a log line every so often) while another process
 * holds it. `stopSignal` aborted while waiting rejects with its reason, without migrating.
 */
export async function withMigrationLock<T>(
  databaseUrl: string,
  logger: Logger | undefined,
  migrate: () => Promise<T>,
  wait: MigrationLockWait = defaultMigrationLockWait,
  stopSignal?: AbortSignal,
): Promise<T> {
  const session = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  // An error on the idle session (the server restarting) is the migration's to report, not an uncaught exception.
  session.on('error', (error) => logger?.warn({ err: error }, 'the migration lock session failed'));
  await session.connect();
  try {
    await takeLock(session, logger, wait, stopSignal);
    return await migrate();
  } finally {
    await session.end().catch(() => undefined);
  }
}

/** Tries the lock until it is free or `wait.limitMs` has passed (pg_advisory_lock itself would wait without a limit). */
async function takeLock(session: pg.Client, logger: Logger | undefined, wait: MigrationLockWait, stopSignal: AbortSignal | undefined): Promise<void> {
  const started = Date.now();
  let saidAt: number | undefined;
  for (;;) {
    stopSignal?.throwIfAborted();
    const { rows } = await session.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [MIGRATION_LOCK_KEY]);
    if (rows[0]?.locked) {
      if (saidAt !== undefined) logger?.info({ waitedMs: Date.now() - started }, 'the other process finished migrating the database');
      return;
    }
    const waited = Date.now() - started;
    if (waited >= wait.limitMs) throw new Error(gaveUp(wait.limitMs));
    if (saidAt === undefined || Date.now() - saidAt >= wait.sayEveryMs) {
      logger?.info({ waitedMs: waited, limitMs: wait.limitMs }, 'another Gazette process is migrating the database: waiting for it to finish');
      saidAt = Date.now();
    }
    await pause(Math.min(wait.retryMs, wait.limitMs - waited), stopSignal);
  }
}

function gaveUp(limitMs: number): string {
  const minutes = limitMs >= 60_000 ? `${Math.round(limitMs / 60_000)} min` : `${Math.round(limitMs / 1000)} s`;
  return `another process has held Gazette's migration lock on this PostgreSQL server for ${minutes}: check for a Gazette process stuck while migrating (pg_locks shows the session holding advisory lock ${MIGRATION_LOCK_KEY}) and stop it, then start again.`;
}
