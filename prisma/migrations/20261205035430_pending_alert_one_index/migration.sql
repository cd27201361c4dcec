-- DropIndex
DROP INDEX "PendingAlert_userId_createdAt_idx";

-- DropIndex
DROP INDEX "PendingAlert_userId_storyId_key";

-- AlterTable
ALTER TABLE "PendingAlert" DROP CONSTRAINT "PendingAlert_pkey",
DROP COLUMN "id",
ADD CONSTRAINT "PendingAlert_pkey" PRIMARY KEY ("userId", "storyId");
