// The full-text document of a story. It must stay character-for-character the expression of the GIN index
// "Story_search_idx" in the init migration, or PostgreSQL will not use the index.
import { Prisma } from '../generated/prisma/client.js';

export const storySearchDocument = Prisma.raw(
  `(setweight(to_tsvector('english'::regconfig, "Story"."title"), 'A') || setweight(to_tsvector('english'::regconfig, "Story"."summary"), 'B'))`,
);
