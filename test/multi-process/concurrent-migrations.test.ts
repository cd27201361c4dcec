// Several bot processes started together on one PostgreSQL server with migrations pending: one migrates, the others
// wait for it, and none fails. The schema engine's advisory lock (pg_advisory_lock(72707369), taken on its session)
// had outlived the migration on an idle pooled connection, and the process after it gave up after 10 s. Needs a
// PostgreSQL server: `npm run test:multi-process` starts a throwaway one (scripts/with-postgres.sh).
import { Writable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { MIGRATION_LOCK_KEY, withMigrationLock } from '../../src/db/migration-lock.js';
import { createScratchDatabase } from '../../src/db/scratch-database.js';
import { createLogger } from '../../src/logger.js';

/** Advisory locks held on the database at `url`, by any session. */
async function advisoryLocks(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted`);
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

describe('processes migrating one database at once', () => {
  let serverUrl: string;
  beforeAll(() => {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('No PostgreSQL server: run `npm run test:multi-process`, which starts one (scripts/with-postgres.sh).');
    serverUrl = url;
  });
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const drop of drops) await drop();
  });

  it('releases the migration lock as soon as the migrations are applied', async () => {
    const scratch = await createScratchDatabase(serverUrl, 'gazette_migrate_once');
    drops.push(scratch.drop);
    const db = await openDatabase({ databaseUrl: scratch.url });
    try {
      expect(await advisoryLocks(scratch.url)).toBe(0);
    } finally {
      await db.close();
    }
  });

  it('lets every process start: the later ones wait for the first to migrate', async () => {
    const scratch = await createScratchDatabase(serverUrl, 'gazette_migrate_together');
    drops.push(scratch.drop);
    const opened = await Promise.allSettled([0, 1, 2].map(() => openDatabase({ databaseUrl: scratch.url })));
    const dbs = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    try {
      expect(opened.map((o) => (o.status === 'fulfilled' ? 'ok' : String(o.reason)))).toEqual(['ok', 'ok', 'ok']);
      const applied = await dbs[0]!.prisma.$queryRawUnsafe<{ n: number }[]>('SELECT count(*)::int AS n FROM "_prisma_migrations"');
      const committed = await dbs[0]!.prisma.$queryRawUnsafe<{ n: number }[]>('SELECT count(DISTINCT migration_name)::int AS n FROM "_prisma_migrations"');
      expect(applied[0]!.n).toBe(committed[0]!.n); // each migration applied once
    } finally {
      await Promise.all(dbs.map((db: Database) => db.close()));
    }
  });

  it('waits, saying so, while another process migrates', async () => {
    const scratch = await createScratchDatabase(serverUrl, 'gazette_migrate_wait');
    drops.push(scratch.drop);
    // Another process in the middle of migrating: it holds Gazette's migration lock (src/db/migration-lock.ts).
    const other = new pg.Client({ connectionString: scratch.url });
    await other.connect();
    await other.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const { lines, logger } = collectedLog();
    let opened = false;
    const opening = openDatabase({ databaseUrl: scratch.url, logger }).then((db) => ((opened = true), db));
    try {
      await expect.poll(() => lines.join(''), { timeout: 10_000 }).toContain('another Gazette process is migrating the database: waiting for it to finish');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(opened).toBe(false);
    } finally {
      await other.end();
    }
    const db = await opening;
    await db.close();
    expect(lines.join('')).toContain('applied database migrations');
  });

  // Ctrl-C while waiting was logged as "stopping as soon as the database is safe to close", then waited up to 10 minutes
  // and migrated: nothing is migrated yet while waiting, so the stop ends the wait at once.
  it('stops waiting at once when the start is stopped, migrating nothing', async () => {
    const scratch = await createScratchDatabase(serverUrl, 'gazette_migrate_stopped');
    drops.push(scratch.drop);
    const other = new pg.Client({ connectionString: scratch.url });
    await other.connect();
    await other.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const { lines, logger } = collectedLog();
    const stop = new AbortController();
    try {
      const opening = openDatabase({ databaseUrl: scratch.url, logger, stopSignal: stop.signal });
      const outcome = opening.then(
        (db) => ({ db }),
        (error: unknown) => ({ error }),
      );
      await expect.poll(() => lines.join(''), { timeout: 10_000 }).toContain('another Gazette process is migrating the database: waiting for it to finish');
      const stoppedAt = Date.now();
      stop.abort(new Error('stopping'));
      const ended = await Promise.race([outcome, new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), 5_000))]);
      if (ended !== 'still waiting' && 'db' in ended) await ended.db.close();
      expect(ended).toEqual({ error: stop.signal.reason });
      expect(Date.now() - stoppedAt).toBeLessThan(2_000);
      // Nothing was migrated, and the session that waited is closed: only the other process holds a lock.
      const tables = await other.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`);
      expect(tables.rows[0]!.n).toBe(0);
      expect(await advisoryLocks(scratch.url)).toBe(1);
    } finally {
      await other.end();
    }
  });

  // pg_advisory_lock waited without a limit: a process hung while migrating kept every later start waiting for ever.
  it('gives up after its limit when the other process never finishes, saying what to check', async () => {
    const scratch = await createScratchDatabase(serverUrl, 'gazette_migrate_stuck');
    drops.push(scratch.drop);
    const stuck = new pg.Client({ connectionString: scratch.url });
    await stuck.connect();
    await stuck.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const { lines, logger } = collectedLog();
    let migrated = false;
    try {
      const started = Date.now();
      const waiting = withMigrationLock(scratch.url, logger, async () => (migrated = true), { limitMs: 1_200, sayEveryMs: 500, retryMs: 100 });
      await expect(waiting).rejects.toThrow(`another process has held Gazette's migration lock on this PostgreSQL server for 1 s: check for a Gazette process stuck while migrating`);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_200);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(migrated).toBe(false);
      // Said while waiting, more than once, so that a long wait does not look like a hang.
      expect(lines.filter((l) => l.includes('another Gazette process is migrating the database: waiting for it to finish')).length).toBeGreaterThanOrEqual(2);
      // The session that tried is closed: only the stuck process holds a lock.
      expect(await advisoryLocks(scratch.url)).toBe(1);
    } finally {
      await stuck.end();
    }
  });
});

/** A logger whose JSON lines are kept. */
function collectedLog() {
  const lines: string[] = [];
  const logger = createLogger('info', new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) }));
  return { lines, logger };
}
