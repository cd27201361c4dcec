// A banned tag matches nothing (finding: `/tags ban` left routes and follows on it working): delivery planning leaves
// the guild's banned tags, aliases included, out of the story's tags there, which routes and follows are matched on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { loadAudience, planDeliveries } from '../../../src/db/deliveries.js';
import { addRoute } from '../../../src/db/routes.js';
import { addSource } from '../../../src/db/sources.js';
import { banTag } from '../../../src/db/tags.js';
import { viewsForAudience } from '../../../src/ingest/guild-views.js';
import { createTestDatabase } from '../../helpers/db.js';
import { articleFixture, newStory } from '../../helpers/fixtures.js';

const guild = '100000000000000171';
const mod = '200000000000000171';
const news = '300000000000000171';
const energy = '300000000000000172';
const role = '400000000000000171';

describe('a banned tag in delivery planning', () => {
  let db: Database;
  let feedId: number;
  beforeAll(async () => {
    db = await createTestDatabase();
    feedId = (await addSource(db.prisma, { guildId: guild, actorId: mod, url: 'https://banned.example/rss', kind: 'feed', channelId: news, intervalMinutes: 15 })).feedId;
    await addRoute(db.prisma, guild, mod, { kind: 'topic', value: 'energy', channelId: energy, roleId: role });
  });
  afterAll(() => db.close());

  async function ingest(title: string, now: Date) {
    const facts = { countries: ['AZ'], topics: ['energy'] };
    const article = articleFixture({ feedId, title, text: `${title}, in Baku.`, ...facts });
    const stored = await storeArticle(db.prisma, article, newStory, { now, windowHours: 72 });
    if (stored.status !== 'stored') throw new Error('not stored');
    const audience = await loadAudience(db.prisma, feedId);
    const views = viewsForAudience(audience, facts, article);
    await planDeliveries(db.prisma, { storyId: stored.storyId, audience, articleCreatedAt: stored.createdAt, now, views });
    const deliveries = await db.prisma.delivery.findMany({ where: { storyId: stored.storyId }, orderBy: { channelId: 'asc' } });
    return { deliveries: deliveries.map((d) => [d.channelId, d.mentionRoleId]), tags: views.get(guild)!.tags.map((t) => t.name) };
  }

  it('routes a tag’s stories until it is banned, then neither routes nor pings for it, nor offers it to follows', async () => {
    const before = await ingest('Gas deal signed', new Date());
    expect(before.deliveries).toEqual([
      [news, null],
      [energy, role],
    ]);
    await banTag(db.prisma, guild, mod, { name: 'energy', label: 'Energy', kind: 'topic' }, new Date());
    const after = await ingest('Pipeline opens', new Date(Date.now() + 86_400_000));
    expect(after.deliveries).toEqual([[news, null]]);
    expect(after.tags).not.toContain('energy');
    expect(after.tags).toContain('azerbaijan');
  });
});
