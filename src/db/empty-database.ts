// A migrated, empty embedded database, made once by the build (scripts/build.mjs) and copied into a new DATA_DIR on
// the first start. PGlite's own first start runs initdb in a second PostgreSQL instance beside the first, and the
// schema engine then needs a few hundred MB more: ~850 MB at peak against ~300 MB for any later start. A copied
// directory opens like a later start (docs/adr/0021-compiled-start.md).
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { cp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { migrationsFingerprint, repositoryRoot } from './migrations.js';

const templateDir = join(repositoryRoot(), 'dist', 'empty-database');
const keyFile = `${templateDir}.json`;

interface TemplateKey {
  pglite: string;
  migrations: string;
}

/** The PGlite release installed: a data directory is only safe to open with the release that made it. */
export function pgliteVersion(): string {
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

async function currentKey(): Promise<TemplateKey> {
  return { pglite: pgliteVersion(), migrations: await migrationsFingerprint() };
}

async function storedKey(): Promise<TemplateKey | null> {
  return readFile(keyFile, 'utf8').then((text) => JSON.parse(text) as TemplateKey, () => null);
}

/** Makes the template unless one for this PGlite release and these migrations exists. Returns whether it made one. */
export async function buildEmptyDatabase(open: (dataDir: string) => Promise<{ close(): Promise<void> }>): Promise<boolean> {
  const key = await currentKey();
  const stored = await storedKey();
  if (stored && stored.pglite === key.pglite && stored.migrations === key.migrations && existsSync(join(templateDir, 'PG_VERSION'))) return false;
  // The old one goes first: `open` would copy it into the new directory and apply only the migrations it lacks by
  // name, so a migration edited before it landed would stay in the new template as it was.
  await rm(keyFile, { force: true });
  await rm(templateDir, { recursive: true, force: true });
  const building = `${templateDir}.${randomUUID()}`;
  const db = await open(building);
  await db.close();
  await rename(building, templateDir);
  await writeFile(keyFile, `${JSON.stringify(key)}\n`);
  return true;
}

/** Left in a data directory while the template is copied into it: a crash leaves it to say the copy is unfinished. */
const seedingMark = '.gazette-seeding';

/**
 * What a new data directory may hold and still count as empty: mkfs's lost+found (a freshly formatted volume) and
 * dotfiles (a `.keep`, the lock of data-dir-lock.ts). Otherwise the first start would take the ~850 MB initdb path.
 * They are left where they are: PostgreSQL ignores files it does not know in its directory.
 */
const ignoredInNewDir = (entry: string) => entry === 'lost+found' || entry.startsWith('.');

/**
 * The entries of a directory without a database that are someone else's: anything a new data directory may not hold
 * (ignoredInNewDir), unless it is an unfinished copy of ours (its mark), which a start finishes.
 */
export function someoneElses(entries: readonly string[]): string[] {
  return entries.includes(seedingMark) ? [] : entries.filter((entry) => !ignoredInNewDir(entry));
}

/**
 * Fills a new data directory (absent, or empty but for `ignoredInNewDir` entries) from the template, when there is one made by this PGlite release;
 * migrations it lacks are applied afterwards as usual. A crash mid-copy leaves no half database: a new directory is
 * copied beside and renamed, an existing one is filled in place (see fillInPlace). Returns whether it did.
 */
export async function seedFromEmptyDatabase(givenDir: string): Promise<boolean> {
  // `./data/` and `./data` are one directory; with the slash, the copy beside it would land inside it.
  const dataDir = resolve(givenDir);
  if (existsSync(join(dataDir, 'PG_VERSION')) || !existsSync(join(templateDir, 'PG_VERSION'))) return false;
  if ((await storedKey())?.pglite !== pgliteVersion()) return false;
  if (existsSync(dataDir)) {
    const entries = await readdir(dataDir);
    if (someoneElses(entries).length) return false;
    await fillInPlace(dataDir, entries.filter((entry) => !ignoredInNewDir(entry)));
    return true;
  }
  const copying = `${dataDir}.${randomUUID()}`;
  try {
    await cp(templateDir, copying, { recursive: true });
    await rename(copying, dataDir);
  } finally {
    await rm(copying, { recursive: true, force: true });
  }
  return true;
}

/**
 * An existing folder is kept, not replaced by a rename: it may be the process's working directory (a service run
 * from its data directory), which a rename would delete from under it, and every later `process.cwd()` (worker
 * threads starting) would fail. The mark goes first, PG_VERSION last: until then the folder is no database, and the
 * next start clears what a crash left and copies again.
 */
async function fillInPlace(dataDir: string, leftovers: string[]): Promise<void> {
  await writeFile(join(dataDir, seedingMark), '');
  for (const entry of leftovers) await rm(join(dataDir, entry), { recursive: true, force: true });
  for (const entry of await readdir(templateDir)) {
    if (entry !== 'PG_VERSION') await cp(join(templateDir, entry), join(dataDir, entry), { recursive: true });
  }
  await cp(join(templateDir, 'PG_VERSION'), join(dataDir, 'PG_VERSION'));
  await rm(join(dataDir, seedingMark));
}
