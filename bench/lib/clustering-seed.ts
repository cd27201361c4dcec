// Seeds a scratch database with N older stories before the clustering benchmark runs, so the cost per article is
// measured with a full database: one article per story, created over the 30 days before the first item (a tenth
// of them inside the 72-hour window), indexed by lookup terms drawn from the benchmark's own vocabulary, so new
// items meet seeded stories in the candidate index as they would meet real ones. Set-based inserts, 1,000 stories a batch (the benchmark runs with the 256 MB heap npm start gives the bot).
import type { Prisma } from '../../src/db/client.js';
import { clusterTerms } from '../../src/pipeline/orchestrator.js';
import { seededRandom } from '../../test/helpers/seeded-random.js';

const batch = 1_000;

export async function seedStoredStories(prisma: Prisma, items: { title: string; text: string; ts: number }[], count: number): Promise<number> {
  const vocabulary = [...new Set(items.slice(0, 2_000).flatMap((i) => Object.keys(clusterTerms(i))))];
  const start = Math.min(...items.map((i) => i.ts)) - 30 * 86_400_000;
  const documents = new Map<string, number>();
  const random = seededRandom(1);
  // Ids are given here (stories and their articles share them, the lookup keys carry both as the candidate query
  // reads them: without the story's, no seeded story was ever a candidate), so each batch is three plain inserts; the sequences
  // are moved past them afterwards for the benchmark's own articles.
  for (let done = 0; done < count; done += batch) {
    const n = Math.min(batch, count - done);
    const ids: number[] = [];
    const times: Date[] = [];
    const centroids: string[] = [];
    const keyIds: number[] = [];
    const keyTerms: string[] = [];
    const keyTimes: Date[] = [];
    for (let i = 0; i < n; i++) {
      const id = done + i + 1;
      const at = new Date(start + ((done + i) / count) * 30 * 86_400_000);
      const terms = [...new Set(Array.from({ length: 10 }, () => vocabulary[Math.floor(random() * vocabulary.length)]!))];
      for (const t of terms) {
        documents.set(t, (documents.get(t) ?? 0) + 1);
        keyIds.push(id);
        keyTerms.push(`t:${t}`);
        keyTimes.push(at);
      }
      ids.push(id);
      times.push(at);
      centroids.push(JSON.stringify(Object.fromEntries(terms.map((t) => [t, [Number((1 / Math.sqrt(terms.length)).toFixed(4)), 1]]))));
    }
    await prisma.$executeRaw`
      INSERT INTO "Story" (id, "leadArticleId", title, summary, "firstSeenAt", "lastArticleAt", size, centroid)
      SELECT id, id, 'Seeded story', 'Seeded.', at, at, 1, centroid FROM unnest(${ids}::int[], ${times}::timestamp[], ${centroids}::jsonb[]) AS u(id, at, centroid)`;
    await prisma.$executeRaw`
      INSERT INTO "Article" (id, "storyId", url, title, "sourceName", text, summary, "createdAt", "fetchedAt")
      SELECT id, id, 'https://seed.invalid/' || id, 'Seeded story', 'Seed', 'Seeded.', 'Seeded.', at, at FROM unnest(${ids}::int[], ${times}::timestamp[]) AS u(id, at)`;
    await prisma.$executeRaw`
      INSERT INTO "ArticleKey" (key, "articleId", "storyId", "createdAt") SELECT k, id, id, at FROM unnest(${keyTerms}::text[], ${keyIds}::int[], ${keyTimes}::timestamp[]) AS u(k, id, at)`;
  }
  await prisma.$executeRaw`SELECT setval(pg_get_serial_sequence('"Story"', 'id'), (SELECT max(id) FROM "Story"))`;
  await prisma.$executeRaw`SELECT setval(pg_get_serial_sequence('"Article"', 'id'), (SELECT max(id) FROM "Article"))`;
  const terms = [...documents.keys()];
  await prisma.$executeRaw`
    INSERT INTO "TermStat" (term, documents) SELECT * FROM unnest(${terms}::text[], ${terms.map((t) => documents.get(t)!)}::int[])
    ON CONFLICT (term) DO UPDATE SET documents = "TermStat".documents + excluded.documents`;
  return count;
}
