// A route on a tag moderators renamed, or merged another into: the pipeline still tags stories by the old name (the
// tag's alias now), and a route made on the name the tag has now matched none of them (src/db/deliveries.ts
// guildPlan, audienceOf's tagAliases).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { loadAudience, planDeliveries } from '../../../src/db/deliveries.js';
import { addRoute } from '../../../src/db/routes.js';
import { addSource } from '../../../src/db/sources.js';
import { mergeTags, renameTag } from '../../../src/db/tags.js';
import { viewsForAudience } from '../../../src/ingest/guild-views.js';
import { defaultRegions, resolveTag } from '../../../src/pipeline/orchestrator.js';
import { createTestDatabase } from '../../helpers/db.js';
import { articleFixture, newStory } from '../../helpers/fixtures.js';

const guild = '100000000000000281';
const mod = '200000000000000281';
const [news, fuel, farming] = ['300000000000000281', '300000000000000282', '300000000000000283'];

describe('a route on a renamed or merged tag', () => {
  let db: Database;
  let feedId: number;
  beforeAll(async () => {
    db = await createTestDatabase();
    feedId = (await addSource(db.prisma, { guildId: guild, actorId: mod, url: 'https://tag-routes.example/rss', kind: 'feed', channelId: news, intervalMinutes: 15 })).feedId;
  });
  afterAll(() => db.close());

  async function ingest(title: string, topics: string[]) {
    const facts = { countries: ['AZ'], topics };
    const article = articleFixture({ feedId, title, text: `${title}.`, url: `https://tag-routes.example/${encodeURIComponent(title)}`, ...facts });
    const now = new Date();
    const stored = await storeArticle(db.prisma, article, newStory, { now, windowHours: 72 });
    if (stored.status !== 'stored') throw new Error('not stored');
    const audience = await loadAudience(db.prisma, feedId);
    await planDeliveries(db.prisma, { storyId: stored.storyId, audience, articleCreatedAt: stored.createdAt, now, views: viewsForAudience(audience, facts, article) });
    return (await db.prisma.delivery.findMany({ where: { storyId: stored.storyId }, orderBy: { channelId: 'asc' } })).map((d) => d.channelId);
  }
  /** What `/route add tag:` stores for what a moderator typed. */
  const route = async (typed: string, channelId: string) => {
    const tag = resolveTag(typed, defaultRegions)!;
    await addRoute(db.prisma, guild, mod, { kind: tag.kind, value: tag.name, channelId });
  };

  it('sends the stories the pipeline tags by the tag’s former name', async () => {
    expect(await ingest('Gas deal one', ['energy'])).toEqual([news]);
    const renamed = resolveTag('Fuel politics', defaultRegions)!;
    await renameTag(db.prisma, guild, mod, 'energy', { name: renamed.name, label: renamed.label, kind: renamed.kind }, new Date());
    await route('fuel politics', fuel);
    expect(await ingest('Gas deal two', ['energy'])).toEqual([news, fuel]);
  });

  it('sends the stories of a tag merged into the route’s', async () => {
    expect(await ingest('Harvest report one', ['agriculture'])).toEqual([news]);
    expect(await ingest('Food prices one', ['economy'])).toEqual([news]);
    await mergeTags(db.prisma, guild, mod, 'agriculture', 'economy', new Date());
    await route('economy', farming);
    expect(await ingest('Harvest report two', ['agriculture'])).toEqual([news, farming]);
  });
});
