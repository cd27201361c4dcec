-- CreateTable
CREATE TABLE "SentAlert" (
    "userId" TEXT NOT NULL,
    "storyId" INTEGER NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SentAlert_pkey" PRIMARY KEY ("userId","storyId")
);

-- CreateIndex
CREATE INDEX "SentAlert_sentAt_idx" ON "SentAlert"("sentAt");
