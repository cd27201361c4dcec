-- CreateTable
CREATE TABLE "HeldPost" (
    "guildId" TEXT NOT NULL,
    "storyId" INTEGER NOT NULL,
    "channelId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HeldPost_pkey" PRIMARY KEY ("guildId","storyId","channelId")
);

-- CreateIndex
CREATE INDEX "HeldPost_guildId_createdAt_idx" ON "HeldPost"("guildId", "createdAt");

-- AddForeignKey
ALTER TABLE "HeldPost" ADD CONSTRAINT "HeldPost_guildId_fkey" FOREIGN KEY ("guildId") REFERENCES "Guild"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HeldPost" ADD CONSTRAINT "HeldPost_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story"("id") ON DELETE CASCADE ON UPDATE CASCADE;
