-- AlterTable
ALTER TABLE "Source" ADD COLUMN     "resumedAt" TIMESTAMP(3);
