-- CreateTable
CREATE TABLE "SiteWait" (
    "host" TEXT NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SiteWait_pkey" PRIMARY KEY ("host")
);
