// A first start copies the migrated empty database the build made (dist/empty-database) instead of running initdb
// and every migration, and never touches a directory that holds something else.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { seedFromEmptyDatabase } from '../../src/db/empty-database.js';
import { pendingMigrations } from '../../src/db/migrations.js';

describe('the empty database a first start copies', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gazette-empty-db-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('makes a new data directory a migrated database with nothing in it', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const dataDir = join(dir, 'new', 'data');
    const db = await openDatabase({ dataDir, logger });
    try {
      expect(lines.some((l) => l.includes('created the database from the empty one the build made'))).toBe(true);
      expect(lines.some((l) => l.includes('applied database migrations'))).toBe(false);
      expect(await pendingMigrations((sql) => db.prisma.$queryRawUnsafe(sql))).toEqual([]);
      expect(await db.prisma.source.count()).toBe(0);
      // Nothing is left beside it from the copy.
      expect(await readdir(join(dir, 'new'))).toEqual(['data']);
    } finally {
      await db.close();
    }
  });

  it('leaves an existing database and a folder with other files alone', async () => {
    const existing = join(dir, 'new', 'data');
    expect(await seedFromEmptyDatabase(existing)).toBe(false);
    const other = join(dir, 'other');
    await mkdir(other);
    await writeFile(join(other, 'notes.txt'), 'mine');
    expect(await seedFromEmptyDatabase(other)).toBe(false);
    expect(await readdir(other)).toEqual(['notes.txt']);
    expect(existsSync(join(other, 'PG_VERSION'))).toBe(false);
  });
});
