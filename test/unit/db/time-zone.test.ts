// Every time Gazette writes is UTC; so is the database's own `now()` (column defaults, a moved post's updatedAt), on a
// PostgreSQL server set to another zone too (a review found Guild.createdAt five hours off on one in New York). CI's
// PostgreSQL pass gives the scratch database a zone of its own to check it; embedded, PGlite's zone is checked.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/db/client.js';
import { createScratchDatabase } from '../../../src/db/scratch-database.js';
import { createTestDatabase } from '../../helpers/db.js';

describe('the database’s time zone', () => {
  it('is UTC for Gazette’s connections, whatever the server’s own', async () => {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (!serverUrl) {
      const db = await createTestDatabase();
      try {
        expect(await db.prisma.$queryRaw<{ TimeZone: string }[]>`SHOW TimeZone`).toEqual([{ TimeZone: expect.stringMatching(/^(UTC|GMT|Etc\/UTC)$/) }]);
      } finally {
        await db.close();
      }
      return;
    }
    const scratch = await createScratchDatabase(serverUrl, 'gazette_tz');
    const setup = await openDatabase({ databaseUrl: scratch.url });
    const name = (await setup.prisma.$queryRaw<{ db: string }[]>`SELECT current_database() AS db`)[0]!.db;
    await setup.prisma.$executeRawUnsafe(`ALTER DATABASE "${name}" SET timezone TO 'America/New_York'`);
    await setup.close();
    const db = await openDatabase({ databaseUrl: scratch.url });
    try {
      expect(await db.prisma.$queryRaw<{ TimeZone: string }[]>`SHOW TimeZone`).toEqual([{ TimeZone: 'UTC' }]);
      const [row] = await db.prisma.$queryRaw<{ skewMs: number }[]>`SELECT (extract(epoch FROM now()::timestamp) * 1000 - ${Date.now()})::float8 AS "skewMs"`;
      expect(Math.abs(row!.skewMs)).toBeLessThan(60_000);
    } finally {
      await db.close();
      await scratch.drop();
    }
  });
});
