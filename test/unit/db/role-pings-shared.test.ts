// Two routes that mention one role (a region's channel and a topic's, both @news): a story matching both is posted in
// each channel, and the role is mentioned once, not once per route; its next mention waits for the cool-down of
// whichever route would make it (src/db/deliveries.ts guildPlan, planDeliveriesIn).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { loadAudience, planDeliveries } from '../../../src/db/deliveries.js';
import { addRoute } from '../../../src/db/routes.js';
import { addSource } from '../../../src/db/sources.js';
import { viewsForAudience } from '../../../src/ingest/guild-views.js';
import { createTestDatabase } from '../../helpers/db.js';
import { articleFixture, newStory } from '../../helpers/fixtures.js';

const guild = '100000000000000271';
const mod = '200000000000000271';
const [news, region, topic] = ['300000000000000271', '300000000000000272', '300000000000000273'];
const role = '400000000000000271';

describe('a role two routes mention', () => {
  let db: Database;
  let feedId: number;
  beforeAll(async () => {
    db = await createTestDatabase();
    feedId = (await addSource(db.prisma, { guildId: guild, actorId: mod, url: 'https://pings.example/rss', kind: 'feed', channelId: news, intervalMinutes: 15 })).feedId;
    await addRoute(db.prisma, guild, mod, { kind: 'region', value: 'south-caucasus', channelId: region, roleId: role, pingCooldownMinutes: 60 });
    await addRoute(db.prisma, guild, mod, { kind: 'topic', value: 'energy', channelId: topic, roleId: role, pingCooldownMinutes: 60 });
  });
  afterAll(() => db.close());

  async function ingest(title: string, facts: { countries: string[]; topics: string[] }, now: Date) {
    const article = articleFixture({ feedId, title, text: `${title}.`, url: `https://pings.example/${encodeURIComponent(title)}`, ...facts });
    const stored = await storeArticle(db.prisma, article, newStory, { now, windowHours: 72 });
    if (stored.status !== 'stored') throw new Error('not stored');
    const audience = await loadAudience(db.prisma, feedId);
    await planDeliveries(db.prisma, { storyId: stored.storyId, audience, articleCreatedAt: stored.createdAt, now, views: viewsForAudience(audience, facts, article) });
    return (await db.prisma.delivery.findMany({ where: { storyId: stored.storyId }, orderBy: { channelId: 'asc' } })).map((d) => [d.channelId, d.mentionRoleId]);
  }

  it('is mentioned once for a story both match, and not again through the other route within its cool-down', async () => {
    const t0 = new Date();
    const both = await ingest('Baku gas deal signed', { countries: ['AZ'], topics: ['energy'] }, t0);
    expect(both.filter(([, mention]) => mention === role)).toHaveLength(1);
    expect(both.map(([channel]) => channel)).toEqual([news, region, topic]);
    // Ten minutes later a story of the topic only: the role was just mentioned, through the other route.
    expect(await ingest('Oil prices rise in Europe', { countries: ['DE'], topics: ['energy'] }, new Date(t0.getTime() + 600_000))).toEqual([
      [news, null],
      [topic, null],
    ]);
  });
});
