// The embedded database's cache (ADR 11): DATA_CACHE_MB fixes its size; unset, it follows the data, so a young
// installation does not hold a 64 MB pool for a database a sixth of that size, and the pool grows, start by start, to 64 MB.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { automaticCacheMb, largestDatabaseBytes } from '../../src/db/embedded-cache.js';

const mb = 1024 * 1024;
const sharedBuffers = async (db: Database) => (await db.prisma.$queryRawUnsafe<{ shared_buffers: string }[]>('SHOW shared_buffers'))[0]!.shared_buffers;

describe('DATA_CACHE_MB', () => {
  it('sizes the embedded database buffer pool', async () => {
    const config = loadConfig({ DATA_CACHE_MB: '32' });
    const db = await openDatabase({ dataDir: 'memory://', cacheMb: config.DATA_CACHE_MB, migrate: false });
    try {
      expect(await sharedBuffers(db)).toBe('32MB');
    } finally {
      await db.close();
    }
  });
});

describe('automaticCacheMb', () => {
  it('is twice the data in 16 MB steps, at least 32 and at most 64 MB', () => {
    expect(automaticCacheMb(0)).toBe(32);
    expect(automaticCacheMb(9 * mb)).toBe(32);
    expect(automaticCacheMb(17 * mb)).toBe(48);
    expect(automaticCacheMb(24 * mb)).toBe(48);
    expect(automaticCacheMb(25 * mb)).toBe(64);
    // A grown installation (ADR 11): a larger pool would cost the bot its 400 MB, for a few ms of search.
    expect(automaticCacheMb(40 * mb)).toBe(64);
    expect(automaticCacheMb(5000 * mb)).toBe(64);
  });
});

describe('the embedded database cache', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gazette-cache-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('starts small on a new data directory, grows with the data at the next start, and DATA_CACHE_MB overrides it', async () => {
    const dataDir = join(dir, 'data');
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    let db = await openDatabase({ dataDir, logger });
    try {
      expect(await sharedBuffers(db)).toBe('32MB');
      expect(lines.some((l) => l.includes('database cache sized to the data') && l.includes('"cacheMb":32'))).toBe(true);
      // ~30 MB of rows that do not compress, as stored articles would be.
      await db.prisma.$executeRawUnsafe(`CREATE TABLE padding AS SELECT i, (SELECT string_agg(md5((i * 16 + j)::text), '') FROM generate_series(1, 24) j) AS text FROM generate_series(1, 36000) i`);
      await db.prisma.$executeRawUnsafe('CHECKPOINT');
    } finally {
      await db.close();
    }

    const bytes = await largestDatabaseBytes(dataDir);
    expect(bytes).toBeGreaterThan(30 * mb);
    db = await openDatabase({ dataDir });
    try {
      expect(await sharedBuffers(db)).toBe(`${automaticCacheMb(bytes)}MB`);
      expect(automaticCacheMb(bytes)).toBe(64);
    } finally {
      await db.close();
    }

    db = await openDatabase({ dataDir, cacheMb: 48 });
    try {
      expect(await sharedBuffers(db)).toBe('48MB');
    } finally {
      await db.close();
    }
  });
});
