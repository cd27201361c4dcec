-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "postedAs" TEXT;
