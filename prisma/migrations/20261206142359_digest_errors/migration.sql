-- AlterTable
ALTER TABLE "DigestRun" ADD COLUMN     "error" TEXT;
