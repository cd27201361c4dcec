import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { openDatabase } from '../../../src/db/client.js';

describe('DATA_CACHE_MB', () => {
  it('sizes the embedded database buffer pool', async () => {
    const config = loadConfig({ DATA_CACHE_MB: '32' });
    const db = await openDatabase({ dataDir: 'memory://', cacheMb: config.DATA_CACHE_MB, migrate: false });
    try {
      const [row] = await db.prisma.$queryRawUnsafe<{ shared_buffers: string }[]>('SHOW shared_buffers');
      expect(row?.shared_buffers).toBe('32MB');
    } finally {
      await db.close();
    }
  });
});
