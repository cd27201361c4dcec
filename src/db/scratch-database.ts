// A throwaway database on a PostgreSQL server, migrated, and dropped again when closed: the data-layer tests under
// TEST_DATABASE_URL and the Discord benchmark each work in their own so runs never see each other's rows.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from './client.js';

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/**
 * A new database on the server, empty or a copy of `template` (a database of the server no session is connected to),
 * and how to drop it (with whatever connections other processes hold).
 */
export async function createScratchDatabase(serverUrl: string, prefix: string, template?: string): Promise<{ url: string; drop(): Promise<void> }> {
  // Only [a-z0-9_] reach the identifiers: the prefix and the template's name are ours and the suffix is hex.
  const name = `${prefix.replace(/[^a-z0-9_]/g, '')}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await onServer(serverUrl, `CREATE DATABASE ${name}${template ? ` TEMPLATE ${template.replace(/[^a-z0-9_]/g, '')}` : ''}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export async function openScratchDatabase(serverUrl: string, prefix: string, template?: string): Promise<Database> {
  const scratch = await createScratchDatabase(serverUrl, prefix, template);
  const db = await openDatabase({ databaseUrl: scratch.url });
  return {
    ...db,
    async close() {
      await db.close();
      await scratch.drop();
    },
  };
}
