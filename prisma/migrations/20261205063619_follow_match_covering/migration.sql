-- DropIndex
DROP INDEX "Follow_kind_value_guildId_idx";

-- CreateIndex
CREATE INDEX "Follow_kind_value_guildId_userId_idx" ON "Follow"("kind", "value", "guildId", "userId");
