-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "webhookId" TEXT;

-- CreateTable
CREATE TABLE "ChannelWebhook" (
    "channelId" TEXT NOT NULL,
    "guildId" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChannelWebhook_pkey" PRIMARY KEY ("channelId")
);

-- CreateIndex
CREATE UNIQUE INDEX "ChannelWebhook_webhookId_key" ON "ChannelWebhook"("webhookId");

-- CreateIndex
CREATE INDEX "ChannelWebhook_guildId_idx" ON "ChannelWebhook"("guildId");

-- AddForeignKey
ALTER TABLE "ChannelWebhook" ADD CONSTRAINT "ChannelWebhook_guildId_fkey" FOREIGN KEY ("guildId") REFERENCES "Guild"("id") ON DELETE CASCADE ON UPDATE CASCADE;
