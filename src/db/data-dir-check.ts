// A data directory checked before the embedded database opens it, so that a mistake is said in words: PGlite's own
// answer to files it cannot write is "Aborted()", and to a directory that holds something else, filling it.
import { constants, existsSync } from 'node:fs';
import { access, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { someoneElses } from './empty-database.js';

export class DataDirError extends Error {}

/** The files PostgreSQL writes first when it opens a database: one not writable stops it. */
const written = ['', 'PG_VERSION', 'global', join('global', 'pg_control'), 'base', 'pg_wal'];

const writable = (path: string) => access(path, constants.W_OK).then(() => true, () => false);

/** `canWrite` is passed in for tests, which run as root here (root writes anything). */
export async function checkDataDir(dir: string, canWrite: (path: string) => Promise<boolean> = writable): Promise<void> {
  if (!existsSync(dir)) return;
  const entries = await readdir(dir);
  if (!entries.includes('PG_VERSION')) {
    // A typo (DATA_DIR=/var/lib, or `.`) scattered a database's files among someone else's. An unfinished copy of the
    // empty database is finished by the start instead.
    const others = someoneElses(entries);
    if (others.length) {
      const shown = others.slice(0, 3).join(', ') + (others.length > 3 ? ', …' : '');
      throw new DataDirError(`DATA_DIR (${dir}) holds other files (${shown}) and no Gazette database: set DATA_DIR to a new or empty directory.`);
    }
    return;
  }
  for (const path of written) {
    const full = join(dir, path);
    if (!existsSync(full)) continue;
    if (!(await canWrite(full))) throw new DataDirError(`Gazette cannot write ${full}: the database's files must all belong to the user running Gazette (chown -R that user ${dir}).`);
  }
}
