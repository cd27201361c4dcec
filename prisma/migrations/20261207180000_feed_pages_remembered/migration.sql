-- Forum threads are now read on their last page (docs/adr/0035-forum-threads-read-on-their-last-page.md). What a
-- thread remembered was its followed page's posts only, so at its next read every post of its later pages would look
-- new, and be posted as news: each thread's next read is taken as a first read instead (its posts remembered, none
-- posted).
UPDATE "Feed" SET "lastSuccessAt" = NULL WHERE kind = 'thread';
