// Storing an article when another writer gets in the way (src/db/articles.ts, src/db/db-errors.ts): a parallel store of
// the same article makes this one a duplicate, not a failure, and a deadlock places the article again. Both arrive
// from raw SQL through the driver adapter (P2010 with the cause in its meta, not P2002/P2034), worded differently by
// PGlite's adapter and PostgreSQL's, so each is checked on whichever database the run uses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle, type PlaceArticle, type StoreResult } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { isTransactionConflict, isUniqueViolation } from '../../../src/db/db-errors.js';
import { createTestDatabase } from '../../helpers/db.js';
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
});
