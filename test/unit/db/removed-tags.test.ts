// A tag removed from a story stays removed (src/db/tags.ts, migration 20261207130942): the store's planning sets a
// story's country, region, topic and source tags again whenever an article joins it, and a moderator's `/tag remove`
// of one came back with the next outlet's report. Added by hand, it is back for good.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { loadAudience, planDeliveries } from '../../../src/db/deliveries.js';
import { addSource } from '../../../src/db/sources.js';
import { mergeStories } from '../../../src/db/story-edits.js';
import { addMemberTag, mergeTags, removeStoryTag } from '../../../src/db/tags.js';
import { rebuildCentroid } from '../../../src/pipeline/dedupe/story-choice.js';
import { createTestDatabase } from '../../helpers/db.js';
import { articleFixture, joinStory, newStory } from '../../helpers/fixtures.js';

const guild = '100000000000000171';
const [mod, member] = ['200000000000000171', '200000000000000172'];

describe('a tag removed from a story', () => {
  let db: Database;
  let feedId: number;
  let storyId: number;
  beforeAll(async () => {
    db = await createTestDatabase();
    feedId = (await addSource(db.prisma, { guildId: guild, actorId: mod, url: 'https://removed-tags.example/rss', kind: 'feed', channelId: '300000000000000171', intervalMinutes: 15 })).feedId;
  });
  afterAll(() => db.close());

  const tagsOf = async () => (await db.prisma.storyTag.findMany({ where: { guildId: guild, storyId }, include: { tag: true } })).map((t) => t.tag.name).sort();
  /** An article of the story stored and planned as the pipeline does, with the tags its facts give. */
  async function report(n: number, names = ['energy', 'pipelines']) {
    const stored = await storeArticle(db.prisma, articleFixture({ feedId, url: `https://removed-tags.example/${n}`, title: `Pipeline report ${n}` }), storyId ? joinStory(storyId) : newStory, { now: new Date(), windowHours: 72 });
    if (stored.status !== 'stored') throw new Error('not stored');
    storyId = stored.storyId;
    const tags = names.map((name) => ({ name, label: name, kind: 'topic' as const }));
    await planDeliveries(db.prisma, { storyId, audience: await loadAudience(db.prisma, feedId), articleCreatedAt: stored.createdAt, now: new Date(), views: new Map([[guild, { regions: [], countries: [], tags }]]) });
  }

  it('is not set again when the next article joins, until someone adds it by hand', async () => {
    await report(1);
    expect(await tagsOf()).toEqual(['energy', 'pipelines']);
    await removeStoryTag(db.prisma, guild, storyId, mod, 'energy', true, new Date());
    await report(2);
    expect(await tagsOf()).toEqual(['pipelines']);
    await addMemberTag(db.prisma, guild, storyId, member, { name: 'energy', label: 'energy', kind: 'topic' }, { max: 10, windowMs: 60_000 }, new Date(), new Date());
    await removeStoryTag(db.prisma, guild, storyId, member, 'pipelines', true, new Date());
    await report(3);
    expect(await tagsOf()).toEqual(['energy']);
    expect(await db.prisma.storyTag.findFirst({ where: { storyId, tag: { name: 'energy' } } })).toMatchObject({ addedById: member });
  });

  it('stays removed when its tag is merged into another, and a member taking back their own tag leaves it to the pipeline', async () => {
    storyId = 0;
    await report(10, ['gas']);
    await removeStoryTag(db.prisma, guild, storyId, mod, 'gas', true, new Date());
    await addMemberTag(db.prisma, guild, storyId, member, { name: 'power', label: 'power', kind: 'topic' }, { max: 10, windowMs: 60_000 }, new Date(), new Date());
    await removeStoryTag(db.prisma, guild, storyId, member, 'power', false, new Date());
    await mergeTags(db.prisma, guild, mod, 'gas', 'power', new Date());
    // The pipeline still says "gas", the merged tag's old name: it is not set again.
    await report(11, ['gas']);
    expect(await tagsOf()).toEqual([]);
    // A member's own tag taken back: the pipeline may set it.
    await addMemberTag(db.prisma, guild, storyId, member, { name: 'hydro', label: 'hydro', kind: 'topic' }, { max: 10, windowMs: 60_000 }, new Date(), new Date());
    await removeStoryTag(db.prisma, guild, storyId, member, 'hydro', false, new Date());
    await report(12, ['hydro']);
    expect(await tagsOf()).toEqual(['hydro']);
  });

  it('stays removed from the story it is merged into, unless that story carries the tag itself', async () => {
    storyId = 0;
    await report(20, ['grain', 'ports']);
    const away = storyId;
    await removeStoryTag(db.prisma, guild, away, mod, 'grain', true, new Date());
    await removeStoryTag(db.prisma, guild, away, mod, 'ports', true, new Date());
    storyId = 0;
    await report(21, ['ports', 'shipping']);
    const kept = storyId;
    await mergeStories(db.prisma, { guildId: guild, actorId: mod, now: new Date(), fromId: away, intoId: kept }, rebuildCentroid);
    // The next report of the merged story names grain again: not set; ports stays, the kept story's own.
    await report(22, ['grain', 'ports', 'shipping']);
    expect(await tagsOf()).toEqual(['ports', 'shipping']);
  });
});
