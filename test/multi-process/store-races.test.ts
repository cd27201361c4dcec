// Two writers on one PostgreSQL server (several bot processes, or two feeds stored at once): an article placed in a
// story that changes before it joins (merged away, or joined by another article) is placed again, and a vote cast
// while its story merges reaches the kept story (src/db/articles.ts, story-edits.ts, votes.ts). Needs a PostgreSQL
// server: `npm run test:multi-process` starts a throwaway one (scripts/with-postgres.sh).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle, type PlaceArticle } from '../../src/db/articles.js';
import type { Database } from '../../src/db/client.js';
import { openScratchDatabase } from '../../src/db/scratch-database.js';
import { mergeStories } from '../../src/db/story-edits.js';
import { addSource } from '../../src/db/sources.js';
import { castVote } from '../../src/db/votes.js';
import { isUserError } from '../../src/errors.js';
import { rebuildCentroid } from '../../src/pipeline/dedupe/story-choice.js';
import { articleFixture, joinStory, newStory } from '../helpers/fixtures.js';

const guild = '100000000000000091';
const now = new Date();

describe('concurrent writers on one story', () => {
  let db: Database;
  const story = async (title: string) => {
    const stored = await storeArticle(db.prisma, articleFixture({ title, terms: { [title.split(' ')[0]!.toLowerCase()]: 1 } }), newStory, { now, windowHours: 72 });
    if (stored.status !== 'stored') throw new Error('not stored');
    await db.prisma.guildStory.create({ data: { guildId: guild, storyId: stored.storyId, createdAt: now } });
    return stored.storyId;
  };
  const merge = (fromId: number, intoId: number) => mergeStories(db.prisma, { guildId: guild, actorId: 'mod', now, fromId, intoId }, rebuildCentroid);

  beforeAll(async () => {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (!serverUrl) throw new Error('No PostgreSQL server: run `npm run test:multi-process`, which starts one (scripts/with-postgres.sh).');
    db = await openScratchDatabase(serverUrl, 'gazette_races');
    await db.prisma.guild.create({ data: { id: guild } });
  });
  afterAll(() => db?.close());

  it('places an article again when its story is merged away before it joins', async () => {
    const kept = await story('Harbour strike in Poti');
    const away = await story('Harbour workers strike');
    let calls = 0;
    // The first placement picks the story that another transaction then merges away; the second sees it merged.
    const place: PlaceArticle = async (terms, index) => {
      calls++;
      if (calls > 1) return joinStory(kept)(terms, index);
      await index.candidates(['harbour']);
      await merge(away, kept);
      return joinStory(away)(terms, index);
    };
    const stored = await storeArticle(db.prisma, articleFixture({ title: 'Poti harbour strike ends', terms: { harbour: 1 } }), place, { now, windowHours: 72 });
    expect(calls).toBe(2);
    expect(stored).toMatchObject({ status: 'stored', storyId: kept });
    expect(await db.prisma.article.count({ where: { storyId: away } })).toBe(0);
    expect(await db.prisma.articleKey.count({ where: { storyId: away } })).toBe(0);
    expect(await db.prisma.story.findUniqueOrThrow({ where: { id: away } })).toMatchObject({ size: 0, mergedIntoId: kept });
  });

  it('places an article again when another article joined its story meanwhile, so neither centroid is lost', async () => {
    const target = await story('Rail link to Kars');
    let calls = 0;
    const joinWith = (term: string): PlaceArticle => async (terms, index) => ({ storyId: target, centroid: { ...(await index.candidates(['rail']))[0]!.centroid, [term]: [1, 1] }, lookupTerms: ['rail'] });
    // While the first article is placed (its story read), a second writer stores another article into the story.
    const place: PlaceArticle = async (terms, index) => {
      calls++;
      const placement = await joinWith('first')(terms, index);
      if (calls === 1) await storeArticle(db.prisma, articleFixture({ title: 'Rail link to Kars opens', terms: { rail: 1 } }), joinWith('second'), { now, windowHours: 72 });
      return placement;
    };
    await storeArticle(db.prisma, articleFixture({ title: 'Kars rail link delayed', terms: { rail: 1 } }), place, { now, windowHours: 72 });
    expect(calls).toBe(2);
    const row = await db.prisma.story.findUniqueOrThrow({ where: { id: target } });
    expect(row.size).toBe(3);
    expect(Object.keys(row.centroid as object)).toEqual(expect.arrayContaining(['first', 'second']));
  });

  it('takes a vote cast on a story that was merged away to the story it is part of now', async () => {
    const kept = await story('Wildfire near Borjomi');
    const away = await story('Borjomi wildfire spreads');
    await merge(away, kept);
    const vote = await castVote(db.prisma, { guildId: guild, storyId: away, userId: 'member', value: 4, now, editDelayMs: 0 });
    expect(vote).toMatchObject({ storyId: kept, value: 4, count: 1 });
    expect(await db.prisma.vote.findMany({ where: { userId: 'member' }, select: { storyId: true, value: true } })).toEqual([{ storyId: kept, value: 4 }]);
  });

  it('counts a vote on the kept story that commits while the merge waits for it', async () => {
    const kept = await story('Landslide blocks the Georgian Military Road');
    const away = await story('Georgian Military Road landslide');
    // A vote on the kept story as castVote makes it (story row shared, tally row locked, vote written), held open while
    // the merge starts. (A vote that begins while the merge runs: test/unit/db/vote-merge-locks.test.ts.)
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let voted!: () => void;
    const inVote = new Promise<void>((resolve) => (voted = resolve));
    const voting = db.prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 1 FROM "GuildStory" WHERE "guildId" = ${guild} AND "storyId" = ${kept} FOR UPDATE`;
        await tx.vote.create({ data: { guildId: guild, storyId: kept, userId: 'late-voter', value: 5 } });
        await tx.guildStory.update({ where: { guildId_storyId: { guildId: guild, storyId: kept } }, data: { voteCount: { increment: 1 }, voteSum: { increment: 5 } } });
        voted();
        await held;
      },
      { timeout: 30_000 },
    );
    await inVote;
    const merging = merge(away, kept);
    // The merge is waiting on the vote's lock (wherever it waits) before the vote commits.
    const waiting = async () => (await db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`)[0]!.n;
    for (let i = 0; i < 200 && (await waiting()) === 0n; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await waiting()).toBeGreaterThan(0n);
    release();
    await voting;
    await merging;
    expect(await db.prisma.guildStory.findUniqueOrThrow({ where: { guildId_storyId: { guildId: guild, storyId: kept } } })).toMatchObject({ voteCount: 1, voteSum: 5 });
  });

  it('adds one source when two moderators add the same feed at once, and keeps a server within its source limit', async () => {
    const server = '100000000000000092';
    const add = (url: string, maxSources?: number) =>
      addSource(db.prisma, { guildId: server, actorId: 'mod', url, kind: 'feed', channelId: '300000000000000092', intervalMinutes: 15, maxSources }).then(
        () => 'added',
        (e: unknown) => (isUserError(e) ? e.code : Promise.reject(e)),
      );
    const same = await Promise.all(Array.from({ length: 4 }, () => add('https://race.example/feed.xml')));
    expect(same.sort()).toEqual(['added', 'conflict', 'conflict', 'conflict']);
    const limited = await Promise.all(Array.from({ length: 4 }, (_, i) => add(`https://race.example/other-${i}.xml`, 2)));
    expect(limited.sort()).toEqual(['added', 'limit', 'limit', 'limit']);
    expect(await db.prisma.source.count({ where: { guildId: server } })).toBe(2);
  });
});
