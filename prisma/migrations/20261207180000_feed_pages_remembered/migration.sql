-- Forum threads are now read on their last page (docs/adr/0035-forum-threads-read-on-their-last-page.md). What a
-- thread remembered until now was its followed page's posts only: read on its later pages, all of their posts would
-- look new. Existing feeds are marked so (false); the first read that takes in a thread's later pages posts none of
-- them, and every read after it remembers them (true, as for new feeds).
ALTER TABLE "Feed" ADD COLUMN "pagesRemembered" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Feed" ALTER COLUMN "pagesRemembered" SET DEFAULT true;
