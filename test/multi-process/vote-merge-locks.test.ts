// A vote and a story merge at the same moment on a PostgreSQL server: both complete, and the vote counts on the
// story it belongs to after the merge. The vote once locked the story's tally row and then, inserting its Vote row,
// needed a key-share lock on the Story row (the foreign key), while a merge holds the Story row and then wants the
// tally row: each waited on the other until PostgreSQL killed one (deadlock detected). The interleaving is forced
// here: a third transaction holds the row the merge locks next, and each step waits until the server shows the
// transactions waiting. PGlite serves one connection at a time, so transactions never interleave there: this runs in `npm run test:multi-process`, which starts a server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../src/db/articles.js';
import type { Database } from '../../src/db/client.js';
import { mergeStories } from '../../src/db/story-edits.js';
import { castVote } from '../../src/db/votes.js';
import { rebuildCentroid } from '../../src/pipeline/dedupe/story-choice.js';
import { openScratchDatabase } from '../../src/db/scratch-database.js';
import { articleFixture, newStory } from '../helpers/fixtures.js';
import { holdInAnotherTransaction, untilLockWaiters } from '../helpers/lock-queue.js';

const guild = '100000000000000061';
const now = new Date('2026-03-01T12:00:00Z');

describe('a vote beside a story merge (PostgreSQL server)', () => {
  let db: Database;
  beforeAll(async () => {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (!serverUrl) throw new Error('No PostgreSQL server: run `npm run test:multi-process`, which starts one (scripts/with-postgres.sh).');
    db = await openScratchDatabase(serverUrl, 'gazette_vote_locks');
    await db.prisma.guild.create({ data: { id: guild } });
  });
  afterAll(() => db?.close());

  async function story(title: string): Promise<number> {
    const stored = await storeArticle(db.prisma, articleFixture({ title, text: `${title}. More about it.` }), newStory, { now, windowHours: 72 });
    if (stored.status !== 'stored') throw new Error('not stored');
    await db.prisma.guildStory.create({ data: { guildId: guild, storyId: stored.storyId, createdAt: now } });
    return stored.storyId;
  }


  /** Merges `fromId` into `intoId` with a vote on `votedId` arriving while the merge holds both stories' rows. */
  async function voteDuringMerge(fromId: number, intoId: number, votedId: number, userId: string) {
    // Held by a third transaction: the first row the merge locks after the stories' (the merged-away story's tally).
    const release = await holdInAnotherTransaction(db, (tx) => tx.$queryRaw`SELECT 1 FROM "GuildStory" WHERE "storyId" = ${fromId} FOR UPDATE`);
    const merge = mergeStories(db.prisma, { guildId: guild, actorId: 'mod', now, fromId, intoId }, rebuildCentroid);
    await untilLockWaiters(db, 1); // the merge holds both stories and waits for the tally row
    const vote = castVote(db.prisma, { guildId: guild, storyId: votedId, userId, value: 4, now, editDelayMs: 0 });
    await untilLockWaiters(db, 2); // the vote waits too
    await release();
    const [merged, voted] = await Promise.allSettled([merge, vote]);
    expect(merged.status === 'rejected' ? String(merged.reason) : 'merged').toBe('merged');
    expect(voted.status === 'rejected' ? String(voted.reason) : 'voted').toBe('voted');
    return voted.status === 'fulfilled' ? voted.value : undefined;
  }

  it('a vote on the kept story waits for the merge, then counts', async () => {
    const [from, into] = [await story('Talks resume in Geneva'), await story('Geneva talks back on')];
    const vote = await voteDuringMerge(from, into, into, 'kept-voter');
    expect(vote).toMatchObject({ storyId: into, count: 1, sum: 4 });
    expect(await db.prisma.guildStory.findUniqueOrThrow({ where: { guildId_storyId: { guildId: guild, storyId: into } } })).toMatchObject({ voteCount: 1, voteSum: 4 });
  });

  it('a vote on the merged-away story waits for the merge, then counts on the kept story', async () => {
    const [from, into] = [await story('Floods close the highway'), await story('Highway shut by floods')];
    const vote = await voteDuringMerge(from, into, from, 'away-voter');
    expect(vote).toMatchObject({ storyId: into, count: 1, sum: 4 });
    expect(await db.prisma.vote.findMany({ where: { storyId: { in: [from, into] } }, select: { storyId: true, userId: true } })).toEqual([{ storyId: into, userId: 'away-voter' }]);
  });
});
