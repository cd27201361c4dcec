-- AlterTable
ALTER TABLE "Article" DROP COLUMN "entities",
DROP COLUMN "fingerprint";

-- AlterTable
ALTER TABLE "Story" ADD COLUMN     "centroid" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "size" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "TermStat" (
    "term" TEXT NOT NULL,
    "documents" INTEGER NOT NULL,

    CONSTRAINT "TermStat_pkey" PRIMARY KEY ("term")
);
