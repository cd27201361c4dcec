// A tag the store makes while another transaction makes the same one (store_plan_story, migration 20261207111500): a
// new topic two stores made at once was left off one story (its insert skipped the name the other had just made,
// which it had not found). The interleaving needs a PostgreSQL server (`scripts/with-postgres.sh npx vitest run test/unit/db/store-tag-races.test.ts`,
// as CI runs test/unit/db); embedded, the two run in turn, with the same outcome.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { loadAudience, planDeliveries } from '../../../src/db/deliveries.js';
import { addSource } from '../../../src/db/sources.js';
import { createTestDatabase } from '../../helpers/db.js';
import { articleFixture, newStory } from '../../helpers/fixtures.js';
import { queuedBehindLock } from '../../helpers/lock-queue.js';

const guild = '100000000000000151';
const mod = '200000000000000151';

describe('a tag the store makes while another transaction makes it', () => {
  let db: Database;
  let feedId: number;
  beforeAll(async () => {
    db = await createTestDatabase();
    feedId = (await addSource(db.prisma, { guildId: guild, actorId: mod, url: 'https://tag-races.example/rss', kind: 'feed', channelId: '300000000000000151', intervalMinutes: 15 })).feedId;
  });
  afterAll(() => db.close());

  const tagsOf = async (storyId: number) => (await db.prisma.storyTag.findMany({ where: { guildId: guild, storyId }, include: { tag: true } })).map((t) => t.tag.name).sort();
  async function storeAndPlan(n: number, tags: string[]) {
    const stored = await storeArticle(db.prisma, articleFixture({ feedId, url: `https://tag-races.example/${n}`, title: `Story ${n}` }), newStory, { now: new Date(), windowHours: 72 });
    if (stored.status !== 'stored') throw new Error('not stored');
    const views = new Map([[guild, { regions: [], countries: [], tags: tags.map((name) => ({ name, label: name, kind: 'topic' as const })) }]]);
    await planDeliveries(db.prisma, { storyId: stored.storyId, audience: await loadAudience(db.prisma, feedId), articleCreatedAt: stored.createdAt, now: new Date(), views });
    return stored.storyId;
  }

  it('links a new tag another transaction made first, once that one commits', async () => {
    let storyId = 0;
    // Another store has inserted the tag and not committed: this store's insert waits on it.
    const [made, planned] = await queuedBehindLock(
      db,
      (tx) => tx.tag.create({ data: { guildId: guild, name: 'wildfire', label: 'Wildfire', kind: 'topic' } }),
      async () => (storyId = await storeAndPlan(1, ['wildfire', 'drought'])),
      async () => undefined,
    );
    expect(made.status).toBe('fulfilled');
    expect(planned.status).toBe('fulfilled');
    expect(await tagsOf(storyId)).toEqual(['drought', 'wildfire']);
  });
});
