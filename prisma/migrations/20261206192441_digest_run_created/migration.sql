-- CreateIndex
CREATE INDEX "DigestRun_guildId_createdAt_idx" ON "DigestRun"("guildId", "createdAt");
