// Seeds a scratch database with N older stories before the clustering benchmark runs, so the cost per article is
// measured with a full database: one article per story, created over the 30 days before the first item (a tenth
// of them inside the 72-hour window), indexed by lookup terms drawn from the benchmark's own vocabulary, so new
// items meet seeded stories in the candidate index as they would meet real ones. Set-based inserts, 5,000 a batch.
import type { Prisma } from '../../src/db/client.js';
import { clusterTerms } from '../../src/pipeline/orchestrator.js';

const batch = 5_000;

export async function seedStoredStories(prisma: Prisma, items: { title: string; text: string; ts: number }[], count: number): Promise<number> {
  const vocabulary = [...new Set(items.slice(0, 2_000).flatMap((i) => Object.keys(clusterTerms(i))))];
  const start = Math.min(...items.map((i) => i.ts)) - 30 * 86_400_000;
  const documents = new Map<string, number>();
  let seed = 1;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (let done = 0; done < count; done += batch) {
    const n = Math.min(batch, count - done);
    const rows = Array.from({ length: n }, (_, i) => {
      const terms = [...new Set(Array.from({ length: 10 }, () => vocabulary[Math.floor(random() * vocabulary.length)]!))];
      for (const t of terms) documents.set(t, (documents.get(t) ?? 0) + 1);
      const centroid = Object.fromEntries(terms.map((t) => [t, [Number((1 / Math.sqrt(terms.length)).toFixed(4)), 1]]));
      return { n: done + i, at: new Date(start + ((done + i) / count) * 30 * 86_400_000), terms, centroid: JSON.stringify(centroid) };
    });
    await prisma.$executeRaw`
      WITH input AS (
        SELECT * FROM unnest(${rows.map((r) => r.n)}::int[], ${rows.map((r) => r.at)}::timestamp[], ${rows.map((r) => r.centroid)}::jsonb[],
          ${rows.map((r) => r.terms.join(' '))}::text[]) AS u(n, at, centroid, terms)
      ),
      stories AS (
        INSERT INTO "Story" (title, summary, "firstSeenAt", "lastArticleAt", size, centroid)
        SELECT 'Seeded story ' || n, 'Seeded.', at, at, 1, centroid FROM input ORDER BY n
        RETURNING id, "firstSeenAt", title
      ),
      articles AS (
        INSERT INTO "Article" ("storyId", url, title, "sourceName", text, summary, "createdAt", "fetchedAt")
        SELECT s.id, 'https://seed.invalid/' || s.id, s.title, 'Seed', 'Seeded.', 'Seeded.', s."firstSeenAt", s."firstSeenAt" FROM stories s
        RETURNING id, "storyId", "createdAt"
      )
      INSERT INTO "ArticleKey" (key, "articleId", "createdAt")
      SELECT DISTINCT 't:' || t, a.id, a."createdAt" FROM articles a
      JOIN stories s ON s.id = a."storyId" JOIN input i ON 'Seeded story ' || i.n = s.title, unnest(string_to_array(i.terms, ' ')) AS t`;
  }
  const terms = [...documents.keys()];
  await prisma.$executeRaw`
    INSERT INTO "TermStat" (term, documents) SELECT * FROM unnest(${terms}::text[], ${terms.map((t) => documents.get(t)!)}::int[])
    ON CONFLICT (term) DO UPDATE SET documents = "TermStat".documents + excluded.documents`;
  return count;
}
