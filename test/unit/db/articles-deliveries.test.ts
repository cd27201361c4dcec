import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle, type PlaceArticle } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { loadAudience, planDeliveries } from '../../../src/db/deliveries.js';
import { addRoute } from '../../../src/db/routes.js';
import { addSource } from '../../../src/db/sources.js';
import { createTestDatabase } from '../../helpers/db.js';
import { articleFixture, joinStory, newStory } from '../../helpers/fixtures.js';

const guild = '100000000000000011';
const mod = '200000000000000011';
const opts = () => ({ now: new Date(), windowHours: 72 });

describe('storing articles', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('never stores the same article twice: by URL, by guid in a feed, by content hash', async () => {
    const feed = await db.prisma.feed.create({ data: { url: 'https://dup.example/rss', kind: 'feed' } });
    const first = await storeArticle(db.prisma, articleFixture({ feedId: feed.id, guid: 'g-1', contentHash: 'h-1' }), newStory, opts());
    expect(first).toMatchObject({ status: 'stored', newStory: true });
    const byGuid = await storeArticle(db.prisma, articleFixture({ feedId: feed.id, guid: 'g-1' }), newStory, opts());
    const byHash = await storeArticle(db.prisma, articleFixture({ contentHash: 'h-1' }), newStory, opts());
    const byUrl = await storeArticle(db.prisma, articleFixture({ url: 'https://news.example/dup' }), newStory, opts());
    const byUrlAgain = await storeArticle(db.prisma, articleFixture({ url: 'https://news.example/dup' }), newStory, opts());
    expect(byGuid).toMatchObject({ status: 'duplicate', articleId: (first as { articleId: number }).articleId });
    expect(byHash).toMatchObject({ status: 'duplicate', articleId: (first as { articleId: number }).articleId });
    expect(byUrl.status).toBe('stored');
    expect(byUrlAgain.status).toBe('duplicate');
  });

  // A story model that records what storage offers it and joins the first candidate.
  const offering = (seen: { ids: number[]; documents: number; frequency: number }): PlaceArticle => async (terms, index) => {
    const stats = await index.stats(Object.keys(terms));
    seen.documents = stats.documents;
    seen.frequency = stats.frequency('sputnik');
    const candidates = await index.candidates(Object.keys(terms));
    seen.ids = candidates.map((c) => c.id);
    return { storyId: candidates[0]?.id ?? null, centroid: { sputnik: [1, 2] }, lookupTerms: Object.keys(terms) };
  };

  it('offers stories sharing a lookup term as candidates, counts terms, joins the one chosen, and merges its tags', async () => {
    const lead = await storeArticle(db.prisma, articleFixture({ countries: ['AZ', 'RU'], topics: ['diplomacy'], terms: { yekaterinburg: 1, sputnik: 1 } }), newStory, opts());
    const unrelated = await storeArticle(db.prisma, articleFixture({ countries: ['AZ'], terms: { cop29: 1 } }), newStory, opts());
    const seen = { ids: [] as number[], documents: 0, frequency: 0 };
    const second = await storeArticle(
      db.prisma,
      articleFixture({ countries: ['AZ', 'AM'], topics: ['conflict'], sourceName: 'Al Jazeera', terms: { sputnik: 1, kremlin: 1 } }),
      offering(seen),
      opts(),
    );
    const offered = seen.ids;
    expect(seen.frequency).toBe(1);
    expect(seen.documents).toBeGreaterThanOrEqual(2);
    expect(lead.status === 'stored' && offered).toEqual([lead.storyId]);
    expect(offered).not.toContain(unrelated.storyId);
    expect(second).toMatchObject({ status: 'stored', newStory: false });
    const story = await db.prisma.story.findUniqueOrThrow({ where: { id: (second as { storyId: number }).storyId }, include: { articles: true } });
    expect(story.articles).toHaveLength(2);
    expect(story.countries).toEqual(['AZ', 'RU', 'AM']);
    expect(story.topics).toEqual(['diplomacy', 'conflict']);
    expect(story.size).toBe(2);
    expect(story.centroid).toEqual({ sputnik: [1, 2] });
    // Term counts are written every few dozen articles (PendingTermCounts); the next article counts both all the same.
    const third = { ids: [] as number[], documents: 0, frequency: 0 };
    await storeArticle(db.prisma, articleFixture({ terms: { sputnik: 1 } }), offering(third), opts());
    expect(third.frequency).toBe(2);
  });

  it('offers no candidates outside the clustering window', async () => {
    const old = new Date(Date.now() - 100 * 3600_000);
    await storeArticle(db.prisma, articleFixture({ countries: ['KH'], terms: { manet: 1 } }), newStory, { now: old, windowHours: 72 });
    const seen = { ids: [] as number[], documents: 0, frequency: 0 };
    await storeArticle(db.prisma, articleFixture({ countries: ['KH'], terms: { manet: 1 } }), offering(seen), opts());
    expect(seen.ids).toHaveLength(0);
    await storeArticle(db.prisma, articleFixture({ countries: ['KH'], terms: { manet: 1 } }), offering(seen), opts());
    expect(seen.ids).toHaveLength(1);
  });
});

