// The embedded database's Prisma driver adapter. pglite-prisma-adapter 0.7.2 starts a migration's script
// (`executeScript`) without awaiting it: a failing migration was recorded as applied, its error surfaced later as an
// unhandled rejection, and the next start skipped it. This adapter awaits the script and reports its error.
import type { PGlite } from '@electric-sql/pglite';
import { DriverAdapterError, type SqlDriverAdapter, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';

function awaitingScripts(adapter: SqlDriverAdapter, pg: PGlite): SqlDriverAdapter {
  adapter.executeScript = async (script: string) => {
    await pg.exec(script).catch((error: unknown) => {
      const e = error as { code?: unknown; severity?: unknown; message?: unknown; detail?: unknown; column?: unknown; hint?: unknown };
      if (typeof e.code !== 'string') throw error;
      // As a PostgreSQL error, so that the schema engine names the migration's failing statement, not "external error".
      throw new DriverAdapterError({
        kind: 'postgres',
        code: e.code,
        severity: String(e.severity ?? 'ERROR'),
        message: String(e.message),
        detail: typeof e.detail === 'string' ? e.detail : undefined,
        column: typeof e.column === 'string' ? e.column : undefined,
        hint: typeof e.hint === 'string' ? e.hint : undefined,
      });
    });
  };
  return adapter;
}

export function embeddedAdapter(pg: PGlite): SqlMigrationAwareDriverAdapterFactory {
  const factory = new PrismaPGlite(pg);
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => awaitingScripts(await factory.connect(), pg),
    // The shadow database (schema diffs) is the adapter's own in-memory PGlite, whose scripts stay as they were.
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
}
