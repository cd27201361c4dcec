-- AlterTable
ALTER TABLE "PendingAlert" DROP CONSTRAINT "PendingAlert_pkey",
ADD CONSTRAINT "PendingAlert_pkey" PRIMARY KEY ("userId", "storyId", "guildId");
