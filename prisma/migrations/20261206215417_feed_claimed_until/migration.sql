-- AlterTable
ALTER TABLE "Feed" ADD COLUMN     "claimedUntil" TIMESTAMP(3);
