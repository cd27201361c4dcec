// What a member does to a story while it is merged (src/db/story-edits.ts, votes.ts, tags.ts) ends up on the merged
// story. The races need two connections: on a PostgreSQL server the member's transaction and the merge run at once,
// in a set order; on the embedded database one after the other, with the same outcome (test/helpers/lock-queue.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle, type PlaceArticle } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { mergeStories } from '../../../src/db/story-edits.js';
import { addMemberTag, removeStoryTag } from '../../../src/db/tags.js';
import type { Tx } from '../../../src/db/tx.js';
import { castVote } from '../../../src/db/votes.js';
import { rebuildCentroid } from '../../../src/pipeline/dedupe/story-choice.js';
import { createTestDatabase } from '../../helpers/db.js';
import { queuedBehindLock } from '../../helpers/lock-queue.js';
import { articleFixture, newStory } from '../../helpers/fixtures.js';

const guild = '100000000000000061';
const now = new Date();

describe('a merge and a member at once', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.prisma.guild.create({ data: { id: guild } });
  });
  afterAll(() => db.close());

  const story = async (title: string) => {
    const stored = await storeArticle(db.prisma, articleFixture({ title }), newStory, { now, windowHours: 72 });
    if (stored.status !== 'stored') throw new Error('not stored');
    await db.prisma.guildStory.create({ data: { guildId: guild, storyId: stored.storyId, createdAt: now } });
    return stored.storyId;
  };
  const tally = (storyId: number) => db.prisma.guildStory.findUniqueOrThrow({ where: { guildId_storyId: { guildId: guild, storyId } }, select: { voteCount: true, voteSum: true } });
  const merge = (fromId: number, intoId: number) => mergeStories(db.prisma, { guildId: guild, actorId: 'mod', now, fromId, intoId }, rebuildCentroid);
  const tagsOf = async (storyId: number) => (await db.prisma.storyTag.findMany({ where: { storyId }, include: { tag: true } })).map((l) => l.tag.name);
  /** Both ran to the end (lock-queue.ts). */
  async function queued(hold: (tx: Tx) => Promise<unknown>, first: () => Promise<unknown>, second: () => Promise<unknown>) {
    for (const outcome of await queuedBehindLock(db, hold, first, second)) if (outcome.status === 'rejected') throw outcome.reason;
  }
  const holdTally = (storyId: number) => (tx: Tx) => tx.$queryRaw`SELECT 1 FROM "GuildStory" WHERE "guildId" = ${guild} AND "storyId" = ${storyId} FOR UPDATE`;

  it('keeps a vote changed on the kept story while a moderator merges into it', async () => {
    const kept = await story('Harbour strike in Poti');
    const away = await story('Poti harbour workers strike');
    await castVote(db.prisma, { guildId: guild, storyId: kept, userId: 'member', value: 3, now, editDelayMs: 0 });
    await castVote(db.prisma, { guildId: guild, storyId: away, userId: 'other', value: 2, now, editDelayMs: 0 });
    await queued(
      holdTally(kept),
      () => castVote(db.prisma, { guildId: guild, storyId: kept, userId: 'member', value: 5, now, editDelayMs: 0 }),
      () => merge(away, kept),
    );
    expect(await tally(kept)).toEqual({ voteCount: 2, voteSum: 7 });
  });

  it('keeps a vote changed on the kept story while a stored article merges another story into it', async () => {
    const kept = await story('Rail link to Kars');
    const away = await story('Kars rail link');
    await castVote(db.prisma, { guildId: guild, storyId: kept, userId: 'member', value: 1, now, editDelayMs: 0 });
    const joinAndMerge: PlaceArticle = async (terms) => ({ storyId: kept, centroid: {}, lookupTerms: Object.keys(terms), merge: [away] });
    await queued(
      holdTally(kept),
      () => castVote(db.prisma, { guildId: guild, storyId: kept, userId: 'member', value: 4, now, editDelayMs: 0 }),
      () => storeArticle(db.prisma, articleFixture({ title: 'Kars rail link opens' }), joinAndMerge, { now, windowHours: 72 }),
    );
    expect(await tally(kept)).toEqual({ voteCount: 1, voteSum: 4 });
  });

  const limits = { max: 100, windowMs: 60_000 };
  const portWorkers = { name: 'port workers', label: 'Port workers', kind: 'member' as const };

  it('puts a tag added while its story is merged away on the kept story', async () => {
    const kept = await story('Dock strike in Batumi');
    const away = await story('Batumi dock workers strike');
    // The member's add waits on a tag of the same name another member is creating, after it has read the story.
    const creating = (tx: Tx) => tx.tag.create({ data: { guildId: guild, ...portWorkers } });
    await queued(
      creating,
      () => addMemberTag(db.prisma, guild, away, 'member', portWorkers, limits, now, now),
      () => merge(away, kept),
    );
    expect(await tagsOf(kept)).toEqual(['port workers']);
    expect(await tagsOf(away)).toEqual([]);
  });

  it('keeps a tag removed while its story is merged away removed', async () => {
    const kept = await story('Ferry service to Odesa');
    const away = await story('Odesa ferry service resumes');
    const tag = await db.prisma.tag.findUniqueOrThrow({ where: { guildId_name: { guildId: guild, name: 'port workers' } } });
    await db.prisma.storyTag.create({ data: { guildId: guild, storyId: away, tagId: tag.id, addedById: 'member' } });
    const holdLink = (tx: Tx) => tx.$queryRaw`SELECT 1 FROM "StoryTag" WHERE "storyId" = ${away} FOR UPDATE`;
    await queued(
      holdLink,
      () => removeStoryTag(db.prisma, guild, away, 'member', 'port workers', false, now),
      () => merge(away, kept),
    );
    expect(await tagsOf(kept)).toEqual([]);
    expect(await tagsOf(away)).toEqual([]);
  });

  it('lets a member tag the kept story while a stored article merges two stories into it', async () => {
    const kept = await story('Grain terminal fire in Izmail');
    const away = await story('Izmail grain terminal ablaze');
    const alsoAway = await story('Fire at Izmail port terminal');
    const tag = await db.prisma.tag.findUniqueOrThrow({ where: { guildId_name: { guildId: guild, name: 'port workers' } } });
    await db.prisma.storyTag.create({ data: { guildId: guild, storyId: alsoAway, tagId: tag.id } });
    // The kept story is posted: the merge's first step marks its post for an edit, as the member's tag does.
    await db.prisma.delivery.create({ data: { storyId: kept, guildId: guild, channelId: '300000000000000061', status: 'posted', messageId: '900000000000000061', nonce: `race-${kept}` } });
    const joinAndMerge: PlaceArticle = async (terms) => ({ storyId: kept, centroid: {}, lookupTerms: Object.keys(terms), merge: [away, alsoAway].sort((a, b) => a - b) });
    // The merge waits before the second story's step (after the first one's), while the member tags the kept story.
    // Locking only the kept story's row for an update, it let the member insert the tag, then wait on the post the
    // merge had marked, while the merge waited to copy the same tag from the second story: a deadlock.
    const second = Math.max(away, alsoAway);
    const holdSecond = (tx: Tx) => tx.$queryRaw`SELECT 1 FROM "GuildStory" WHERE "storyId" = ${second} FOR UPDATE`;
    await queued(
      holdSecond,
      () => storeArticle(db.prisma, articleFixture({ title: 'Izmail terminal fire put out' }), joinAndMerge, { now, windowHours: 72 }),
      () => addMemberTag(db.prisma, guild, kept, 'member', portWorkers, limits, now, now),
    );
    expect(await tagsOf(kept)).toEqual(['port workers']);
    expect(await db.prisma.story.count({ where: { id: { in: [away, alsoAway] }, mergedIntoId: kept } })).toBe(2);
  });
});
