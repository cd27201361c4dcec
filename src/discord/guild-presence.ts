// Which servers and channels Gazette can post in, kept in the database for planning: a server that removed it is
// planned nothing until it is invited back, and a deleted channel's sources are paused and routes removed. Otherwise
// every post there is refused (403, 404), and refused requests count towards the limit Discord's edge puts on a
// bot's invalid requests (10,000 in 10 minutes), past which it blocks the bot's address.
import { Events, type Client } from 'discord.js';
import type { Logger } from '../logger.js';
import { channelDeleted } from '../db/channel-gone.js';
import { markGuildLeft, markGuildsLeftExcept, markGuildsPresent } from '../db/guilds.js';
import type { Prisma } from '../db/client.js';

/** `allShards`: this process runs every shard, so the servers it sees at login are all Gazette is in. */
export function trackGuildPresence(client: Client, prisma: Prisma, now: () => Date, logger: Logger, allShards: boolean): { present(): Promise<void> } {
  // discord.js emits GuildDelete only for a removal; a server out of reach in an outage is GuildUnavailable.
  client.on(Events.GuildDelete, (guild) => {
    markGuildLeft(prisma, guild.id, now()).then(
      (dropped) => logger.info({ guildId: guild.id, dropped }, 'removed from a server: nothing is planned there until Gazette is invited back'),
      (error: unknown) => logger.error({ err: error, guildId: guild.id }, 'could not record the removal from a server'),
    );
  });
  // A deleted channel's sources and routes would have every post refused (404): paused and removed, saying why.
  client.on(Events.ChannelDelete, (channel) => {
    if (channel.isDMBased()) return;
    forgetChannel(prisma, channel.guildId, channel.id, logger);
  });
  client.on(Events.GuildCreate, (guild) => {
    markGuildsPresent(prisma, [guild.id]).then(
      (back) => back && logger.info({ guildId: guild.id }, 'invited back to a server: its stories are planned again'),
      (error: unknown) => logger.error({ err: error, guildId: guild.id }, 'could not record joining a server'),
    );
  });
  return {
    // A server that invited Gazette back while it was stopped arrives with the others at login, as no GuildCreate.
    // One removed while it was stopped is missing from that list, when this process sees every shard's servers.
    // A failure is logged, not thrown: the bot runs on, as it did before it kept track.
    async present() {
      await presentNow().catch((error: unknown) => logger.error({ err: error }, 'could not record the servers Gazette is in'));
    },
  };
  async function presentNow() {
    const here = [...client.guilds.cache.keys()];
    const back = await markGuildsPresent(prisma, here);
    if (back) logger.info({ guilds: back }, 'back in servers it had been removed from');
    if (!allShards) return;
    const left = await markGuildsLeftExcept(prisma, here, now());
    if (left.length) logger.info({ guilds: left }, 'removed from servers while stopped: nothing is planned there until Gazette is invited back');
  }
}

/** channelDeleted, logged: from the gateway's ChannelDelete, or a post Discord refused for a channel it no longer has. */
export function forgetChannel(prisma: Prisma, guildId: string, channelId: string, logger: Logger): void {
  channelDeleted(prisma, guildId, channelId).then(
    (gone) => (gone.sources.length || gone.routes.length || gone.posts || gone.logChannel) && logger.info({ guildId, channelId, ...gone }, 'channel deleted: its sources paused, routes removed, waiting posts dropped'),
    (error: unknown) => logger.error({ err: error, guildId, channelId }, 'could not record a deleted channel'),
  );
}
