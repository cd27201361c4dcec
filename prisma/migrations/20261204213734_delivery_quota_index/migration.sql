-- CreateIndex
CREATE INDEX "Delivery_guildId_channelId_createdAt_idx" ON "Delivery"("guildId", "channelId", "createdAt");
