-- AlterTable
ALTER TABLE "GuildStory" ADD COLUMN     "score" DOUBLE PRECISION NOT NULL DEFAULT 3;

-- CreateIndex
CREATE INDEX "GuildStory_guildId_score_voteCount_storyId_idx" ON "GuildStory"("guildId", "score" DESC, "voteCount" DESC, "storyId" DESC);

-- Stories voted on before this column existed: their Bayesian average (prior mean 3, weight 3, src/ranking/significance.ts).
UPDATE "GuildStory" SET "score" = (9 + "voteSum")::float8 / (3 + "voteCount") WHERE "voteCount" > 0;
