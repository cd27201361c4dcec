-- AlterTable
ALTER TABLE "Story" ADD COLUMN     "mergedIntoId" INTEGER;
