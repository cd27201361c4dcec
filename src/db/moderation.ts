// What moderator commands read and refresh around the domain modules: a guild's settings at a glance, and the posts
// a tag change makes stale. Writes that moderators make go through sources/routes/regions/guilds/tags, which audit.
import { getGuild } from './guilds.js';
import { regionOverrides } from './regions.js';
import { findTag } from './tags.js';
import type { Tx } from './tx.js';

/** Everything `/config show` lists: the settings row, how many sources and routes, and the regions changed. */
export async function guildOverview(tx: Tx, guildId: string) {
  const guild = await getGuild(tx, guildId);
  const [sources, pausedSources, routes, regions] = await Promise.all([
    tx.source.count({ where: { guildId } }),
    tx.source.count({ where: { guildId, paused: true } }),
    tx.route.count({ where: { guildId } }),
    regionOverrides(tx, guildId),
  ]);
  return { guild, sources, pausedSources, routes, regions };
}

/** The guild's tag with this name or alias (its label as stored) and the stories carrying it; null label when there is no such tag. */
export async function taggedStories(tx: Tx, guildId: string, name: string): Promise<{ label: string | null; storyIds: number[] }> {
  const tag = await findTag(tx, guildId, name);
  if (!tag) return { label: null, storyIds: [] };
  const links = await tx.storyTag.findMany({ where: { guildId, tagId: tag.id }, select: { storyId: true }, orderBy: { storyId: 'asc' } });
  return { label: tag.label, storyIds: links.map((l) => l.storyId) };
}

/**
 * Asks for the guild's posts of these stories to be refreshed no later than `dueAt` (earlier requests stand), so a
 * banned or renamed tag disappears from posts too. Returns how many posts will be edited.
 */
export async function requestEditsFor(tx: Tx, guildId: string, storyIds: number[], dueAt: Date): Promise<number> {
  if (storyIds.length === 0) return 0;
  return tx.$executeRaw`
    UPDATE "Delivery" SET "editDueAt" = LEAST(COALESCE("editDueAt", ${dueAt}), ${dueAt})
    WHERE "guildId" = ${guildId} AND "storyId" = ANY(${storyIds}) AND status = 'posted'`;
}
