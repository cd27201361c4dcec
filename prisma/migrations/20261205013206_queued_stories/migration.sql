-- CreateTable
CREATE TABLE "QueuedStory" (
    "id" SERIAL NOT NULL,
    "guildId" TEXT NOT NULL,
    "storyId" INTEGER NOT NULL,
    "articleId" INTEGER NOT NULL,
    "countries" TEXT[],
    "regions" TEXT[],
    "tags" TEXT[],
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QueuedStory_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "QueuedStory_guildId_storyId_key" ON "QueuedStory"("guildId", "storyId");
