-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "editFailures" INTEGER NOT NULL DEFAULT 0;
