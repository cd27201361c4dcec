-- When Gazette was removed from the server (GUILD_DELETE, not an outage); null while it is there. Its sources' stories
-- are not planned there meanwhile: every post would be refused (403), and refused requests count towards the limit
-- Discord's edge puts on a bot's invalid requests. Settings, sources and stories stay for when it is invited back.
ALTER TABLE "Guild" ADD COLUMN "leftAt" TIMESTAMP(3);
