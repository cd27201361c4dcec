// Which PostgreSQL server a benchmark runs on, read one way for every bench: `--database-url` when given, else
// DATABASE_URL (what the bot reads; scripts/with-postgres.sh sets it to the server it starts). Both go through
// src/config.ts's rule, so "  postgres://…" is trimmed, an empty value means none, and a URL that is not PostgreSQL's
// is refused up front rather than failing later inside the driver.
import { loadConfig } from '../../src/config.js';

/** The server's URL, or undefined: the bench then uses an embedded database, or says it needs a server. */
export function benchDatabaseUrl(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  // Only DATABASE_URL is read: a bench needs none of the bot's other settings, so a bad one must not stop it.
  return loadConfig({ DATABASE_URL: flag ?? env.DATABASE_URL }).DATABASE_URL;
}
