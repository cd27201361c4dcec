// `/config post-as-outlet channel on|off`: stories in a channel are posted under their outlet's name and icon,
// through a webhook Gazette's application creates there (its messages keep the vote, Tag and Discuss buttons), or by
// Gazette itself again. Creating a webhook needs Manage Webhooks in the channel; src/db/channel-webhooks.ts audits.
import { DiscordAPIError, PermissionFlagsBits, Routes, type APIWebhook } from 'discord.js';
import { removeChannelWebhook, setChannelWebhook } from '../../db/channel-webhooks.js';
import { UserError } from '../../errors.js';
import type { CommandContext } from '../command-context.js';
import { unknownWebhookCode } from '../delivery/outlet-webhook.js';
import { clip, escapeText } from '../reply.js';
import { requireBotCanPost } from './source-checks.js';

/** The name the webhook itself carries; each post overrides it with its outlet's. */
const webhookName = 'Gazette outlets';

const missingManageWebhooks = (channelId: string) =>
  new UserError(
    'invalid',
    `Gazette cannot post as the outlet in <#${channelId}>: it lacks Manage Webhooks there, which it needs to create its webhook. ` +
      `Give Gazette's role Manage Webhooks in the channel's settings, then try again.`,
  );

/** Refuses early when the cached permissions say Gazette lacks Manage Webhooks (Discord's refusal is caught too). */
function requireManageWebhooks(ctx: CommandContext<'channel' | 'state'>, channelId: string): void {
  const guild = ctx.interaction.guild;
  const channel = guild?.channels.cache.get(channelId);
  const me = guild?.members.me;
  if (!channel || !me) return;
  if (!channel.permissionsFor(me).has(PermissionFlagsBits.ManageWebhooks, true)) throw missingManageWebhooks(channelId);
}

/** Gazette's own webhook in the channel (one left from an earlier `on` is reused), or a new one. */
async function ensureWebhook(ctx: CommandContext<'channel' | 'state'>, channelId: string): Promise<{ id: string; token: string }> {
  const rest = ctx.interaction.client.rest;
  const applicationId = ctx.interaction.applicationId;
  try {
    const existing = (await rest.get(Routes.channelWebhooks(channelId))) as APIWebhook[];
    const mine = existing.find((w) => w.application_id === applicationId && w.token);
    if (mine?.token) return { id: mine.id, token: mine.token };
    const created = (await rest.post(Routes.channelWebhooks(channelId), { body: { name: webhookName }, reason: `/config post-as-outlet by ${ctx.userId}` })) as APIWebhook;
    if (!created.token) throw new Error('Discord returned a webhook without a token');
    return { id: created.id, token: created.token };
  } catch (error) {
    if (error instanceof DiscordAPIError && (error.code === 50013 || error.code === 50001)) throw missingManageWebhooks(channelId);
    if (error instanceof DiscordAPIError && error.code === 30007) {
      throw new UserError('limit', `<#${channelId}> already has as many webhooks as Discord allows (15). Delete one in the channel's settings (Integrations), then try again.`);
    }
    throw error;
  }
}

/** Deletes the channel's webhook; undefined when it is gone (a webhook someone already deleted is too), else why not. */
async function deleteWebhook(ctx: CommandContext<'channel' | 'state'>, hook: { webhookId: string; token: string }): Promise<string | undefined> {
  try {
    // Through its token: no permission needed.
    await ctx.interaction.client.rest.delete(Routes.webhook(hook.webhookId, hook.token), { auth: false });
    return undefined;
  } catch (error) {
    if (error instanceof DiscordAPIError && error.code === unknownWebhookCode) return undefined;
    ctx.log.warn({ err: error, webhookId: hook.webhookId }, 'could not delete the outlet webhook');
    return error instanceof DiscordAPIError ? clip(escapeText(error.message), 100) : 'Discord did not answer';
  }
}

export async function configPostAsOutlet(ctx: CommandContext<'channel' | 'state'>): Promise<void> {
  const channelId = ctx.channel('channel')?.id;
  if (!channelId) throw new UserError('invalid', 'Which channel? Give `channel`.');
  if (ctx.requiredString('state') === 'off') {
    // Deleting the webhook is a call to Discord: deferred first, so a slow answer cannot time the interaction out.
    await ctx.defer();
    const hook = await removeChannelWebhook(ctx.deps.prisma, ctx.guildId, ctx.userId, channelId);
    if (!hook) return ctx.respond({ content: `Stories in <#${channelId}> are already posted by Gazette itself.` });
    const failure = await deleteWebhook(ctx, hook);
    const webhook = failure
      ? `, but Gazette could not delete its webhook there (${failure}): delete it in the channel's settings (Integrations → Webhooks).`
      : ', and its webhook there is deleted.';
    return ctx.respond({
      content: `Stories in <#${channelId}> are posted by Gazette itself again${webhook} Posts the webhook made stay, but their vote tally is no longer updated.`,
    });
  }
  requireBotCanPost(ctx, channelId);
  requireManageWebhooks(ctx, channelId);
  await ctx.defer();
  const webhook = await ensureWebhook(ctx, channelId);
  await setChannelWebhook(ctx.deps.prisma, ctx.userId, { guildId: ctx.guildId, channelId, webhookId: webhook.id, token: webhook.token });
  await ctx.respond({
    content:
      `New stories in <#${channelId}> are posted under their outlet's name and icon, through Gazette's webhook there; votes, Tag and Discuss work as before. ` +
      `If the webhook is deleted, Gazette posts as itself again. \`/config post-as-outlet\` with \`off\` turns it off.`,
  });
}
