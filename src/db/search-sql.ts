// The full-text document of a story: a stored tsvector (GIN-indexed), written when the story is created.
import { Prisma } from '../generated/prisma/client.js';

/** The document, for `@@` matching and ts_rank in queries over "Story". */
export const storySearchDocument = Prisma.raw(`"Story"."search"`);

/** SQL computing the document from a title and a summary (both SQL text expressions). */
export function searchDocumentOf(title: Prisma.Sql, summary: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(setweight(to_tsvector('english'::regconfig, ${title}), 'A') || setweight(to_tsvector('english'::regconfig, ${summary}), 'B'))`;
}
