// A story keeps the search document it was stored with. When the written form of documents changes (composed Unicode,
// Persian letters, Turkish casing: search-form.ts), stories stored before were found only by their words as then
// written, while every query is put in the new form. `Story.searchForm` says which form a document is in; the nightly
// maintenance makes the older ones again, from the articles the story has now.
import type { Prisma } from './client.js';
import { searchFormVersion, storyDocumentOf } from './search-sql.js';

/**
 * Makes again the documents of stories in an older form, `batch` stories a transaction; returns how many. A story
 * another transaction holds (an article joining it, a merge) is left for the next night rather than waited for.
 */
export async function refreshSearchDocuments(prisma: Prisma, batch = 100): Promise<number> {
  let refreshed = 0;
  let after = 0;
  for (;;) {
    const done = await prisma.$transaction(async (tx) => {
      // Locked first, so that an article joining a story meanwhile (which adds its headline to the document) waits,
      // and is not written over by a document made without it.
      const stories = await tx.$queryRaw<{ id: number; leadArticleId: number | null }[]>`
        SELECT id, "leadArticleId" FROM "Story" WHERE id > ${after} AND "searchForm" < ${searchFormVersion}
        ORDER BY id LIMIT ${batch} FOR UPDATE SKIP LOCKED`;
      if (!stories.length) return undefined;
      const articles = await tx.article.findMany({
        where: { storyId: { in: stories.map((s) => s.id) } },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        select: { id: true, storyId: true, title: true, summary: true, language: true },
      });
      for (const story of stories) {
        const own = articles.filter((a) => a.storyId === story.id);
        const lead = own.find((a) => a.id === story.leadArticleId) ?? own[0];
        // A story without articles (all split out of it) is found by nothing; its document stays as it is.
        if (lead) await tx.$executeRaw`UPDATE "Story" SET search = ${storyDocumentOf(lead, own)}, "searchForm" = ${searchFormVersion} WHERE id = ${story.id}`;
        else await tx.$executeRaw`UPDATE "Story" SET "searchForm" = ${searchFormVersion} WHERE id = ${story.id}`;
      }
      return stories;
    });
    if (!done) return refreshed;
    refreshed += done.length;
    after = done[done.length - 1]!.id;
  }
}
