-- DropIndex
DROP INDEX "QueuedStory_guildId_storyId_key";

-- CreateIndex
CREATE UNIQUE INDEX "QueuedStory_guildId_storyId_articleId_key" ON "QueuedStory"("guildId", "storyId", "articleId");
