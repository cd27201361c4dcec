import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { storySearchDocument } from '../../../src/db/search-sql.js';
import { createTestDatabase } from '../../helpers/db.js';
import { articleFixture, newStory } from '../../helpers/fixtures.js';

describe('database migrations', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('records the committed migrations as applied', async () => {
    const rows = await db.prisma.$queryRaw<{ migration_name: string; finished_at: Date | null }[]>`
      SELECT migration_name, finished_at FROM "_prisma_migrations"`;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
    expect(rows.map((r) => r.migration_name)).toContainEqual(expect.stringMatching(/_init$/));
  });

  it('makes new stories searchable by title and summary, with stemming', async () => {
    const stored = await storeArticle(db.prisma, articleFixture({ title: 'Border crossings closed', summary: 'Thailand restricts travel.' }), newStory, { now: new Date(), windowHours: 72 });
    const hit = async (words: string) =>
      (await db.prisma.$queryRaw<{ id: number }[]>`SELECT id FROM "Story" WHERE ${storySearchDocument} @@ plainto_tsquery('english', ${words})`).map((r) => r.id);
    expect(await hit('crossing')).toEqual([stored.storyId]);
    expect(await hit('restricted travelling')).toEqual([stored.storyId]);
    expect(await hit('fuel')).toEqual([]);
  });
});

describe('full-text search index', () => {
  it('is used by the search expression', async () => {
    const db = await createTestDatabase();
    try {
      await db.prisma.$executeRawUnsafe('SET enable_seqscan = off');
      const plan = await db.prisma.$queryRaw<{ 'QUERY PLAN': string }[]>`
        EXPLAIN SELECT id FROM "Story" WHERE ${storySearchDocument} @@ plainto_tsquery('english', 'border')`;
      expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('Story_search_idx');
    } finally {
      await db.close();
    }
  });
});
