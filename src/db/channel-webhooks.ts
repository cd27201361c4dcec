// Channels whose stories are posted as their outlet (`/config post-as-outlet`): the webhook Gazette's application
// created in the channel, its token, and the moderator actions that turn it on and off (audited).
import type { Prisma } from './client.js';
import { recordAudit } from './audit.js';
import { ensureGuild } from './guilds.js';
import type { Tx } from './tx.js';

export interface ChannelWebhook {
  channelId: string;
  guildId: string;
  webhookId: string;
  token: string;
}

const fields = { channelId: true, guildId: true, webhookId: true, token: true } as const;

/** A webhook by its id (edits of a post it made), while it is stored. */
export async function webhookById(tx: Tx, webhookId: string): Promise<ChannelWebhook | null> {
  return tx.channelWebhook.findUnique({ where: { webhookId }, select: fields });
}

/** `/config post-as-outlet … on`: stores (or replaces) the channel's webhook and audits it. */
export async function setChannelWebhook(prisma: Prisma, actorId: string, hook: ChannelWebhook): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await ensureGuild(tx, hook.guildId);
    await tx.channelWebhook.upsert({ where: { channelId: hook.channelId }, create: hook, update: { webhookId: hook.webhookId, token: hook.token } });
    await recordAudit(tx, { guildId: hook.guildId, actorId, action: 'config.post-as-outlet', target: hook.channelId, details: { state: 'on', webhookId: hook.webhookId } });
  });
}

/** `/config post-as-outlet … off`: forgets the channel's webhook (returned, for deleting it on Discord) and audits it; null (and nothing audited) when it was not on. */
export async function removeChannelWebhook(prisma: Prisma, guildId: string, actorId: string, channelId: string): Promise<ChannelWebhook | null> {
  return prisma.$transaction(async (tx) => {
    const hook = await tx.channelWebhook.findFirst({ where: { channelId, guildId }, select: fields });
    if (!hook) return null;
    await tx.channelWebhook.delete({ where: { channelId } });
    await recordAudit(tx, { guildId, actorId, action: 'config.post-as-outlet', target: channelId, details: { state: 'off', webhookId: hook.webhookId } });
    return hook;
  });
}

/** Discord no longer knows the webhook (someone deleted it): stop using it. Not a moderator action. */
export async function dropWebhook(tx: Tx, webhookId: string): Promise<void> {
  await tx.channelWebhook.deleteMany({ where: { webhookId } });
}
