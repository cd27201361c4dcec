// The Prisma driver adapters, for the embedded database and for a PostgreSQL server, each running a migration's script
// whole, as one simple query, and awaiting it. pglite-prisma-adapter 0.7.2 started the script without awaiting it: a
// failing migration was recorded as applied, its error surfaced later as an unhandled rejection, and the next start
// skipped it. @prisma/adapter-pg split the script at every `;` and sent the pieces one by one, which breaks a function
// body (migration 20261207054800_store_statement_functions) and would leave a failing migration half applied; sent
// whole, PostgreSQL runs the script in one implicit transaction, as the embedded database does.
import type { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { DriverAdapterError, type SqlDriverAdapter, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';

export function wholeScripts(adapter: SqlDriverAdapter, run: (script: string) => Promise<unknown>): SqlDriverAdapter {
  adapter.executeScript = async (script: string) => {
    await run(script).catch((error: unknown) => {
      const e = error as { code?: unknown; severity?: unknown; message?: unknown; detail?: unknown; column?: unknown; hint?: unknown };
      // Only PostgreSQL's own errors (a five-character SQLSTATE, with the severity both drivers give them): a socket's
      // (ECONNRESET, or EPIPE, which has five letters too) is no statement's fault.
      if (typeof e.code !== 'string' || !/^[0-9A-Z]{5}$/.test(e.code) || typeof e.severity !== 'string') throw error;
      // As a PostgreSQL error, so that the schema engine names the migration's failing statement, not "external error".
      throw new DriverAdapterError({
        kind: 'postgres',
        code: e.code,
        severity: e.severity,
        message: String(e.message),
        detail: typeof e.detail === 'string' ? e.detail : undefined,
        column: typeof e.column === 'string' ? e.column : undefined,
        hint: typeof e.hint === 'string' ? e.hint : undefined,
      });
    });
  };
  return adapter;
}

export function embeddedAdapter(db: PGlite): SqlMigrationAwareDriverAdapterFactory {
  const factory = new PrismaPGlite(db);
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wholeScripts(await factory.connect(), (script) => db.exec(script)),
    // The shadow database (schema diffs) is the adapter's own in-memory PGlite, whose scripts stay as they were.
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
}

export function serverAdapter(config: pg.PoolConfig): SqlMigrationAwareDriverAdapterFactory {
  const factory = new PrismaPg(config);
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    // A pool a connection, ended with it, as PrismaPg does when given a configuration; its own, so scripts reach it.
    connect: async () => {
      const pool = new pg.Pool(config);
      return wholeScripts(await new PrismaPg(pool, { disposeExternalPool: true }).connect(), (script) => pool.query(script));
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
}
