-- AlterTable
ALTER TABLE "Source" ADD COLUMN     "backfillPending" INTEGER NOT NULL DEFAULT 0;
