// Reads the committed migrations folder and applies what a database lacks, exactly like `prisma migrate deploy`.
import { readdir, readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { MigrationList } from '@prisma/schema-engine-wasm';
import { openSchemaEngine, type EngineLog } from './schema-engine.js';

/** The repository: the nearest folder above this file with a prisma/ folder (src/db/ from source, dist/src/db/ built). */
export function repositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'prisma', 'schema.prisma')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const root = repositoryRoot();
export const schemaPath = join(root, 'prisma', 'schema.prisma');
export const migrationsDir = join(root, 'prisma', 'migrations');
const lockfileName = 'migration_lock.toml';
const noFilters = { externalTables: [], externalEnums: [] };

export async function readSchema(): Promise<{ path: string; content: string }> {
  return { path: schemaPath, content: await readFile(schemaPath, 'utf8') };
}

export async function loadMigrationList(dir = migrationsDir): Promise<MigrationList> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok' as const, value: await readFile(join(dir, name, 'migration.sql'), 'utf8') },
      },
    })),
  );
  const lockContent = await readFile(join(dir, lockfileName), 'utf8').catch(() => null);
  return {
    baseDir: dir,
    lockfile: { path: lockfileName, content: lockContent },
    migrationDirectories,
    shadowDbInitScript: '',
  };
}

/** A short hash of the committed migrations (names and SQL): what a database made from them was made from. */
export async function migrationsFingerprint(): Promise<string> {
  const hash = createHash('sha256');
  for (const m of (await loadMigrationList()).migrationDirectories) hash.update(m.path).update(m.migrationFile.content.tag === 'ok' ? m.migrationFile.content.value : '');
  return hash.digest('hex').slice(0, 16);
}

/** Names of committed migrations the database has not applied yet (all of them on a new database). */
export async function pendingMigrations(query: (sql: string) => Promise<{ migration_name: string }[]>): Promise<string[]> {
  const committed = (await loadMigrationList()).migrationDirectories.map((m) => m.path);
  let applied: Set<string>;
  try {
    applied = new Set((await query('SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL')).map((r) => r.migration_name));
  } catch (error) {
    // No bookkeeping table: a new database. Anything else (a wrong password, a server that went away) is said as it is.
    if (noBookkeeping(error)) return committed;
    throw error;
  }
  return committed.filter((name) => !applied.has(name));
}

/**
 * Migrations a stopped process left begun: their record written, then the process killed (an out-of-memory kill, a
 * container's forced stop) before their script finished. Each script runs as one transaction (driver-adapters.ts), so
 * nothing of it was kept; but the schema engine takes the unfinished record for a failed migration and refused every
 * later start, and its own way out (`prisma migrate resolve`) cannot reach the embedded database. Marked rolled back,
 * they are applied again. A migration that failed with an error keeps its record (its `logs` say why) and still stops
 * the start. Called holding the database (the data directory's lock, or the server's migration lock).
 */
export async function resumeInterruptedMigrations(query: (sql: string) => Promise<{ migration_name: string }[]>): Promise<string[]> {
  try {
    // Not while the schema engine's own lock (72707369) is held: on a PostgreSQL server whose session dropped Gazette's
    // lock (an idle timeout, a pooler), another process may be running that migration now.
    const rows = await query(`UPDATE "_prisma_migrations" SET rolled_back_at = now()
      WHERE finished_at IS NULL AND rolled_back_at IS NULL AND logs IS NULL
        AND NOT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 AND objid = 72707369 AND objsubid = 1 AND granted AND pid <> pg_backend_pid()
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))
      RETURNING migration_name`);
    return rows.map((r) => r.migration_name);
  } catch (error) {
    if (noBookkeeping(error)) return [];
    throw error;
  }
}

/** Whether a query failed because the database has no `_prisma_migrations` table yet (a new database). */
function noBookkeeping(error: unknown): boolean {
  return /42P01|_prisma_migrations" does not exist/.test(`${String(error)} ${JSON.stringify((error as { meta?: unknown })?.meta ?? null)}`);
}

/**
 * The factory with every connection the schema engine opens through it recorded, to be closed when the engine is
 * freed: freeing it closes none. On PostgreSQL the engine takes its migration lock (pg_advisory_lock) on its session
 * and never unlocks it, so a pool left open kept the lock on an idle connection until the pool dropped it (10 s),
 * and another process starting meanwhile gave up waiting for it.
 */
function closingAfterwards(factory: SqlMigrationAwareDriverAdapterFactory): { factory: SqlMigrationAwareDriverAdapterFactory; close(): Promise<void> } {
  const opened: SqlDriverAdapter[] = [];
  const keep = (adapter: SqlDriverAdapter) => {
    // Once only: a pool ended twice throws.
    const dispose = adapter.dispose.bind(adapter);
    let disposed: Promise<void> | undefined;
    adapter.dispose = () => (disposed ??= dispose());
    opened.push(adapter);
    return adapter;
  };
  return {
    factory: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: async () => keep(await factory.connect()),
      connectToShadowDb: async () => keep(await factory.connectToShadowDb()),
    },
    async close() {
      await Promise.all(opened.splice(0).map((adapter) => adapter.dispose()));
    },
  };
}

/** Applies pending migrations; returns the names applied (none on an up-to-date database). */
export async function applyMigrations(adapter: SqlMigrationAwareDriverAdapterFactory, log?: EngineLog, dir = migrationsDir): Promise<string[]> {
  const connections = closingAfterwards(adapter);
  try {
    const engine = await openSchemaEngine(await readSchema(), connections.factory, log);
    try {
      const out = await engine.applyMigrations({ migrationsList: await loadMigrationList(dir), filters: noFilters });
      return out.appliedMigrationNames;
    } finally {
      engine.free();
    }
  } finally {
    await connections.close();
  }
}

/**
 * The SQL that takes a database from the committed migrations to the current schema. The migrations are replayed
 * on the adapter's shadow database (an in-memory PGlite), so no server is needed.
 */
export async function diffSinceLastMigration(adapter: SqlMigrationAwareDriverAdapterFactory): Promise<string> {
  const schema = await readSchema();
  const engine = await openSchemaEngine(schema, adapter);
  try {
    const migrations = await loadMigrationList();
    const result = await engine.diff({
      from: migrations.migrationDirectories.length ? { tag: 'migrations', ...migrations } : { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files: [schema] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return result.stdout ?? '';
  } finally {
    engine.free();
  }
}