describe('planning deliveries', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('posts a new story to the source channel and routed channels, and edits instead when another outlet joins', async () => {
    const source = await addSource(db.prisma, { guildId: guild, actorId: mod, url: 'https://plan.example/rss', kind: 'feed', channelId: '300000000000000011', intervalMinutes: 15 });
    await addRoute(db.prisma, guild, mod, { kind: 'region', value: 'south-caucasus', channelId: '300000000000000012' });
    await addRoute(db.prisma, guild, mod, { kind: 'region', value: 'southeast-asia', channelId: '300000000000000013' });
    const views = new Map([[guild, { regions: ['south-caucasus'], tags: [{ name: 'azerbaijan', label: 'Azerbaijan', kind: 'country' as const }], countries: ['AZ'] }]]);
    const stored = await storeArticle(db.prisma, articleFixture({ feedId: source.feedId }), newStory, opts());
    if (stored.status !== 'stored') throw new Error('not stored');
    const article = await db.prisma.article.findUniqueOrThrow({ where: { id: stored.articleId } });
    const planned = await planDeliveries(db.prisma, { storyId: stored.storyId, audience: await loadAudience(db.prisma, source.feedId), articleCreatedAt: article.createdAt, now: new Date(), views });
    expect(planned.map((p) => [p.channelId, p.action]).sort()).toEqual([['300000000000000011', 'post'], ['300000000000000012', 'post']]);
    const again = await planDeliveries(db.prisma, { storyId: stored.storyId, audience: await loadAudience(db.prisma, source.feedId), articleCreatedAt: article.createdAt, now: new Date(), views });
    expect(again).toEqual([]); // nothing posted yet, so nothing to edit, and no second delivery
    await db.prisma.delivery.updateMany({ where: { storyId: stored.storyId }, data: { status: 'posted', messageId: '1' } });
    const joined = await planDeliveries(db.prisma, { storyId: stored.storyId, audience: await loadAudience(db.prisma, source.feedId), articleCreatedAt: new Date(), now: new Date(), views });
    expect(joined.map((p) => p.action)).toEqual(['edit', 'edit']);
    expect(await db.prisma.delivery.count({ where: { storyId: stored.storyId } })).toBe(2);
    const tags = await db.prisma.storyTag.findMany({ where: { guildId: guild, storyId: stored.storyId }, include: { tag: true } });
    expect(tags.map((t) => t.tag.name)).toEqual(['azerbaijan']);
  });

  it('tags a story again in the guilds that had it only when an article changes its countries or topics', async () => {
    const [first, second] = ['100000000000000021', '100000000000000022'];
    const url = 'https://retag.example/rss';
    const source = await addSource(db.prisma, { guildId: first, actorId: mod, url, kind: 'feed', channelId: '300000000000000021', intervalMinutes: 15 });
    const tag = (name: string, kind: 'country' | 'topic' = 'country') => ({ name, label: name, kind });
    const viewsOf = (names: string[]) => new Map([first, second].map((g) => [g, { regions: [], tags: names.map((n) => tag(n)), countries: [] }]));
    const tagsOf = async (guildId: string, storyId: number) =>
      (await db.prisma.storyTag.findMany({ where: { guildId, storyId }, include: { tag: true } })).map((t) => t.tag.name).sort();
    const plan = async (stored: Awaited<ReturnType<typeof storeArticle>>, names: string[]) => {
      if (stored.status !== 'stored') throw new Error('not stored');
      const input = { storyId: stored.storyId, audience: await loadAudience(db.prisma, source.feedId), articleCreatedAt: stored.createdAt, now: new Date(), views: viewsOf(names) };
      return planDeliveries(db.prisma, { ...input, factsChanged: stored.factsChanged });
    };

    const lead = await storeArticle(db.prisma, articleFixture({ feedId: source.feedId, countries: ['AZ', 'RU'] }), newStory, opts());
    if (lead.status !== 'stored') throw new Error('not stored');
    expect(lead.factsChanged).toBe(true);
    await plan(lead, ['azerbaijan', 'russia']);
    expect(await tagsOf(first, lead.storyId)).toEqual(['azerbaijan', 'russia']);
    // A moderator takes one off; a second guild follows the feed.
    await db.prisma.storyTag.deleteMany({ where: { guildId: first, storyId: lead.storyId, tag: { name: 'russia' } } });
    await addSource(db.prisma, { guildId: second, actorId: mod, url, kind: 'feed', channelId: '300000000000000022', intervalMinutes: 15 });

    // Another outlet with the same countries: the new guild gets every tag, the first keeps its own choice.
    const same = await storeArticle(db.prisma, articleFixture({ feedId: source.feedId, countries: ['RU', 'AZ'] }), joinStory(lead.storyId), opts());
    expect(same).toMatchObject({ status: 'stored', newStory: false, factsChanged: false });
    expect((await plan(same, ['azerbaijan', 'russia'])).map((p) => [p.guildId, p.action])).toEqual([[second, 'post']]);
    expect(await tagsOf(second, lead.storyId)).toEqual(['azerbaijan', 'russia']);
    expect(await tagsOf(first, lead.storyId)).toEqual(['azerbaijan']);

    // One that names a new country: both guilds are tagged with the story's tags again.
    const more = await storeArticle(db.prisma, articleFixture({ feedId: source.feedId, countries: ['AM'] }), joinStory(lead.storyId), opts());
    expect(more).toMatchObject({ status: 'stored', factsChanged: true });
    await plan(more, ['azerbaijan', 'russia', 'armenia']);
    for (const g of [first, second]) expect(await tagsOf(g, lead.storyId)).toEqual(['armenia', 'azerbaijan', 'russia']);

    // A source with default tags tags what arrives through it, whatever the facts.
    await db.prisma.storyTag.deleteMany({ where: { guildId: first, storyId: lead.storyId, tag: { name: 'russia' } } });
    await db.prisma.source.update({ where: { id: source.id }, data: { tags: ['Energy'] } });
    const viaDefaults = await storeArticle(db.prisma, articleFixture({ feedId: source.feedId, countries: ['AZ'] }), joinStory(lead.storyId), opts());
    expect(viaDefaults).toMatchObject({ status: 'stored', factsChanged: false });
    await plan(viaDefaults, ['azerbaijan', 'russia', 'armenia']);
    expect(await tagsOf(first, lead.storyId)).toEqual(['armenia', 'azerbaijan', 'russia']);
  });

  it('does not post items that were in the feed before the guild subscribed, except its backfill', async () => {
    const feed = await db.prisma.feed.create({ data: { url: 'https://old.example/rss', kind: 'feed' } });
    const before = await storeArticle(db.prisma, articleFixture({ feedId: feed.id }), newStory, opts());
    const source = await addSource(db.prisma, { guildId: guild, actorId: mod, url: feed.url, kind: 'feed', channelId: '300000000000000014', intervalMinutes: 15 });
    if (before.status !== 'stored') throw new Error('not stored');
    const createdAt = (await db.prisma.article.findUniqueOrThrow({ where: { id: before.articleId } })).createdAt;
    const none = await planDeliveries(db.prisma, { storyId: before.storyId, audience: await loadAudience(db.prisma, feed.id), articleCreatedAt: createdAt, now: new Date(), views: new Map() });
    expect(none).toEqual([]);
    const backfilled = await planDeliveries(db.prisma, { storyId: before.storyId, audience: await loadAudience(db.prisma, feed.id), articleCreatedAt: createdAt, now: new Date(), views: new Map(), backfillSourceIds: [source.id] });
    expect(backfilled).toHaveLength(1);
  });
});
