// What Gazette needs to post a story in a channel, judged from the gateway's cache: Discord's own algorithm over the
// cached roles and the channel's overwrites (discord.js permissionsFor). `/source add` asks it before a channel is
// taken, the delivery worker before each post: a channel whose permissions were taken away then costs no refused
// request (Discord's edge blocks a bot's address after 10,000 invalid requests in 10 minutes).
import { ChannelType, PermissionFlagsBits, type Client, type GuildBasedChannel, type GuildMember } from 'discord.js';

const threadTypes = new Set<number>([ChannelType.PublicThread, ChannelType.PrivateThread, ChannelType.AnnouncementThread]);

const needed = (type: number, embeds: boolean) => [
  { bit: PermissionFlagsBits.ViewChannel, name: 'View Channel' },
  // In a forum, Send Messages is what Discord's settings call "Create Posts"; in a thread (a forum post too) a message
  // needs Send Messages in Threads instead.
  threadTypes.has(type)
    ? { bit: PermissionFlagsBits.SendMessagesInThreads, name: 'Send Messages in Threads' }
    : { bit: PermissionFlagsBits.SendMessages, name: type === ChannelType.GuildForum ? 'Create Posts' : 'Send Messages' },
  ...(embeds ? [{ bit: PermissionFlagsBits.EmbedLinks, name: 'Embed Links' }] : []),
];

/**
 * The names of the permissions Gazette lacks to post in `channel` (empty: none), or undefined when the cache cannot
 * tell (the channel or Gazette's member is not cached: another process's server, or one not yet loaded). `embeds:
 * false` for plain-text messages (the log channel's), which need no Embed Links.
 */
export function missingPostPermissions(channel: GuildBasedChannel | undefined, me: GuildMember | null | undefined, embeds = true): string[] | undefined {
  if (!channel || !me) return undefined;
  // Null for a thread whose parent is not cached: the cache cannot tell.
  const permissions = channel.permissionsFor(me);
  if (!permissions) return undefined;
  return needed(channel.type, embeds).filter((p) => !permissions.has(p.bit, true)).map((p) => p.name);
}

/** missingPostPermissions for a channel of a server, from the client's cache. */
export function missingPostPermissionsIn(client: Client, guildId: string, channelId: string): string[] | undefined {
  const guild = client.guilds.cache.get(guildId);
  return missingPostPermissions(guild?.channels.cache.get(channelId), guild?.members.me);
}
