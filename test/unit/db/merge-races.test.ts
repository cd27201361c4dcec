// What a member does to a story while it is merged (src/db/story-edits.ts, votes.ts, tags.ts) ends up on the merged
// story. The races need two connections: on a PostgreSQL server (`scripts/with-postgres.sh npx vitest run <this file>`)
// the member's transaction and the merge run at once, in a set order (`queued`); the embedded database runs one
// transaction at a time, so there they run one after the other and the same outcome is expected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle, type PlaceArticle } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { mergeStories } from '../../../src/db/story-edits.js';
import type { Tx } from '../../../src/db/tx.js';
import { castVote } from '../../../src/db/votes.js';
import { rebuildCentroid } from '../../../src/pipeline/dedupe/story-choice.js';
import { createTestDatabase } from '../../helpers/db.js';
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

  const lockWaiters = async () => (await db.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`)[0]!.n;
  async function untilWaiting(n: number) {
    for (let i = 0; i < 200 && (await lockWaiters()) < n; i++) await new Promise((r) => setTimeout(r, 25));
    expect(await lockWaiters()).toBe(n);
  }

  /**
   * Runs `first` then `second`. On a server both start while another transaction holds `row` (locked by `hold`), each
   * waiting on it in that order, so `second` has begun (its snapshot taken) before `first` commits: the interleaving
   * the races need, every time. With one connection they simply run one after the other.
   */
  async function queued<A, B>(hold: (tx: Tx) => Promise<unknown>, first: () => Promise<A>, second: () => Promise<B>): Promise<[A, B]> {
    if (db.kind !== 'postgres') return [await first(), await second()];
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let held!: () => void;
    const holding = new Promise<void>((r) => (held = r));
    const blocker = db.prisma.$transaction(async (tx) => (await hold(tx), held(), await released), { timeout: 30_000 });
    await holding;
    const a = first();
    await untilWaiting(1);
    const b = second();
    await untilWaiting(2);
    release();
    await blocker;
    return Promise.all([a, b]);
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
      () => mergeStories(db.prisma, { guildId: guild, actorId: 'mod', now, fromId: away, intoId: kept }, rebuildCentroid),
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
});
