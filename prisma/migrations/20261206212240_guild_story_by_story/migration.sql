-- CreateIndex
CREATE INDEX "GuildStory_storyId_idx" ON "GuildStory"("storyId");
