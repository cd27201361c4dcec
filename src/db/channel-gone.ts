// A channel Gazette posts to was deleted. Left alone, each new story of its sources or routes planned a post that
// Discord refused (404), for good: its sources are paused, saying why, its routes removed, its waiting posts dropped.
import type { Prisma } from './client.js';
import { recordAudit } from './audit.js';
import { gazetteActor } from './story-edits.js';

export const channelGoneReason = 'Its channel was deleted: `/source edit channel` moves it to another, then `/source resume` starts it again.';

/**
 * Pauses the channel's sources, removes its routes, drops its waiting posts and forgets it as the log channel (where
 * source alerts were refused and dropped, unseen, while `/config show` still named it), audited as Gazette's.
 */
export async function channelDeleted(prisma: Prisma, guildId: string, channelId: string): Promise<{ sources: number[]; routes: number[]; posts: number; logChannel: boolean }> {
  return prisma.$transaction(async (tx) => {
    const sources = (await tx.source.findMany({ where: { guildId, channelId, paused: false }, select: { id: true } })).map((s) => s.id);
    if (sources.length) await tx.source.updateMany({ where: { id: { in: sources } }, data: { paused: true, pausedReason: channelGoneReason } });
    const routes = (await tx.route.findMany({ where: { guildId, channelId }, select: { id: true } })).map((r) => r.id);
    if (routes.length) await tx.route.deleteMany({ where: { id: { in: routes } } });
    // A post tried before may have been made, but in a channel that no longer exists: there is nothing to find.
    const posts = (await tx.delivery.deleteMany({ where: { guildId, channelId, status: 'pending', claimedAt: null } })).count;
    const logChannel = (await tx.guild.updateMany({ where: { id: guildId, logChannelId: channelId }, data: { logChannelId: null } })).count > 0;
    if (sources.length || routes.length || posts || logChannel) {
      await recordAudit(tx, { guildId, actorId: gazetteActor, action: 'channel.deleted', target: `channel:${channelId}`, details: { pausedSources: sources, removedRoutes: routes, droppedPosts: posts, ...(logChannel && { logChannel }) } });
    }
    return { sources, routes, posts, logChannel };
  });
}
