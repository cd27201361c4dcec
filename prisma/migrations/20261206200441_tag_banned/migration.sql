-- CreateIndex
CREATE INDEX "Tag_guildId_banned_idx" ON "Tag"("guildId", "banned");
