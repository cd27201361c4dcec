// Storing an article when another writer gets in the way (src/db/articles.ts, src/db/db-errors.ts): a parallel store of
// the same article makes this one a duplicate, not a failure, and a deadlock places the article again. Both arrive
// from raw SQL through the driver adapter (P2010 with the cause in its meta, not P2002/P2034), worded differently by
// PGlite's adapter and PostgreSQL's, so each is checked on whichever database the run uses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle, type PlaceArticle, type StoreResult } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { insertIntoStory, writeTermCounts, type NewArticleRow } from '../../../src/db/article-sql.js';
import { isTransactionConflict, isUniqueViolation } from '../../../src/db/db-errors.js';
import { createTestDatabase } from '../../helpers/db.js';
import { holdInAnotherTransaction, untilLockWaiters } from '../../helpers/lock-queue.js';
import { articleFixture, newStory } from '../../helpers/fixtures.js';

const opts = () => ({ now: new Date(), windowHours: 72 });
const failure = (run: () => Promise<unknown>) => run().then(() => new Error('did not fail'), (error: unknown) => error);
const raise = (state: string) => `DO $$ BEGIN RAISE EXCEPTION 'raised by the test' USING ERRCODE = '${state}'; END $$`;

describe('store conflicts', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.prisma.guild.create({ data: { id: '100000000000000091' } });
  });
  afterAll(() => db.close());

  it('recognises unique violations and deadlocks from raw SQL, from the model API, inside a transaction or not', async () => {
    const unique = () => db.prisma.$executeRaw`INSERT INTO "Guild" (id, "updatedAt") VALUES ('100000000000000091', now())`;
    expect(isUniqueViolation(await failure(unique))).toBe(true);
    expect(isUniqueViolation(await failure(() => db.prisma.$transaction((tx) => tx.$executeRaw`INSERT INTO "Guild" (id, "updatedAt") VALUES ('100000000000000091', now())`)))).toBe(true);
    expect(isUniqueViolation(await failure(() => db.prisma.guild.create({ data: { id: '100000000000000091' } })))).toBe(true);
    for (const state of ['40P01', '40001']) {
      const conflict = await failure(() => db.prisma.$executeRawUnsafe(raise(state)));
      expect([state, isTransactionConflict(conflict), isUniqueViolation(conflict)]).toEqual([state, true, false]);
    }
    const other = await failure(() => db.prisma.$executeRawUnsafe(raise('23503')));
    expect([isTransactionConflict(other), isUniqueViolation(other), isTransactionConflict(new Error('x'))]).toEqual([false, false, false]);
  });

  it('places an article again when its transaction lost a deadlock', async () => {
    let attempts = 0;
    const stored = await storeArticle(db.prisma, articleFixture({ url: 'https://conflicts.example/deadlock' }), newStory, {
      ...opts(),
      // The first attempt is chosen as a deadlock's victim once the article is in; the second goes through.
      then: async (tx) => {
        if (++attempts === 1) await tx.$executeRawUnsafe(raise('40P01'));
      },
    });
    expect(attempts).toBe(2);
    expect(stored.status).toBe('stored');
    expect(await db.prisma.article.count({ where: { url: 'https://conflicts.example/deadlock' } })).toBe(1);
  });

  it('reports a duplicate, not a failure, when a parallel writer stored the same article first', async () => {
    const article = articleFixture({ url: 'https://conflicts.example/same', title: 'Same article from two feeds' });
    let other: Promise<StoreResult> | undefined;
    // While this store places the article (its duplicate check done), another writer stores the same one. On a
    // PostgreSQL server that writer has its own connection and commits first, and this insert meets its unique key;
    // the embedded database runs one transaction at a time, so there the other waits and is the duplicate.
    const place: PlaceArticle = async (terms, index) => {
      other = storeArticle(db.prisma, article, newStory, opts());
      if (db.kind === 'postgres') await other;
      return newStory(terms, index);
    };
    const mine = await storeArticle(db.prisma, article, place, opts());
    const statuses = [mine.status, (await other!).status].sort();
    expect(statuses).toEqual(['duplicate', 'stored']);
    expect(await db.prisma.article.count({ where: { url: article.url } })).toBe(1);
  });

  // A store that merges stories locks them first (articles.ts lockMergingStories) and then counts its terms; another
  // process's article joining one of those stories must lock the story before the TermStat rows it counts, or each
  // waits on the other (a deadlock, found on a PostgreSQL server when the join's counts came first).
  it("locks the joined story's row before the TermStat rows its term counts write", async () => {
    const story = await storeArticle(db.prisma, articleFixture({ url: 'https://conflicts.example/harbour' }), newStory, opts());
    if (story.status !== 'stored') throw new Error('not stored');
    await writeTermCounts(db.prisma, { terms: ['harbour'], counts: [1] });
    const joining: NewArticleRow = { ...articleFixture({ url: 'https://conflicts.example/harbour-2' }), guid: null, author: null, publishedAt: null, language: null, imageUrl: null, keys: [], termCounts: { terms: ['harbour'], counts: [1] } };
    const join = () => db.prisma.$transaction((tx) => insertIntoStory(tx, joining, story.storyId, new Date(), {}, undefined));
    if (db.kind === 'postgres') {
      const release = await holdInAnotherTransaction(db, (tx) => tx.$queryRaw`SELECT 1 FROM "TermStat" WHERE term = 'harbour' FOR UPDATE`);
      const joined = join();
      await untilLockWaiters(db, 1);
      // Waiting for the term's row, the join already holds the story's.
      const probe = await failure(() => db.prisma.$transaction((tx) => tx.$queryRaw`SELECT 1 FROM "Story" WHERE id = ${story.storyId} FOR UPDATE NOWAIT`));
      expect(String((probe as { message?: string }).message)).toMatch(/could not obtain lock|55P03/);
      await release();
      expect((await joined)?.articleId).toBeGreaterThan(0);
    } else {
      // One transaction at a time: the join simply goes through.
      expect((await join())?.articleId).toBeGreaterThan(0);
    }
    expect(await db.prisma.termStat.findUnique({ where: { term: 'harbour' }, select: { documents: true } })).toEqual({ documents: 2 });
    expect(await db.prisma.article.count({ where: { storyId: story.storyId } })).toBe(2);
  });
});
