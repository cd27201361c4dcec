-- CreateEnum
CREATE TYPE "FollowKind" AS ENUM ('country', 'region', 'tag', 'keyword');

-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "mentionRoleId" TEXT;

-- AlterTable
ALTER TABLE "Guild" ADD COLUMN     "followsEnabled" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "logChannelId" TEXT;

-- AlterTable
ALTER TABLE "Route" ADD COLUMN     "filter" TEXT,
ADD COLUMN     "lastPingAt" TIMESTAMP(3),
ADD COLUMN     "pingCooldownMinutes" INTEGER NOT NULL DEFAULT 60,
ADD COLUMN     "roleId" TEXT;

-- AlterTable
ALTER TABLE "Source" ADD COLUMN     "filter" TEXT,
ADD COLUMN     "lastAlertAt" TIMESTAMP(3),
ADD COLUMN     "lastAlertKind" TEXT;

-- CreateTable
CREATE TABLE "Follow" (
    "id" SERIAL NOT NULL,
    "guildId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "FollowKind" NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Follow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MemberAlerts" (
    "userId" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "quietStart" TEXT,
    "quietEnd" TEXT,
    "batchMinutes" INTEGER NOT NULL DEFAULT 60,
    "lastDmAt" TIMESTAMP(3),
    "dmClosed" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MemberAlerts_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "PendingAlert" (
    "id" SERIAL NOT NULL,
    "userId" TEXT NOT NULL,
    "guildId" TEXT NOT NULL,
    "storyId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PendingAlert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Follow_kind_value_guildId_idx" ON "Follow"("kind", "value", "guildId");

-- CreateIndex
CREATE UNIQUE INDEX "Follow_guildId_userId_kind_value_key" ON "Follow"("guildId", "userId", "kind", "value");

-- CreateIndex
CREATE INDEX "PendingAlert_userId_createdAt_idx" ON "PendingAlert"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PendingAlert_userId_storyId_key" ON "PendingAlert"("userId", "storyId");
