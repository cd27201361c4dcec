import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client.js';
import { storySearchDocument } from '../../../src/db/search-sql.js';
import { createTestDatabase } from '../../helpers/db.js';

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

  it('searches stories by title and summary with the indexed expression', async () => {
    const story = await db.prisma.story.create({ data: { title: 'Border crossings closed', summary: 'Thailand restricts travel.' } });
    const hit = await db.prisma.$queryRaw<{ id: number }[]>`
      SELECT id FROM "Story" WHERE ${storySearchDocument} @@ plainto_tsquery('english', 'crossing')`;
    expect(hit.map((r) => r.id)).toEqual([story.id]);
    await db.prisma.story.update({ where: { id: story.id }, data: { title: 'Fuel imports halted' } });
    const after = await db.prisma.$queryRaw<{ id: number }[]>`
      SELECT id FROM "Story" WHERE ${storySearchDocument} @@ plainto_tsquery('english', 'crossing')`;
    expect(after).toEqual([]);
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
