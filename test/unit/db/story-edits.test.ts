// Moderators split an article out of a story and merge two stories: articles, facts, votes, tags, posts and the
// audit log end up where a reader expects, in one transaction each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { countHeldStories, heldStories } from '../../../src/db/held-posts.js';
import { articlesOfStory, gazetteActor, mergeStories, splitArticle } from '../../../src/db/story-edits.js';
import { loadStoryView } from '../../../src/db/story-views.js';
import { castVote } from '../../../src/db/votes.js';
import { isUserError } from '../../../src/errors.js';
import { rebuildCentroid } from '../../../src/pipeline/dedupe/story-choice.js';
import { createTestDatabase } from '../../helpers/db.js';
import { articleFixture, joinStory, newStory } from '../../helpers/fixtures.js';

const guild = '100000000000000051';
const other = '100000000000000052';
const mod = '200000000000000051';
const now = new Date('2026-03-01T12:00:00Z');
/** An instance whose servers' moderators trust each other: edits reach every server that has the story. */
const trusted = { guildId: guild, actorId: mod, now, acrossServers: true };

describe('story edits', () => {
  let db: Database;

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.prisma.guild.createMany({ data: [{ id: guild }, { id: other }] });
  });
  afterAll(() => db.close());

  /** A posted story in both guilds, made of these articles (the first leads). */
  async function postedStory(articles: { sourceName: string; title: string; countries: string[] }[]): Promise<{ storyId: number; articleIds: number[] }> {
    const ids: number[] = [];
    let storyId = 0;
    for (const [i, a] of articles.entries()) {
      const stored = await storeArticle(db.prisma, articleFixture({ ...a, text: `${a.title}. More about it.` }), i === 0 ? newStory : joinStory(storyId), { now, windowHours: 72 });
      if (stored.status !== 'stored') throw new Error('not stored');
      storyId = stored.storyId;
      ids.push(stored.articleId);
    }
    for (const [g, channel] of [[guild, '300000000000000051'], [other, '300000000000000052']] as const) {
      await db.prisma.guildStory.create({ data: { guildId: g, storyId, createdAt: now } });
      await db.prisma.delivery.create({ data: { storyId, guildId: g, channelId: channel, status: 'posted', messageId: '400000000000000051', nonce: `${storyId}-${g}` } });
    }
    return { storyId, articleIds: ids };
  }

  const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (isUserError(e) ? e.message : Promise.reject(e)));

  it('splits an article into a story of its own, posted where the old one was; votes and tags stay', async () => {
    const { storyId, articleIds } = await postedStory([
      { sourceName: 'OC Media', title: 'Brothers die after police raid in Yekaterinburg', countries: ['AZ', 'RU'] },
      { sourceName: 'Al Arabiya', title: 'Cambodia accuses Thailand at the border', countries: ['KH', 'TH'] },
    ]);
    await db.prisma.vote.create({ data: { guildId: guild, storyId, userId: 'u1', value: 4 } });
    const wrong = articleIds[1]!;

    expect(await refusal(splitArticle(db.prisma, { ...trusted, storyId, articleId: 999_999 }, rebuildCentroid))).toBe(`Story #${storyId} has no article #999999.`);
    const result = await splitArticle(db.prisma, { ...trusted, storyId, articleId: wrong }, rebuildCentroid);

    const old = await db.prisma.story.findUniqueOrThrow({ where: { id: storyId }, include: { articles: true, votes: true } });
    const split = await db.prisma.story.findUniqueOrThrow({ where: { id: result.newStoryId }, include: { articles: true } });
    expect(old.articles.map((a) => a.id)).toEqual([articleIds[0]]);
    expect(old).toMatchObject({ size: 1, countries: ['AZ', 'RU'] });
    expect(Object.keys(old.centroid as object)).toContain('yekaterinburg');
    expect(Object.keys(old.centroid as object)).not.toContain('cambodia');
    expect(old.votes.map((v) => v.userId)).toEqual(['u1']);
    expect(split).toMatchObject({ leadArticleId: wrong, title: 'Cambodia accuses Thailand at the border', countries: ['KH', 'TH'], size: 1 });
    // Both servers had the story: the split one is posted in both channels, and both old posts are edited.
    expect(result).toMatchObject({ posts: 2, edits: 2 });
    expect(await db.prisma.guildStory.count({ where: { storyId: result.newStoryId } })).toBe(2);
    expect(await db.prisma.delivery.count({ where: { storyId: result.newStoryId, status: 'pending' } })).toBe(2);
    expect(await db.prisma.delivery.count({ where: { storyId, editDueAt: { not: null } } })).toBe(2);
    expect(await db.prisma.auditLog.findMany({ where: { action: 'story.split' }, orderBy: { guildId: 'asc' }, select: { guildId: true, actorId: true, target: true, details: true } })).toEqual([
      { guildId: guild, actorId: mod, target: `story:${storyId}`, details: { article: wrong, newStory: result.newStoryId } },
      // The other server's moderators see who changed its posts, and from where.
      { guildId: other, actorId: mod, target: `story:${storyId}`, details: { article: wrong, newStory: result.newStoryId, server: guild } },
    ]);
    // A story of one article has nothing to split from.
    expect(await refusal(splitArticle(db.prisma, { ...trusted, storyId, articleId: articleIds[0]! }, rebuildCentroid))).toMatch(/only that article/);
  });

  it('refuses to split or merge a story another server has, unless the operator allows it', async () => {
    const shared = await postedStory([
      { sourceName: 'Reuters', title: 'Pipeline talks resume in Baku', countries: ['AZ'] },
      { sourceName: 'AP', title: 'Cyclone nears the coast of Myanmar', countries: ['MM'] },
    ]);
    const own = await storeArticle(db.prisma, articleFixture({ title: 'Museum reopens in Gyumri', text: 'Museum reopens in Gyumri. More.' }), newStory, { now, windowHours: 72 });
    if (own.status !== 'stored') throw new Error('not stored');
    await db.prisma.guildStory.create({ data: { guildId: guild, storyId: own.storyId, createdAt: now } });
    const here = { guildId: guild, actorId: mod, now };
    const before = await db.prisma.auditLog.count();

    expect(await refusal(splitArticle(db.prisma, { ...here, storyId: shared.storyId, articleId: shared.articleIds[1]! }, rebuildCentroid))).toMatch(
      new RegExp(`^Story #${shared.storyId} is also shown in another server .*STORY_EDITS_ACROSS_SERVERS`),
    );
    expect(await refusal(mergeStories(db.prisma, { ...here, fromId: own.storyId, intoId: shared.storyId }, rebuildCentroid))).toMatch(/is also shown in another server/);
    expect(await db.prisma.article.count({ where: { storyId: shared.storyId } })).toBe(2);
    expect(await db.prisma.story.findUniqueOrThrow({ where: { id: own.storyId } })).toMatchObject({ mergedIntoId: null, size: 1 });
    expect(await db.prisma.auditLog.count()).toBe(before);
  });

  it('gives a story split out of an older one the time its article was first seen', async () => {
    const { storyId, articleIds } = await postedStory([
      { sourceName: 'OC Media', title: 'Border talks stall again', countries: ['AM'] },
      { sourceName: 'Eurasianet', title: 'Glacier melt floods a village', countries: ['GE'] },
    ]);
    const later = new Date(now.getTime() + 3 * 86_400_000);
    const { newStoryId } = await splitArticle(db.prisma, { ...trusted, now: later, storyId, articleId: articleIds[1]! }, rebuildCentroid);
    const split = await db.prisma.story.findUniqueOrThrow({ where: { id: newStoryId } });
    // Lists by period read first ≤ last: a split story first seen "now" with an older last article fell out of them.
    expect(split.firstSeenAt.getTime()).toBeLessThanOrEqual(split.lastArticleAt.getTime());
  });

  it('rebuilds a split story’s centroid from an article’s summary once retention emptied its text', async () => {
    const { storyId, articleIds } = await postedStory([
      { sourceName: 'OC Media', title: 'Parliament debates the budget', countries: ['AM'] },
      { sourceName: 'Eurasianet', title: 'A village is flooded', countries: ['GE'] },
    ]);
    await db.prisma.article.update({ where: { id: articleIds[1]! }, data: { text: '', summary: 'Glacier meltwater flooded Mestia overnight.' } });
    const { newStoryId } = await splitArticle(db.prisma, { ...trusted, storyId, articleId: articleIds[1]! }, rebuildCentroid);
    const { centroid } = await db.prisma.story.findUniqueOrThrow({ where: { id: newStoryId }, select: { centroid: true } });
    // Its terms: the headline's and the summary's (a centroid maps each term to its weight and article count).
    expect(Object.keys(centroid as Record<string, [number, number]>)).toEqual(expect.arrayContaining(['mestia']));
  });

  it('keeps a story merged into and then split back first seen no later than its last article', async () => {
    const older = await postedStory([{ sourceName: 'OC Media', title: 'Quarry dispute reaches court', countries: ['AM'] }]);
    // Ten days on, another story; the older one is merged into it, and the newer one's own article split out again.
    const later = new Date(now.getTime() + 10 * 86_400_000);
    const stored = await storeArticle(db.prisma, articleFixture({ sourceName: 'JAMnews', title: 'Villagers block quarry road', text: 'Villagers block quarry road. More about it.', countries: ['AM'] }), newStory, { now: later, windowHours: 72 });
    if (stored.status !== 'stored') throw new Error('not stored');
    await db.prisma.guildStory.create({ data: { guildId: guild, storyId: stored.storyId, createdAt: later } });
    await mergeStories(db.prisma, { ...trusted, now: later, fromId: older.storyId, intoId: stored.storyId }, rebuildCentroid);
    await splitArticle(db.prisma, { ...trusted, now: later, storyId: stored.storyId, articleId: stored.articleId }, rebuildCentroid);
    const kept = await db.prisma.story.findUniqueOrThrow({ where: { id: stored.storyId } });
    expect(kept.firstSeenAt.getTime()).toBeLessThanOrEqual(kept.lastArticleAt.getTime());
  });

  it('merges a story into another: articles, votes, tags and posts follow; a member voting on both keeps one vote', async () => {
    const a = await postedStory([{ sourceName: 'Reuters', title: 'Ceasefire agreed in the south', countries: ['AM'] }]);
    const b = await postedStory([{ sourceName: 'AP', title: 'Both sides sign a ceasefire', countries: ['AZ'] }]);
    await db.prisma.vote.createMany({
      data: [
        { guildId: guild, storyId: a.storyId, userId: 'both', value: 1 },
        { guildId: guild, storyId: b.storyId, userId: 'both', value: 5 },
        { guildId: guild, storyId: a.storyId, userId: 'only-a', value: 3 },
      ],
    });
    await db.prisma.guildStory.updateMany({ where: { guildId: guild, storyId: b.storyId }, data: { voteCount: 1, voteSum: 5 } });
    const tag = await db.prisma.tag.create({ data: { guildId: guild, name: 'ceasefire', label: 'ceasefire', kind: 'member' } });
    await db.prisma.storyTag.create({ data: { guildId: guild, storyId: a.storyId, tagId: tag.id } });

    expect(await refusal(mergeStories(db.prisma, { ...trusted, fromId: a.storyId, intoId: a.storyId }, rebuildCentroid))).toBe('Those are the same story.');
    const result = await mergeStories(db.prisma, { ...trusted, fromId: a.storyId, intoId: b.storyId }, rebuildCentroid);

    expect(result.articles).toBe(1);
    const kept = await db.prisma.story.findUniqueOrThrow({ where: { id: b.storyId }, include: { articles: true, votes: { orderBy: { userId: 'asc' } }, tags: true } });
    expect(kept.articles).toHaveLength(2);
    expect(kept).toMatchObject({ size: 2, countries: ['AZ', 'AM'] });
    expect(kept.votes.map((v) => [v.userId, v.value])).toEqual([['both', 5], ['only-a', 3]]);
    expect(kept.tags.map((t) => t.tagId)).toEqual([tag.id]);
    expect(await db.prisma.guildStory.findUniqueOrThrow({ where: { guildId_storyId: { guildId: guild, storyId: b.storyId } } })).toMatchObject({ voteCount: 2, voteSum: 8, score: (9 + 8) / (3 + 2) });
    // The merged-away story's posts now show the kept story, and it is gone from the server's lists.
    expect((await loadStoryView(db.prisma, guild, a.storyId))?.id).toBe(b.storyId);
    expect(await db.prisma.guildStory.count({ where: { storyId: a.storyId } })).toBe(0);
    expect(await db.prisma.delivery.count({ where: { storyId: { in: [a.storyId, b.storyId] }, editDueAt: { not: null } } })).toBe(4);
    expect(result.edits).toBe(4);
    expect(await refusal(mergeStories(db.prisma, { ...trusted, fromId: a.storyId, intoId: b.storyId }, rebuildCentroid))).toBe(`There is no story #${a.storyId} in this server.`);
    expect(await db.prisma.auditLog.findFirst({ where: { action: 'story.merge', target: `story:${a.storyId}` } })).toMatchObject({ target: `story:${a.storyId}`, details: { into: b.storyId, articles: 1 } });
  });

  it('moves a planned post to the kept story where that story’s own post there was never made', async () => {
    const a = await postedStory([{ sourceName: 'Eurasianet', title: 'Dam talks resume on the Vakhsh', countries: ['TJ'] }]);
    const b = await postedStory([{ sourceName: 'RFE/RL', title: 'Rogun dam negotiations restart', countries: ['TJ'] }]);
    const channel = '300000000000000058';
    await db.prisma.delivery.create({ data: { storyId: b.storyId, guildId: guild, channelId: channel, nonce: `${b.storyId}-never`, status: 'failed', lastError: 'Discord could not take this post' } });
    await db.prisma.delivery.create({ data: { storyId: a.storyId, guildId: guild, channelId: channel, nonce: `${a.storyId}-planned` } });
    await mergeStories(db.prisma, { ...trusted, fromId: a.storyId, intoId: b.storyId }, rebuildCentroid);
    expect(await db.prisma.delivery.findMany({ where: { guildId: guild, channelId: channel }, select: { storyId: true, status: true } })).toEqual([{ storyId: b.storyId, status: 'pending' }]);
  });

  it('keeps a story the hourly limit held back listed for the digest once it is merged into another', async () => {
    // Each held at its own time: the moved rows keep theirs, so the kept story has rows of several times.
    const held = async (title: string, channelIds: string[], minutesAgo: number) => {
      const stored = await storeArticle(db.prisma, articleFixture({ title }), newStory, { now, windowHours: 72 });
      if (stored.status !== 'stored') throw new Error('not stored');
      await db.prisma.guildStory.create({ data: { guildId: guild, storyId: stored.storyId, createdAt: now } });
      const createdAt = new Date(now.getTime() - minutesAgo * 60_000);
      for (const channelId of channelIds) await db.prisma.heldPost.create({ data: { guildId: guild, storyId: stored.storyId, channelId, createdAt } });
      return stored.storyId;
    };
    const since = new Date(now.getTime() - 60 * 60_000);
    const before = await countHeldStories(db.prisma, guild, since);
    const kept = await held('Grain corridor reopens', ['300000000000000055'], 30);
    const away = await held('Grain ships leave Odesa again', ['300000000000000054'], 20);
    const alsoHeld = await held('Grain corridor: first ships', ['300000000000000053'], 10);
    await mergeStories(db.prisma, { ...trusted, fromId: away, intoId: kept }, rebuildCentroid);
    await mergeStories(db.prisma, { ...trusted, fromId: alsoHeld, intoId: kept }, rebuildCentroid);
    // Listed and counted once, as the kept story.
    const listed = (await heldStories(db.prisma, guild, since, 25)).filter((h) => [kept, away, alsoHeld].includes(h.id));
    expect(listed.map((h) => [h.id, h.channelId])).toEqual([[kept, '300000000000000053']]); // as its newest hold
    expect(await countHeldStories(db.prisma, guild, since)).toBe(before + 1);
  });

  it('keeps the later hold where both merged stories were held in one channel: the earlier may be in a digest already', async () => {
    const channelId = '300000000000000056';
    const held = async (title: string, at: Date) => {
      const stored = await storeArticle(db.prisma, articleFixture({ title }), newStory, { now, windowHours: 72 });
      if (stored.status !== 'stored') throw new Error('not stored');
      await db.prisma.guildStory.create({ data: { guildId: guild, storyId: stored.storyId, createdAt: now } });
      await db.prisma.heldPost.create({ data: { guildId: guild, storyId: stored.storyId, channelId, createdAt: at } });
      return stored.storyId;
    };
    const yesterday = new Date(now.getTime() - 24 * 3_600_000);
    const kept = await held('Tariff talks open in Ankara', yesterday);
    const away = await held('Tariff talks: a second round', now);
    await mergeStories(db.prisma, { ...trusted, fromId: away, intoId: kept }, rebuildCentroid);
    // The digest posted an hour after yesterday's hold lists what was held since: the merged story's later hold.
    const listed = await heldStories(db.prisma, guild, new Date(yesterday.getTime() + 3_600_000), 25);
    expect(listed.map((h) => h.id)).toContain(kept);
  });

  it('edits stories shared only with a server Gazette was removed from, without asking the operator', async () => {
    const shared = await postedStory([
      { sourceName: 'Reuters', title: 'Dam project approved in Laos', countries: ['LA'] },
      { sourceName: 'AP', title: 'Election results in Mongolia', countries: ['MN'] },
    ]);
    await db.prisma.guild.update({ where: { id: other }, data: { leftAt: now } });
    try {
      const { newStoryId } = await splitArticle(db.prisma, { guildId: guild, actorId: mod, now, storyId: shared.storyId, articleId: shared.articleIds[1]! }, rebuildCentroid);
      // Posted again where it was in this server only: nothing is sent to the server Gazette left.
      expect(await db.prisma.delivery.findMany({ where: { storyId: newStoryId }, select: { guildId: true } })).toEqual([{ guildId: guild }]);
      // Nor where edits may reach every server (STORY_EDITS_ACROSS_SERVERS).
      const again = await postedStory([
        { sourceName: 'Reuters', title: 'Bridge opens over the Mekong', countries: ['KH'] },
        { sourceName: 'AP', title: 'Typhoon season ends in Luzon', countries: ['PH'] },
      ]);
      const split = await splitArticle(db.prisma, { ...trusted, storyId: again.storyId, articleId: again.articleIds[1]! }, rebuildCentroid);
      expect(await db.prisma.delivery.findMany({ where: { storyId: split.newStoryId }, select: { guildId: true } })).toEqual([{ guildId: guild }]);
    } finally {
      await db.prisma.guild.update({ where: { id: other }, data: { leftAt: null } });
    }
  });

  it('offers every article of a large story to split out, not only its first 25', async () => {
    const { storyId, articleIds } = await postedStory(Array.from({ length: 30 }, (_, i) => ({ sourceName: `Outlet ${i}`, title: `Flood report number ${i} from the delta`, countries: ['VN'] })));
    const offered = await articlesOfStory(db.prisma, guild, storyId);
    expect(offered.map((a) => a.id)).toEqual(articleIds);
  });

  it('merges the stories a new article shows to be one while storing it: into the older, posts kept or moved, audited', async () => {
    const older = await postedStory([{ sourceName: 'Reuters', title: 'Exchange files for bankruptcy', countries: ['JP'] }]);
    const newer = await postedStory([{ sourceName: 'AP', title: 'Bitcoin exchange collapses', countries: ['US'] }]);
    // The newer story was also planned for a channel the older one never reached, and voted on.
    const elsewhere = '300000000000000059';
    await db.prisma.delivery.create({ data: { storyId: newer.storyId, guildId: guild, channelId: elsewhere, nonce: `${newer.storyId}-elsewhere` } });
    await db.prisma.vote.create({ data: { guildId: guild, storyId: newer.storyId, userId: 'voter', value: 4 } });
    const bridge = await storeArticle(db.prisma, articleFixture({ sourceName: 'BBC', title: 'Bitcoin exchange files for bankruptcy after collapse', countries: ['JP'] }), async (terms) => ({
      storyId: older.storyId,
      centroid: { bitcoin: [2, 3] },
      lookupTerms: Object.keys(terms),
      merge: [newer.storyId],
    }), { now, windowHours: 72 });
    expect(bridge).toMatchObject({ status: 'stored', storyId: older.storyId, story: { countries: expect.arrayContaining(['JP', 'US']) } });

    const kept = await db.prisma.story.findUniqueOrThrow({ where: { id: older.storyId }, include: { articles: true, votes: true } });
    expect(kept.articles.map((a) => a.id).sort()).toEqual([...older.articleIds, ...newer.articleIds, bridge.articleId].sort());
    expect(kept).toMatchObject({ size: 3, centroid: { bitcoin: [2, 3] } });
    expect(kept.votes.map((v) => [v.userId, v.value])).toEqual([['voter', 4]]);
    expect(await db.prisma.story.findUniqueOrThrow({ where: { id: newer.storyId } })).toMatchObject({ mergedIntoId: older.storyId, size: 0 });
    // Its own posts stay where both stories were posted; the planned post elsewhere is now the kept story's.
    expect(await db.prisma.delivery.findFirst({ where: { guildId: guild, channelId: elsewhere } })).toMatchObject({ storyId: older.storyId, status: 'pending' });
    expect(await db.prisma.delivery.count({ where: { storyId: { in: [older.storyId, newer.storyId] }, status: 'posted', editDueAt: { not: null } } })).toBe(4);
    const audit = await db.prisma.auditLog.findMany({ where: { actorId: gazetteActor, target: `story:${newer.storyId}` }, orderBy: { guildId: 'asc' } });
    expect(audit.map((a) => [a.guildId, a.action, a.details])).toEqual([
      [guild, 'story.merge', { into: older.storyId, articles: 1, converged: true }],
      [other, 'story.merge', { into: older.storyId, articles: 1, converged: true }],
    ]);
  });

  it('where the merged-away story is posted and the kept one only planned, the post made stands for both', async () => {
    const kept = await postedStory([{ sourceName: 'Reuters', title: 'Dam breach floods valley towns', countries: ['GE'] }]);
    const away = await postedStory([{ sourceName: 'AP', title: 'Valley towns flooded after dam fails', countries: ['GE'] }]);
    // In a third channel the merged-away story is posted and the kept one waits to be; in a fourth the kept one's post is
    // being sent (claimed) and stays; in a fifth it waits for a retry after an attempt whose answer was lost (its forum
    // thread may exist), and stays too, for the retry to find and update it.
    const [posted, sending, retrying] = ['300000000000000061', '300000000000000062', '300000000000000063'];
    await db.prisma.delivery.createMany({
      data: [
        { storyId: away.storyId, guildId: guild, channelId: posted, status: 'posted', messageId: '400000000000000061', nonce: `${away.storyId}-61` },
        { storyId: kept.storyId, guildId: guild, channelId: posted, nonce: `${kept.storyId}-61` },
        { storyId: away.storyId, guildId: guild, channelId: sending, status: 'posted', messageId: '400000000000000062', nonce: `${away.storyId}-62` },
        { storyId: kept.storyId, guildId: guild, channelId: sending, nonce: `${kept.storyId}-62`, claimedBy: 'worker', claimedAt: now },
        { storyId: away.storyId, guildId: guild, channelId: retrying, status: 'posted', messageId: '400000000000000063', nonce: `${away.storyId}-63` },
        { storyId: kept.storyId, guildId: guild, channelId: retrying, nonce: `${kept.storyId}-63`, attempts: 1, lastError: 'Discord answered 502.' },
      ],
    });
    await mergeStories(db.prisma, { ...trusted, fromId: away.storyId, intoId: kept.storyId }, rebuildCentroid);
    const inChannel = (channelId: string) => db.prisma.delivery.findMany({ where: { channelId }, select: { storyId: true, status: true, messageId: true }, orderBy: { id: 'asc' } });
    expect(await inChannel(posted)).toEqual([{ storyId: kept.storyId, status: 'posted', messageId: '400000000000000061' }]);
    expect(await inChannel(sending)).toEqual([
      { storyId: away.storyId, status: 'posted', messageId: '400000000000000062' },
      { storyId: kept.storyId, status: 'pending', messageId: null },
    ]);
    expect(await inChannel(retrying)).toEqual([
      { storyId: away.storyId, status: 'posted', messageId: '400000000000000063' },
      { storyId: kept.storyId, status: 'pending', messageId: null },
    ]);
  });

  it('keeps the merged-away story’s post a worker is sending, for its edit, and moves its waiting alerts', async () => {
    const kept = await postedStory([{ sourceName: 'Reuters', title: 'Port strike halts grain exports', countries: ['GE'] }]);
    const away = await postedStory([{ sourceName: 'AP', title: 'Grain exports stop as port workers strike', countries: ['GE'] }]);
    const channel = '300000000000000071';
    await db.prisma.delivery.createMany({
      data: [
        { storyId: away.storyId, guildId: guild, channelId: channel, nonce: `${away.storyId}-71`, claimedBy: 'worker', claimedAt: now },
        { storyId: kept.storyId, guildId: guild, channelId: channel, nonce: `${kept.storyId}-71` },
      ],
    });
    const [member, both] = ['500000000000000071', '500000000000000072'];
    await db.prisma.pendingAlert.createMany({ data: [{ userId: member, guildId: guild, storyId: away.storyId }, { userId: both, guildId: guild, storyId: away.storyId }, { userId: both, guildId: guild, storyId: kept.storyId }] });
    const article = await db.prisma.article.findFirstOrThrow({ where: { storyId: away.storyId } });
    await db.prisma.queuedStory.create({ data: { guildId: other, storyId: away.storyId, articleId: article.id, countries: ['GE'] } });
    const dmed = '500000000000000073';
    await db.prisma.sentAlert.create({ data: { userId: dmed, storyId: away.storyId, sentAt: now } });
    // Owed the kept story, sent the merged-away one, and the other way round: both heard of the merged story already.
    const [owedKept, owedAway] = ['500000000000000074', '500000000000000075'];
    await db.prisma.pendingAlert.createMany({ data: [{ userId: owedKept, guildId: guild, storyId: kept.storyId }, { userId: owedAway, guildId: guild, storyId: away.storyId }] });
    await db.prisma.sentAlert.createMany({ data: [{ userId: owedKept, storyId: away.storyId, sentAt: now }, { userId: owedAway, storyId: kept.storyId, sentAt: now }] });
    // The same story queued for the other server by another article, in the same round.
    const keptArticle = await db.prisma.article.findFirstOrThrow({ where: { storyId: kept.storyId } });
    await db.prisma.queuedStory.create({ data: { guildId: other, storyId: kept.storyId, articleId: keptArticle.id, countries: ['GE'] } });

    await mergeStories(db.prisma, { ...trusted, fromId: away.storyId, intoId: kept.storyId }, rebuildCentroid);
    expect(await db.prisma.pendingAlert.count({ where: { userId: { in: [owedKept, owedAway] } } })).toBe(0);

    // The post being sent is made and recorded on its row, then edited (its refresh is due).
    const sending = await db.prisma.delivery.findFirstOrThrow({ where: { channelId: channel, storyId: away.storyId } });
    expect(sending).toMatchObject({ claimedBy: 'worker', status: 'pending', editDueAt: now });
    const alerts = await db.prisma.pendingAlert.findMany({ where: { userId: { in: [member, both] } }, orderBy: { userId: 'asc' } });
    expect(alerts.map((a) => [a.userId, a.storyId])).toEqual([[member, kept.storyId], [both, kept.storyId]]);
    // Both articles' facts wait for the kept story's followers there (one row a story dropped the merged-away one's).
    const queued = await db.prisma.queuedStory.findMany({ where: { guildId: other }, select: { storyId: true, articleId: true }, orderBy: { articleId: 'asc' } });
    expect(queued).toEqual([{ storyId: kept.storyId, articleId: keptArticle.id }, { storyId: kept.storyId, articleId: article.id }].sort((a, b) => a.articleId - b.articleId));
    // A member DMed about the emptied story was DMed about the merged one: not again when it reaches another server.
    expect(await db.prisma.sentAlert.findMany({ where: { userId: dmed }, select: { storyId: true }, orderBy: { storyId: 'asc' } })).toEqual([{ storyId: kept.storyId }, { storyId: away.storyId }].sort((a, b) => a.storyId - b.storyId));
    // The emptied story's post keeps its vote buttons until its edit lands: a vote there counts for the kept story.
    const vote = await castVote(db.prisma, { guildId: guild, storyId: away.storyId, userId: member, value: 5, now, editDelayMs: 0 });
    expect(vote).toMatchObject({ storyId: kept.storyId, value: 5 });
    expect(await db.prisma.vote.count({ where: { userId: member, storyId: kept.storyId } })).toBe(1);
  });

  it('after a split or a merge, a new article sharing terms finds the story its article is in now', async () => {
    // What the story model is offered as candidates for an article with these terms (it then starts a story).
    const candidatesFor = async (terms: Record<string, number>) => {
      let found: number[] = [];
      await storeArticle(db.prisma, articleFixture({ terms }), async (t, index) => {
        found = (await index.candidates(Object.keys(t))).map((c) => c.id).sort((x, y) => x - y);
        return { storyId: null, centroid: {}, lookupTerms: [] };
      }, { now, windowHours: 72 });
      return found;
    };
    const first = await storeArticle(db.prisma, articleFixture({ terms: { quarri: 1, strike: 1 } }), newStory, { now, windowHours: 72 });
    if (first.status !== 'stored') throw new Error('not stored');
    const second = await storeArticle(db.prisma, articleFixture({ terms: { glacier: 1, melt: 1 } }), joinStory(first.storyId), { now, windowHours: 72 });
    if (second.status !== 'stored') throw new Error('not stored');
    await db.prisma.guildStory.create({ data: { guildId: guild, storyId: first.storyId, createdAt: now } });

    const { newStoryId } = await splitArticle(db.prisma, { ...trusted, storyId: first.storyId, articleId: second.articleId }, rebuildCentroid);
    expect(await candidatesFor({ glacier: 1 })).toEqual([newStoryId]);
    expect(await candidatesFor({ quarri: 1 })).toEqual([first.storyId]);

    await mergeStories(db.prisma, { ...trusted, fromId: newStoryId, intoId: first.storyId }, rebuildCentroid);
    expect(await candidatesFor({ glacier: 1 })).toEqual([first.storyId]);
  });
});
