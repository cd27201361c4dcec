// What a member does to a story while it is merged (src/db/story-edits.ts, votes.ts, tags.ts) ends up on the merged
// story. The races need two connections: on a PostgreSQL server (`scripts/with-postgres.sh npx vitest run <this file>`)
// the member's transaction and the merge run at once, in a set order (`queued`); the embedded database runs one
// transaction at a time, so there they run one after the other and the same outcome is expected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle, type PlaceArticle } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { mergeStories } from '../../../src/db/story-edits.js';
import { addMemberTag, removeStoryTag } from '../../../src/db/tags.js';
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
  const merge = (fromId: number, intoId: number) => mergeStories(db.prisma, { guildId: guild, actorId: 'mod', now, fromId, intoId }, rebuildCentroid);
  const tagsOf = async (storyId: number) => (await db.prisma.storyTag.findMany({ where: { storyId }, include: { tag: true } })).map((l) => l.tag.name);

  /**
   * Runs `first` then `second`. On a server both start while another transaction holds what `hold` locks: `first`
   * waits on it, then `second` starts (and waits too if it must), so `second` has begun before `first` commits: the
   * interleaving the races need, every time. With one connection they simply run one after the other.
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
    // `second` waits too, unless nothing of `first` stands in its way (then it may be done already).
    let done = false;
    void b.then(() => (done = true), () => (done = true));
    for (let i = 0; i < 200 && !done && (await lockWaiters()) < 2; i++) await new Promise((r) => setTimeout(r, 25));
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
});
