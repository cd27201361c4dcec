// Several bot processes started together on one PostgreSQL server with migrations pending: one migrates, the others
// wait for it, and none fails. The schema engine's advisory lock (pg_advisory_lock(72707369), taken on its session)
// had outlived the migration on an idle pooled connection, and the process after it gave up after 10 s. Needs a
// PostgreSQL server: `npm run test:multi-process` starts a throwaway one (scripts/with-postgres.sh).
import { Writable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
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

  it('waits, saying so, while another process migrates, however long that takes', async () => {
    const scratch = await createScratchDatabase(serverUrl, 'gazette_migrate_wait');
    drops.push(scratch.drop);
    // Another process in the middle of migrating: it holds Gazette's migration lock (src/db/migration-lock.ts).
    const other = new pg.Client({ connectionString: scratch.url });
    await other.connect();
    await other.query('SELECT pg_advisory_lock(72707370)');
    const lines: string[] = [];
    const logger = createLogger('info', new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) }));
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
});
