// `npm run db:migrate`: applies pending migrations to the database the config names (DATABASE_URL, else the
// embedded one in DATA_DIR) and says what it did. `npm start` does the same on every start.
import { ConfigError, loadConfig, loadDotEnv } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { pendingMigrations } from '../src/db/migrations.js';
import { describeError } from '../src/errors.js';
import { createLogger } from '../src/logger.js';

try {
  loadDotEnv();
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, cacheMb: config.DATA_CACHE_MB, logger: createLogger('warn') });
  const left = await pendingMigrations((sql) => db.prisma.$queryRawUnsafe(sql));
  await db.close();
  if (left.length) throw new Error(`migrations still pending: ${left.join(', ')}`);
  const where = db.kind === 'pglite' ? `embedded, in ${config.DATA_DIR}` : 'PostgreSQL server';
  console.log(db.applied.length ? `Applied ${db.applied.length} migration(s): ${db.applied.join(', ')}. Database is up to date (${where}).` : `No migrations were pending: the database is up to date (${where}).`);
} catch (error) {
  const message = error instanceof ConfigError ? error.message : `Migration failed: ${describeError(error)}`;
  console.error(message);
  process.exit(1);
}
