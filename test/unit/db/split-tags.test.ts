// A split sets each half's tags from its own articles (src/ingest/retag.ts, src/db/fact-tags.ts): the old story kept
// every tag the pipeline had set (a Yekaterinburg story still "Southeast Asia" once the Cambodian report was split
// out) and the new one had none, so lists by region or tag missed it. Members' own tags stay on the old story, and so
// does a tag the pipeline set for a reason a split cannot rebuild (a source of another feed that carried the story).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandQueuedStory } from '../../../src/db/alert-fanout.js';
import { storeArticle } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { splitArticle } from '../../../src/db/story-edits.js';
import { addFollow } from '../../../src/db/follows.js';
import { addMemberTag, removeStoryTag } from '../../../src/db/tags.js';
import { alertKeywords } from '../../../src/ingest/alert-keywords.js';
import { afterSplit } from '../../../src/ingest/retag.js';
import { rebuildCentroid } from '../../../src/pipeline/dedupe/story-choice.js';
import { createTestDatabase } from '../../helpers/db.js';
import { articleFixture, joinStory, newStory } from '../../helpers/fixtures.js';

const guild = '100000000000000181';
const [mod, member] = ['200000000000000181', '200000000000000182'];
const now = new Date('2026-03-01T12:00:00Z');

describe('the tags of a split story', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.prisma.guild.create({ data: { id: guild } });
  });
  afterAll(() => db.close());

  const tagsOf = async (storyId: number) => (await db.prisma.storyTag.findMany({ where: { guildId: guild, storyId }, include: { tag: true } })).map((l) => l.tag.name).sort();

  it('are each half’s own, and members’ tags stay with the old story', async () => {
    const raid = await storeArticle(db.prisma, articleFixture({ title: 'Brothers die after police raid in Yekaterinburg', countries: ['AZ', 'RU'], topics: [] }), newStory, { now, windowHours: 72 });
    const border = await storeArticle(db.prisma, articleFixture({ title: 'Cambodia accuses Thailand at the border', countries: ['KH', 'TH'] }), joinStory(raid.storyId!), { now, windowHours: 72 });
    const storyId = raid.storyId!;
    await db.prisma.guildStory.create({ data: { guildId: guild, storyId } });
    // The tags storing set (a member shared both here: no source), one a source of another feed gave it, and a
    // member's own.
    for (const [name, kind] of [['azerbaijan', 'country'], ['cambodia', 'country'], ['thailand', 'country'], ['south caucasus', 'region'], ['southeast asia', 'region'], ['energy', 'member']] as const) {
      const tag = await db.prisma.tag.create({ data: { guildId: guild, name, label: name, kind } });
      await db.prisma.storyTag.create({ data: { guildId: guild, storyId, tagId: tag.id } });
    }
    await addMemberTag(db.prisma, guild, storyId, member, { name: 'police violence', label: 'police violence', kind: 'member' }, { max: 10, windowMs: 60_000 }, now, now);

    const { newStoryId } = await splitArticle(db.prisma, { guildId: guild, actorId: mod, now, storyId, articleId: border.articleId }, rebuildCentroid, afterSplit);
    const old = await tagsOf(storyId);
    expect(old).toEqual(expect.arrayContaining(['azerbaijan', 'south caucasus', 'police violence', 'energy']));
    expect(old).not.toEqual(expect.arrayContaining(['cambodia']));
    expect(old).not.toContain('southeast asia');
    const split = await tagsOf(newStoryId);
    expect(split).toEqual(expect.arrayContaining(['cambodia', 'thailand', 'southeast asia']));
    expect(split).not.toContain('azerbaijan');
    expect(split).not.toContain('police violence');
  });

  it('leave a tag removed from the story off the new half too', async () => {
    const raid = await storeArticle(db.prisma, articleFixture({ url: 'https://split.example/raid', title: 'Police raid in Yekaterinburg', countries: ['RU'], topics: [] }), newStory, { now, windowHours: 72 });
    const strike = await storeArticle(db.prisma, articleFixture({ url: 'https://split.example/strike', title: 'Strike on a ship near Iran', countries: ['IR'], topics: [] }), joinStory(raid.storyId!), { now, windowHours: 72 });
    const storyId = raid.storyId!;
    await db.prisma.guildStory.create({ data: { guildId: guild, storyId } });
    // The country's tag, set by storing and then removed by a moderator.
    const iran = await db.prisma.tag.upsert({ where: { guildId_name: { guildId: guild, name: 'iran' } }, create: { guildId: guild, name: 'iran', label: 'Iran', kind: 'country' }, update: {} });
    await db.prisma.storyTag.create({ data: { guildId: guild, storyId, tagId: iran.id } });
    await removeStoryTag(db.prisma, guild, storyId, mod, 'iran', true, now);
    const { newStoryId } = await splitArticle(db.prisma, { guildId: guild, actorId: mod, now, storyId, articleId: strike.articleId }, rebuildCentroid, afterSplit);
    expect(await tagsOf(newStoryId)).not.toContain('iran');
    expect(await tagsOf(storyId)).not.toContain('iran');
  });

  it('tell the followers of what the split-off story is about, as of any story new to the server', async () => {
    const raid = await storeArticle(db.prisma, articleFixture({ url: 'https://split.example/raid-2', title: 'Police raid in Yekaterinburg again', countries: ['RU'], topics: [] }), newStory, { now, windowHours: 72 });
    const vote = await storeArticle(db.prisma, articleFixture({ url: 'https://split.example/vote', title: 'Cambodia holds a local vote', countries: ['KH'], topics: [] }), joinStory(raid.storyId!), { now, windowHours: 72 });
    const storyId = raid.storyId!;
    await db.prisma.guildStory.create({ data: { guildId: guild, storyId } });
    await addFollow(db.prisma, { guildId: guild, userId: member, kind: 'country', value: 'KH', label: 'Cambodia' }, now);
    await db.prisma.queuedStory.deleteMany();
    const { newStoryId } = await splitArticle(db.prisma, { guildId: guild, actorId: mod, now, storyId, articleId: vote.articleId }, rebuildCentroid, afterSplit);
    expect(await db.prisma.queuedStory.findMany({ select: { guildId: true, storyId: true, articleId: true, countries: true } })).toEqual([{ guildId: guild, storyId: newStoryId, articleId: vote.articleId, countries: ['KH'] }]);
    expect(await expandQueuedStory(db.prisma, alertKeywords)).toMatchObject({ status: 'expanded', storyId: newStoryId, queued: 1 });
    expect(await db.prisma.pendingAlert.findMany({ select: { userId: true, storyId: true } })).toEqual([{ userId: member, storyId: newStoryId }]);
  });
});
