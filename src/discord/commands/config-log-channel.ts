// `/config log-channel [channel]`: where Gazette tells moderators about sources that paused themselves, work again,
// or went quiet for longer than usual (src/discord/source-alerts.ts); no channel turns it off.
import type { APIEmbed } from 'discord-api-types/v10';
import { updateGuildSettings } from '../../db/guilds.js';
import type { CommandContext } from '../command-context.js';
import { requireBotCanPost } from './source-checks.js';

export async function configLogChannelCommand(ctx: CommandContext<'channel'>): Promise<void> {
  const channelId = ctx.channel('channel')?.id ?? null;
  // Its messages are plain text (src/discord/source-alerts.ts): no Embed Links needed.
  if (channelId) requireBotCanPost(ctx, channelId, { embeds: false });
  await updateGuildSettings(ctx.deps.prisma, ctx.guildId, ctx.userId, { logChannelId: channelId });
  await ctx.respond({
    content: channelId
      ? `Gazette will tell moderators in <#${channelId}> when a source pauses itself after failing, when it works again, and when it has published nothing for longer than usual — at most one message a day per source. \`/config log-channel\` without a channel turns this off.`
      : 'Source alerts are off: broken and quiet sources show only in `/source list`. `/config log-channel` with a channel turns them on again.',
  });
}

/** `/config show`'s line for it, placed before the (long) list of changed regions. */
export function withLogChannelField(embed: APIEmbed, logChannelId: string | null): APIEmbed {
  const field = { name: 'Log channel', value: logChannelId ? `<#${logChannelId}>: sources that pause, recover or go quiet` : 'Off. `/config log-channel` turns it on.' };
  const fields = [...(embed.fields ?? [])];
  const at = fields.findIndex((f) => f.name === 'Regions changed');
  fields.splice(at < 0 ? fields.length : at, 0, field);
  return { ...embed, fields };
}
