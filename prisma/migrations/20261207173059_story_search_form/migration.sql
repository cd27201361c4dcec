-- Which written form a story's search document was made in (src/db/search-sql.ts searchFormVersion). Stories stored
-- before this migration are form 0: their documents predate one written form for documents and queries, and the
-- nightly maintenance makes them again (src/db/search-refresh.ts). New stories are made in form 1.
ALTER TABLE "Story" ADD COLUMN     "searchForm" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Story" ALTER COLUMN "searchForm" SET DEFAULT 1;
