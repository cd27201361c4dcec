// Source and route filters and route role pings in delivery planning (issue 11): a filtered story is the guild's
// (searchable) but not posted; a route pings its role with the post, once per cool-down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { loadAudience, planDeliveries, planDeliveriesIn, shareAudience } from '../../../src/db/deliveries.js';
import { addRoute } from '../../../src/db/routes.js';
import { addSource } from '../../../src/db/sources.js';
import { viewsForAudience } from '../../../src/ingest/guild-views.js';
import { createTestDatabase } from '../../helpers/db.js';
import { articleFixture, newStory } from '../../helpers/fixtures.js';

const guild = '100000000000000071';
const mod = '200000000000000071';
const news = '300000000000000071';
const energy = '300000000000000072';
const alerts = '300000000000000073';
const role = '400000000000000071';

describe('filters and role pings in delivery planning', () => {
  let db: Database;
  let feedId: number;
  beforeAll(async () => {
    db = await createTestDatabase();
    const source = await addSource(db.prisma, { guildId: guild, actorId: mod, url: 'https://filters.example/rss', kind: 'feed', channelId: news, intervalMinutes: 15 });
    feedId = source.feedId;
    await db.prisma.source.update({ where: { id: source.id }, data: { filter: 'pipeline or gas -sport' } });
    const route = await addRoute(db.prisma, guild, mod, { kind: 'region', value: 'south-caucasus', channelId: energy });
    await db.prisma.route.update({ where: { id: route.id }, data: { filter: 'topic:energy' } });
    const ping = await addRoute(db.prisma, guild, mod, { kind: 'region', value: 'south-caucasus', channelId: alerts });
    await db.prisma.route.update({ where: { id: ping.id }, data: { roleId: role, pingCooldownMinutes: 60 } });
  });
  afterAll(() => db.close());

  async function ingest(title: string, text: string, facts: { countries: string[]; topics: string[] }, now: Date) {
    const article = articleFixture({ feedId, title, text, ...facts });
    const stored = await storeArticle(db.prisma, article, newStory, { now, windowHours: 72 });
    if (stored.status !== 'stored') throw new Error('not stored');
    const audience = await loadAudience(db.prisma, feedId);
    const views = viewsForAudience(audience, facts, article);
    const planned = await planDeliveries(db.prisma, { storyId: stored.storyId, audience, articleCreatedAt: stored.createdAt, now, views });
    const deliveries = await db.prisma.delivery.findMany({ where: { storyId: stored.storyId }, orderBy: { channelId: 'asc' } });
    const guildStory = await db.prisma.guildStory.findUnique({ where: { guildId_storyId: { guildId: guild, storyId: stored.storyId } } });
    return { planned, deliveries: deliveries.map((d) => [d.channelId, d.mentionRoleId]), searchable: guildStory !== null };
  }

  it('posts what passes the source filter and the route filter, and pings the route’s role once per cool-down', async () => {
    const t0 = new Date();
    const first = await ingest('Baku gas deal signed', 'Azerbaijan signed a gas deal with the EU.', { countries: ['AZ'], topics: ['energy'] }, t0);
    expect(first.deliveries).toEqual([
      [news, null],
      [energy, null],
      [alerts, role],
    ]);
    // Ten minutes later: within the hour's cool-down, posted without a ping.
    const second = await ingest('New pipeline route for Caspian gas', 'Armenia and Azerbaijan discussed a pipeline.', { countries: ['AM', 'AZ'], topics: ['diplomacy'] }, new Date(t0.getTime() + 600_000));
    expect(second.deliveries).toEqual([
      [news, null],
      [alerts, null],
    ]); // not energy: the route's filter asks for topic:energy
    // After the cool-down, the role is pinged again.
    const third = await ingest('Gas prices fall in Tbilisi', 'Georgia expects cheaper gas.', { countries: ['GE'], topics: ['economy'] }, new Date(t0.getTime() + 3_700_000));
    expect(third.deliveries).toEqual([
      [news, null],
      [alerts, role],
    ]);
  });

  it('pings once per cool-down even when two fetches loaded the routes before either pinged', async () => {
    const now = new Date(Date.now() + 2 * 86_400_000); // past any cool-down of the tests above
    const facts = { countries: ['AZ'], topics: ['energy'] };
    // Two fetches of the guild's feeds running at once: each loaded its audience (the routes' last pings) first.
    const [early, late] = [await loadAudience(db.prisma, feedId), await loadAudience(db.prisma, feedId)];
    const roles: (string | null)[] = [];
    for (const [i, audience] of [early, late].entries()) {
      const article = articleFixture({ feedId, title: `Caspian gas pipeline ${i}`, text: `Pipeline gas talks, round ${i}.`, ...facts });
      const stored = await storeArticle(db.prisma, article, newStory, { now, windowHours: 72 });
      if (stored.status !== 'stored') throw new Error('not stored');
      await planDeliveries(db.prisma, { storyId: stored.storyId, audience, articleCreatedAt: stored.createdAt, now: new Date(now.getTime() + i * 1000), views: viewsForAudience(audience, facts, article) });
      roles.push((await db.prisma.delivery.findFirstOrThrow({ where: { storyId: stored.storyId, channelId: alerts } })).mentionRoleId);
    }
    expect(roles).toEqual([role, null]);
  });

  it('pings after a retry of the transaction whose ping was rolled back (a deadlock or serialization failure)', async () => {
    const now = new Date(Date.now() + 3 * 86_400_000); // past any cool-down of the tests above
    const facts = { countries: ['AZ'], topics: ['energy'] };
    const audience = await loadAudience(db.prisma, feedId);
    const article = articleFixture({ feedId, title: 'Caspian gas pipeline, retried', text: 'Pipeline gas talks, retried.', ...facts });
    const stored = await storeArticle(db.prisma, article, newStory, { now, windowHours: 72 });
    if (stored.status !== 'stored') throw new Error('not stored');
    const input = { storyId: stored.storyId, audience, articleCreatedAt: stored.createdAt, now, views: viewsForAudience(audience, facts, article) };
    const failure = new Error('could not serialize access');
    await expect(
      db.prisma.$transaction(async (tx) => {
        await planDeliveriesIn(tx, input);
        throw failure;
      }),
    ).rejects.toBe(failure);
    await planDeliveries(db.prisma, input); // the retry, with the same audience
    expect((await db.prisma.delivery.findFirstOrThrow({ where: { storyId: stored.storyId, channelId: alerts } })).mentionRoleId).toBe(role);
    // And the next story of the fetch, within the cool-down, is posted without one.
    const next = articleFixture({ feedId, title: 'Caspian gas pipeline, next', text: 'Pipeline gas talks, next.', ...facts });
    const stored2 = await storeArticle(db.prisma, next, newStory, { now, windowHours: 72 });
    if (stored2.status !== 'stored') throw new Error('not stored');
    await planDeliveries(db.prisma, { ...input, storyId: stored2.storyId, articleCreatedAt: stored2.createdAt, now: new Date(now.getTime() + 60_000), views: viewsForAudience(audience, facts, next) });
    expect((await db.prisma.delivery.findFirstOrThrow({ where: { storyId: stored2.storyId, channelId: alerts } })).mentionRoleId).toBeNull();
  });

  it('posts a member’s shared article along the routes, but mentions no role with it', async () => {
    const now = new Date(Date.now() + 4 * 86_400_000); // past any cool-down of the tests above
    const article = articleFixture({ title: 'Member shares a Tbilisi gas story', text: 'Georgia expects cheaper gas.', countries: ['GE'], topics: ['energy'] });
    const stored = await storeArticle(db.prisma, article, newStory, { now, windowHours: 72 });
    if (stored.status !== 'stored') throw new Error('not stored');
    const audience = await shareAudience(db.prisma, guild, news);
    const views = viewsForAudience(audience, { countries: ['GE'], topics: ['energy'] }, article);
    await planDeliveries(db.prisma, { storyId: stored.storyId, audience, articleCreatedAt: stored.createdAt, now, views, backfillSourceIds: [0] });
    const deliveries = await db.prisma.delivery.findMany({ where: { storyId: stored.storyId }, orderBy: { channelId: 'asc' } });
    expect(deliveries.map((d) => [d.channelId, d.mentionRoleId])).toEqual([
      [news, null],
      [energy, null],
      [alerts, null],
    ]);
  });

  it('keeps a filtered story as the guild’s story (searchable) without posting it', async () => {
    const filtered = await ingest('Azerbaijan wins the football match', 'A gas-free sport story from Baku.', { countries: ['AZ'], topics: ['sport'] }, new Date(Date.now() + 7_200_000));
    expect(filtered.searchable).toBe(true);
    // The source filter excludes sport; the regional routes still see the story (theirs are their own filters).
    expect(filtered.deliveries.map(([c]) => c)).toEqual([alerts]);
  });
});
