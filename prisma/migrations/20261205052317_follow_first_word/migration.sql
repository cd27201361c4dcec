-- AlterTable
ALTER TABLE "Follow" ADD COLUMN     "firstWord" TEXT;

-- Keyword follows made before the column: their first word, as addFollow writes it.
UPDATE "Follow" SET "firstWord" = split_part(value, ' ', 1) WHERE kind = 'keyword';

-- CreateIndex
CREATE INDEX "Follow_firstWord_guildId_idx" ON "Follow"("firstWord", "guildId");
