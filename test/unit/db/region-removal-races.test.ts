// A server's own region removed (`/config region` without countries) while a source or route is added or edited to
// name it. The command checks the region before it takes the server's lock (`/source add` reads the feed first, for
// seconds): the add or edit checks it again under that lock, and an edit holds the lock as the removal does, so no
// source or route is left naming a region nothing defines. The interleaving needs a PostgreSQL server
// (`scripts/with-postgres.sh npx vitest run test/unit/db/region-removal-races.test.ts`); embedded, the two run in turn.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client.js';
import { removeRegion, setRegion } from '../../../src/db/regions.js';
import { addRoute } from '../../../src/db/routes.js';
import { addSource, editSource } from '../../../src/db/sources.js';
import { storedFilterNames } from '../../../src/pipeline/orchestrator.js';
import { createTestDatabase } from '../../helpers/db.js';
import { queuedBehindLock } from '../../helpers/lock-queue.js';

const [guildA, guildB] = ['100000000000000131', '100000000000000132'];
const mod = '200000000000000131';
const news = '300000000000000131';
const other = '300000000000000132';
const blackSea = { slug: 'black-sea', name: 'Black Sea' };

describe('a region removed while a source or route is set to it', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  // Each test has a server of its own: what one leaves behind cannot decide the other.
  const define = (guild: string) => setRegion(db.prisma, guild, mod, { ...blackSea, countries: ['UA', 'GE', 'TR'] }, []);
  const remove = (guild: string) => removeRegion(db.prisma, guild, mod, blackSea, (filter) => storedFilterNames(filter, 'region', blackSea.slug));
  const add = (guild: string, url: string, extra: { region?: string } = {}) =>
    addSource(db.prisma, { guildId: guild, actorId: mod, url, kind: 'feed', channelId: news, intervalMinutes: 15, ...extra, regionsNamed: [blackSea] });
  const gone = 'The region **Black Sea** was removed from this server (`/config region`) while your command ran. Nothing was changed: `/config show` lists the regions there are now, or define it again with `/config region`.';

  it('refuses, in words, an add or edit naming a region removed after the command checked it, and changes nothing', async () => {
    const guild = guildA;
    await define(guild);
    const source = await add(guild, 'https://black-sea.example/a.xml');
    // The commands below found Black Sea among the server's regions; then another moderator removed it.
    await remove(guild);
    // Audited as a removal: it had read as a built-in region set back to its defaults (region.reset).
    expect(await db.prisma.auditLog.findFirst({ where: { guildId: guild, action: { startsWith: 'region.' } }, orderBy: { id: 'desc' } })).toMatchObject({ action: 'region.remove', target: 'region:black-sea' });

    await expect(add(guild, 'https://black-sea.example/b.xml', { region: blackSea.slug })).rejects.toMatchObject({ code: 'not-found', message: gone });
    await expect(editSource(db.prisma, { guildId: guild, actorId: mod, sourceId: source.id, changes: { filter: 'region:black-sea' }, regionsNamed: [blackSea] })).rejects.toMatchObject({ message: gone });
    await expect(addRoute(db.prisma, guild, mod, { kind: 'region', value: blackSea.slug, channelId: other, regionsNamed: [blackSea] })).rejects.toMatchObject({ message: gone });

    expect(await db.prisma.source.findMany({ where: { guildId: guild }, select: { id: true, region: true, filter: true } })).toEqual([{ id: source.id, region: null, filter: null }]);
    expect(await db.prisma.route.count({ where: { guildId: guild } })).toBe(0);
  });

  it('keeps the region when the removal meets an edit setting it that has not committed yet', async () => {
    const guild = guildB;
    await define(guild);
    const source = await add(guild, 'https://black-sea.example/c.xml');
    // The edit waits on its source's row, which another transaction holds; the removal starts meanwhile. Without the
    // server's lock in the edit, the removal saw the source as it was, and the region went with the source naming it.
    const [edit, removal] = await queuedBehindLock(
      db,
      (tx) => tx.$queryRaw`SELECT 1 FROM "Source" WHERE id = ${source.id} FOR UPDATE`,
      () => editSource(db.prisma, { guildId: guild, actorId: mod, sourceId: source.id, changes: { region: blackSea.slug }, regionsNamed: [blackSea] }),
      () => remove(guild),
    );
    expect(edit.status).toBe('fulfilled');
    expect(removal.status === 'rejected' && removal.reason).toMatchObject({ code: 'conflict', message: `Source #${source.id} still uses the region **Black Sea** (as its region or in a filter), and would silently stop matching without it. Change it first with \`/source edit\` (region or filter) or \`/source remove\`, then remove the region. Nothing was changed.` });
    expect(await db.prisma.source.findUniqueOrThrow({ where: { id: source.id } })).toMatchObject({ region: blackSea.slug });
    expect(await db.prisma.guildRegion.count({ where: { guildId: guild, slug: blackSea.slug } })).toBe(1);
  });
});
