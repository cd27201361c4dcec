// Opens the database: embedded PGlite in DATA_DIR by default, a PostgreSQL server when DATABASE_URL is set.
// Both run the same schema and migrations; only the driver adapter differs (docs/adr/0001-postgres-everywhere.md).
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient } from '../generated/prisma/client.js';
import type { Logger } from '../logger.js';
import { asConnectionError } from './connection-errors.js';
import { lockDataDir } from './data-dir-lock.js';
import { seedFromEmptyDatabase } from './empty-database.js';
import { embeddedCacheMb } from './embedded-cache.js';
import { defaultMigrationLockWait, withMigrationLock } from './migration-lock.js';
import { checkDataDir } from './data-dir-check.js';
import { applyMigrations, pendingMigrations, resumeInterruptedMigrations } from './migrations.js';
import { stoppedBy } from '../pause.js';
import { embeddedAdapter, serverAdapter } from './driver-adapters.js';

export type Prisma = InstanceType<typeof PrismaClient>;

export interface Database {
  prisma: Prisma;
  kind: 'pglite' | 'postgres';
  /** Migrations this open applied (none when the database was up to date, or another process applied them). */
  applied: string[];
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL of a server; when absent the embedded database is used. */
  databaseUrl?: string | undefined;
  /** Directory of the embedded database; `memory://` keeps it in memory (tests). */
  dataDir?: string | undefined;
  /** The embedded database's buffer pool in MB (PostgreSQL's shared_buffers); unset, sized to the data (embedded-cache.ts). */
  cacheMb?: number | undefined;
  logger?: Logger | undefined;
  /** An embedded database already opened by the caller (tests load a migrated template this way). */
  pglite?: PGlite | undefined;
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  /**
   * A stop asked for while opening: a wait for another process's migration ends, the database is closed and
   * openDatabase rejects with the signal's reason. Migrations this process has begun are finished first.
   */
  stopSignal?: AbortSignal | undefined;
}

// The embedded database's buffer pool is allocated in the bot's own memory and all of it is touched at start, so its
// size is a trade between resident memory and search speed (embedded-cache.ts, docs/adr/0011-embedded-cache-size.md).
const embeddedStartParams = (cacheMb: number) => [...PGlite.defaultStartParams, '-c', `shared_buffers=${cacheMb}MB`];

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let adapter: SqlMigrationAwareDriverAdapterFactory;
  let closeDriver: () => Promise<void>;
  let kind: Database['kind'];
  if (options.databaseUrl) {
    // A server that drops packets would otherwise hold the start for the operating system's connect timeout (minutes).
    // In UTC, as every time Gazette writes is: on a server set to another zone, the database's own `now()` and column
    // defaults wrote local times into UTC columns (hours off on Guild.createdAt, a tag's, a moved post's).
    adapter = serverAdapter({ connectionString: options.databaseUrl, max: 10, connectionTimeoutMillis: 10_000, options: '-c TimeZone=UTC' });
    kind = 'postgres';
    closeDriver = async () => {};
  } else if (options.pglite) {
    const pg = options.pglite;
    adapter = embeddedAdapter(pg);
    kind = 'pglite';
    closeDriver = () => pg.close();
  } else {
    const dir = options.dataDir ?? './data';
    // Before anything else is written there: a second process on the same files would corrupt them (data-dir-lock.ts).
    // The lock is a dotfile inside, which seeding still takes for an empty directory.
    if (!dir.startsWith('memory://')) await checkDataDir(resolve(dir));
    const lock = dir.startsWith('memory://') ? undefined : (await mkdir(resolve(dir), { recursive: true }), await lockDataDir(dir));
    let pg: PGlite;
    try {
      if (!dir.startsWith('memory://')) {
        if (await seedFromEmptyDatabase(dir)) options.logger?.info({ dataDir: dir }, 'created the database from the empty one the build made');
        else await mkdir(dir, { recursive: true });
      }
      const cache = await embeddedCacheMb(dir, options.cacheMb);
      options.logger?.info({ dataDir: dir, ...cache }, options.cacheMb === undefined ? 'database cache sized to the data (DATA_CACHE_MB unset)' : 'database cache from DATA_CACHE_MB');
      pg = await PGlite.create(dir.startsWith('memory://') ? undefined : dir, { startParams: embeddedStartParams(cache.cacheMb) });
    } catch (error) {
      await lock?.release();
      throw error;
    }
    adapter = embeddedAdapter(pg);
    kind = 'pglite';
    closeDriver = async () => {
      // Released even if closing fails (a database whose WebAssembly aborted): the lock names this host, and a
      // container re-created under another hostname would refuse to start until someone deleted it by hand.
      try {
        await pg.close();
      } finally {
        await lock?.release();
      }
    };
  }
  const prisma = new PrismaClient({ adapter });
  const close = async () => {
    try {
      await prisma.$disconnect();
    } finally {
      await closeDriver();
    }
  };
  const pending = async () => (await pendingMigrations((sql) => prisma.$queryRawUnsafe(sql))).length > 0;
  const applied: string[] = [];
  const migrate = async () => {
    // Checked again in this process's turn: another process may have applied them meanwhile.
    if (!(await pending())) return;
    const resumed = await resumeInterruptedMigrations((sql) => prisma.$queryRawUnsafe(sql));
    if (resumed.length) options.logger?.warn({ migrations: resumed }, 'migrations a stopped start had begun left nothing behind: applying them again');
    applied.push(...(await applyMigrations(adapter, (line) => options.logger?.trace({ engine: line }, 'schema engine'))));
    if (applied.length) options.logger?.info({ applied }, 'applied database migrations');
  };
  try {
    // The schema engine (WebAssembly) needs a few hundred MB while it runs: start it only when there is work for it.
    if (options.migrate !== false && (await pending())) {
      const { databaseUrl } = options;
      await (databaseUrl ? withMigrationLock(databaseUrl, options.logger, migrate, defaultMigrationLockWait, options.stopSignal) : migrate());
    }
  } catch (error) {
    // Closed, so that the embedded database's lock goes with the failed start (a lock left behind names this host).
    await close().catch(() => undefined);
    // Said here, where the error can only be the server's: a socket error code at start-up may be Discord's. The stop's
    // own reason goes back as it is, for the caller to recognise.
    throw options.databaseUrl && !stoppedBy(options.stopSignal, error) ? asConnectionError(error) : error;
  }
  return { prisma, kind, applied, close };
}
