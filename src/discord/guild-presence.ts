// Which servers Gazette is in, kept in the database for planning: a server that removed it is planned nothing (every
// post would be refused with a 403, and refused requests count towards the limit Discord's edge puts on a bot's
// invalid requests, 10,000 in 10 minutes, past which it blocks the bot's address), until it is invited back.
import { Events, type Client } from 'discord.js';
import type { Logger } from 'pino';
import { markGuildLeft, markGuildsPresent } from '../db/guilds.js';
import type { Prisma } from '../db/client.js';

export function trackGuildPresence(client: Client, prisma: Prisma, now: () => Date, logger: Logger): { present(): Promise<void> } {
  // discord.js emits GuildDelete only for a removal; a server out of reach in an outage is GuildUnavailable.
  client.on(Events.GuildDelete, (guild) => {
    markGuildLeft(prisma, guild.id, now()).then(
      (dropped) => logger.info({ guildId: guild.id, dropped }, 'removed from a server: nothing is planned there until Gazette is invited back'),
      (error: unknown) => logger.error({ err: error, guildId: guild.id }, 'could not record the removal from a server'),
    );
  });
  client.on(Events.GuildCreate, (guild) => {
    markGuildsPresent(prisma, [guild.id]).then(
      (back) => back && logger.info({ guildId: guild.id }, 'invited back to a server: its stories are planned again'),
      (error: unknown) => logger.error({ err: error, guildId: guild.id }, 'could not record joining a server'),
    );
  });
  return {
    // A server that invited Gazette back while it was stopped arrives with the others at login, as no GuildCreate.
    async present() {
      const back = await markGuildsPresent(prisma, [...client.guilds.cache.keys()]);
      if (back) logger.info({ guilds: back }, 'back in servers it had been removed from');
    },
  };
}
