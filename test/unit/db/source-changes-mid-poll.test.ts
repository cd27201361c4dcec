// A poll loads its feed's sources once and reads for up to two minutes: a source removed, paused or moved by a
// moderator meanwhile still had the rest of that poll's items posted as before (src/db/deliveries.ts withSourcesNow).
// Planning reads the sources again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { loadAudience, planDeliveries, type FeedAudience } from '../../../src/db/deliveries.js';
import { addSource, editSource, removeSource, setSourcePaused } from '../../../src/db/sources.js';
import { viewsForAudience } from '../../../src/ingest/guild-views.js';
import { createTestDatabase } from '../../helpers/db.js';
import { articleFixture, newStory } from '../../helpers/fixtures.js';

const guild = '100000000000000361';
const mod = '200000000000000361';
const news = '300000000000000361';
const caucasus = '300000000000000362';

describe('a source changed while a poll of its feed runs', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  let n = 0;
  const follow = async () => addSource(db.prisma, { guildId: guild, actorId: mod, url: `https://midpoll.example/${++n}.xml`, kind: 'feed', channelId: news, intervalMinutes: 15 });
  /** Stores the poll's next item and plans its posts with the audience the poll loaded at its start; the channels posted to. */
  async function nextItem(feedId: number, audience: FeedAudience) {
    const facts = { countries: ['GE'], topics: ['economy'] };
    const article = articleFixture({ feedId, url: `https://midpoll.example/item-${++n}`, title: `Budget talks in Tbilisi, round ${n}`, text: `Ministers met in Tbilisi for round ${n} of the budget talks.`, ...facts });
    const now = new Date();
    const stored = await storeArticle(db.prisma, article, newStory, { now, windowHours: 72 });
    if (stored.status !== 'stored') throw new Error('not stored');
    await planDeliveries(db.prisma, { storyId: stored.storyId, audience, articleCreatedAt: stored.createdAt, now, views: viewsForAudience(audience, facts, article) });
    return (await db.prisma.delivery.findMany({ where: { storyId: stored.storyId } })).map((d) => d.channelId);
  }

  it('posts nothing more for a source removed or paused meanwhile', async () => {
    const removed = await follow();
    const audience = await loadAudience(db.prisma, removed.feedId);
    expect(await nextItem(removed.feedId, audience)).toEqual([news]);
    await removeSource(db.prisma, guild, mod, removed.id);
    expect(await nextItem(removed.feedId, audience)).toEqual([]);

    const paused = await follow();
    const pausedAudience = await loadAudience(db.prisma, paused.feedId);
    await setSourcePaused(db.prisma, guild, mod, paused.id, true);
    expect(await nextItem(paused.feedId, pausedAudience)).toEqual([]);
  });

  it('posts where a source was moved meanwhile, through the filter it has now', async () => {
    const moved = await follow();
    const audience = await loadAudience(db.prisma, moved.feedId);
    await editSource(db.prisma, { guildId: guild, actorId: mod, sourceId: moved.id, changes: { channelId: caucasus } });
    expect(await nextItem(moved.feedId, audience)).toEqual([caucasus]);
    await editSource(db.prisma, { guildId: guild, actorId: mod, sourceId: moved.id, changes: { filter: 'football' } });
    expect(await nextItem(moved.feedId, audience)).toEqual([]);
  });
});
