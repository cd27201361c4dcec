// How large the embedded database's buffer pool is (PostgreSQL's shared_buffers). PGlite allocates and touches all of
// it in the bot's own memory at start, so a pool larger than the data it caches is resident memory bought for nothing:
// the cache follows the data, up to 64 MB (docs/adr/0011-embedded-cache-size.md).
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

const mb = 1024 * 1024;
export const smallestCacheMb = 32;
// Past 64 MB a larger pool makes search at 100,000 stories a few ms faster and costs the bot its 400 MB (ADR 11).
export const largestAutomaticCacheMb = 64;

/**
 * The cache for a database of this size on disk: twice its size, so that it can grow until the next start, in steps of
 * 16 MB, at least 32 and at most 64 MB (ADR 11: what more buys search is not worth its memory).
 */
export function automaticCacheMb(databaseBytes: number): number {
  const wanted = Math.ceil((2 * databaseBytes) / (16 * mb)) * 16;
  return Math.min(largestAutomaticCacheMb, Math.max(smallestCacheMb, wanted));
}

/**
 * The size on disk of the largest database in a PostgreSQL data directory (`base/<oid>/`): Gazette's own, next to the
 * two small templates. 0 when there is none yet.
 */
export async function largestDatabaseBytes(dataDir: string): Promise<number> {
  const base = join(dataDir, 'base');
  const databases = await readdir(base, { withFileTypes: true }).catch(() => []);
  let largest = 0;
  for (const database of databases) {
    if (!database.isDirectory()) continue;
    const dir = join(base, database.name);
    const files = await readdir(dir, { withFileTypes: true });
    const sizes = await Promise.all(files.filter((f) => f.isFile()).map((f) => stat(join(dir, f.name)).then((s) => s.size)));
    largest = Math.max(largest, sizes.reduce((a, b) => a + b, 0));
  }
  return largest;
}

/** The cache to start with: the self-hoster's DATA_CACHE_MB when set, otherwise sized to the data (`memory://`: the largest). */
export async function embeddedCacheMb(dataDir: string, setting: number | undefined): Promise<{ cacheMb: number; databaseMb?: number }> {
  if (setting !== undefined) return { cacheMb: setting };
  if (dataDir.startsWith('memory://')) return { cacheMb: largestAutomaticCacheMb };
  const bytes = await largestDatabaseBytes(dataDir);
  return { cacheMb: automaticCacheMb(bytes), databaseMb: Math.round(bytes / mb) };
}
