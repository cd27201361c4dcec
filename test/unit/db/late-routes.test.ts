// Routes and stories that become theirs later: an article joining a story the server has can give it a route's
// region or tag (a new country, a source's default tag), and the story is then posted in the route's channel, with
// the route's role, once; a channel that has it already (posted, queued or held for the digest) gets no second post.
// A tag a member adds routes nothing: planning matches routes against the tags it gives, never members'.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle, type ArticleToStore } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { loadAudience, planDeliveries } from '../../../src/db/deliveries.js';
import { addRoute } from '../../../src/db/routes.js';
import { addSource } from '../../../src/db/sources.js';
import { addMemberTag } from '../../../src/db/tags.js';
import { viewsForAudience } from '../../../src/ingest/guild-views.js';
import { createTestDatabase } from '../../helpers/db.js';
import { articleFixture, joinStory, newStory } from '../../helpers/fixtures.js';

const guild = '100000000000000141';
const [mod, member] = ['200000000000000141', '200000000000000142'];
const [news, caucasus, energy, asia] = ['300000000000000141', '300000000000000142', '300000000000000143', '300000000000000144'];
const role = '400000000000000141';

describe('routes matched by a later article', () => {
  let db: Database;
  let feedId: number;
  beforeAll(async () => {
    db = await createTestDatabase();
    ({ feedId } = await addSource(db.prisma, { guildId: guild, actorId: mod, url: 'https://late.example/rss', kind: 'feed', channelId: news, intervalMinutes: 15 }));
    await addRoute(db.prisma, guild, mod, { kind: 'region', value: 'south-caucasus', channelId: caucasus, roleId: role, pingCooldownMinutes: 60 });
    await addRoute(db.prisma, guild, mod, { kind: 'topic', value: 'energy', channelId: energy });
    await addRoute(db.prisma, guild, mod, { kind: 'country', value: 'armenia', channelId: asia });
  });
  afterAll(() => db.close());

  /** Stores an article (a new story, or one joining `storyId`) and plans it as a poll would; the posts it planned. */
  async function arrive(facts: Partial<ArticleToStore>, storyId?: number) {
    const article = articleFixture({ feedId, ...facts });
    const stored = await storeArticle(db.prisma, article, storyId ? joinStory(storyId) : newStory, { now: new Date(), windowHours: 72 });
    if (stored.status !== 'stored') throw new Error('not stored');
    const audience = await loadAudience(db.prisma, feedId);
    const planned = await planDeliveries(db.prisma, { storyId: stored.storyId, audience, articleCreatedAt: stored.createdAt, now: new Date(), views: viewsForAudience(audience, stored.story, article), factsChanged: stored.factsChanged, lateRoutes: true });
    return { storyId: stored.storyId, posts: planned.filter((p) => p.action === 'post').map((p) => p.channelId) };
  }
  const postsOf = async (storyId: number) => (await db.prisma.delivery.findMany({ where: { storyId }, orderBy: { id: 'asc' }, select: { channelId: true, mentionRoleId: true } }));

  it('posts a story in a route’s channel, with its role, once an article joining it gives it the route’s region', async () => {
    const { storyId, posts } = await arrive({ countries: ['TR'] });
    expect(posts).toEqual([news]);
    // Another outlet places it in Georgia: South Caucasus now.
    expect((await arrive({ countries: ['GE'] }, storyId)).posts).toEqual([caucasus]);
    expect(await postsOf(storyId)).toEqual([
      { channelId: news, mentionRoleId: null },
      { channelId: caucasus, mentionRoleId: role },
    ]);
    // A third: the channel has it, and its role has been pinged.
    expect((await arrive({ countries: ['GE'] }, storyId)).posts).toEqual([]);
    expect(await db.prisma.delivery.count({ where: { storyId } })).toBe(2);
  });

  it('routes a topic a later article brings, but not a tag a member adds', async () => {
    const { storyId } = await arrive({ countries: ['TR'] });
    const energyTag = { name: 'energy', label: 'Energy', kind: 'topic' as const };
    await addMemberTag(db.prisma, guild, storyId, member, energyTag, { max: 10, windowMs: 3_600_000 }, new Date(), new Date());
    expect((await arrive({ countries: ['TR'], title: 'Turkey reports on its budget' }, storyId)).posts).toEqual([]);
    expect((await arrive({ countries: ['TR'], topics: ['energy'] }, storyId)).posts).toEqual([energy]);
  });

  it('leaves a story held for the digest in a route’s channel there', async () => {
    const { storyId } = await arrive({ countries: ['TR'] });
    await db.prisma.heldPost.create({ data: { guildId: guild, storyId, channelId: asia } });
    expect((await arrive({ countries: ['AM'] }, storyId)).posts).toEqual([caucasus]);
    expect(await db.prisma.delivery.count({ where: { storyId, channelId: asia } })).toBe(0);
  });
});
