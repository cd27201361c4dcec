// Posts held back because Gazette lacked a permission in their channel (post-permissions.ts) are tried again as soon
// as its permissions in that server change, not at their next retry (up to half an hour later): a moderator who gives
// the permission back sees the waiting stories arrive. A deleted role is also taken off the routes that mention it.
import { Events, type Client } from 'discord.js';
import type { Prisma } from '../db/client.js';
import { retryWaitingPosts } from '../db/outbox.js';
import { roleDeleted } from '../db/routes.js';
import type { Logger } from '../logger.js';
import { heldForPermissions } from './delivery/discord-errors.js';

export function retryOnPermissionChanges(client: Client, prisma: Prisma, now: () => Date, wake: () => void, logger: Logger): void {
  const retry = (guildId: string, channelId?: string) => {
    retryWaitingPosts(prisma, { guildId, channelId, reasonPrefix: heldForPermissions }, now()).then(
      (count) => {
        if (count === 0) return;
        logger.info({ guildId, channelId, posts: count }, 'permissions changed: waiting posts tried again');
        wake();
      },
      (error: unknown) => logger.error({ err: error, guildId }, 'could not retry the posts waiting in a server'),
    );
  };
  client.on(Events.GuildRoleUpdate, (_before, role) => retry(role.guild.id));
  client.on(Events.GuildRoleDelete, (role) => {
    retry(role.guild.id);
    roleDeleted(prisma, role.guild.id, role.id).then(
      (routes) => routes.length && logger.info({ guildId: role.guild.id, roleId: role.id, routes }, 'role deleted: its routes mention nobody now'),
      (error: unknown) => logger.error({ err: error, guildId: role.guild.id, roleId: role.id }, 'could not record a deleted role'),
    );
  });
  // A channel's overwrites are its own posts' business (a forum's also its posts' threads', which Gazette posts in only
  // through the forum).
  client.on(Events.ChannelUpdate, (_before, channel) => {
    if (!channel.isDMBased()) retry(channel.guildId, channel.id);
  });
  // Discord sends the bot its own member's updates (a role given to it) without the GuildMembers intent.
  client.on(Events.GuildMemberUpdate, (_before, member) => {
    if (member.id === client.user?.id) retry(member.guild.id);
  });
}
