// What moderator commands read around the domain modules: a guild's settings at a glance. Writes that moderators
// make go through sources/routes/regions/guilds/tags, which audit.
import { ensureGuild } from './guilds.js';
import { regionOverrides } from './regions.js';
import type { Tx } from './tx.js';
import { lastDigestFailure } from './digests.js';

/** Everything `/config show` lists: the settings row, how many sources and routes, and the regions changed. */
export async function guildOverview(tx: Tx, guildId: string) {
  const guild = await ensureGuild(tx, guildId);
  const [sources, pausedSources, routes, regions, digestFailure, outletChannels] = await Promise.all([
    tx.source.count({ where: { guildId } }),
    tx.source.count({ where: { guildId, paused: true } }),
    tx.route.count({ where: { guildId } }),
    regionOverrides(tx, guildId),
    lastDigestFailure(tx, guildId),
    tx.channelWebhook.findMany({ where: { guildId }, select: { channelId: true }, orderBy: { createdAt: 'asc' } }),
  ]);
  return { guild, sources, pausedSources, routes, regions, digestFailure, outletChannels: outletChannels.map((c) => c.channelId) };
}

