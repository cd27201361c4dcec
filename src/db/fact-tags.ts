// A story's tags that the pipeline sets (countries, regions, topics, its sources' tags: links without an `addedById`),
// set again from what the story is about now. Storing only ever adds them; after a split each half keeps those of
// its own articles: the old story dropped none (a Cambodia story kept "Southeast Asia" once its Cambodian report
// was split out) and the new one had none, so region and tag lists missed it.
import { findOrCreateTag, type TagInput } from './tags.js';
import type { Tx } from './tx.js';

export interface FactTags {
  /** The tags the story has now in each guild. */
  wanted: readonly TagInput[];
  /**
   * Names of the pipeline's links to take off (those not wanted): only what the other half is about. A link the
   * pipeline set for a reason not rebuilt here (a source's tag in a server whose sources carried another feed's
   * article) stays.
   */
  drop: ReadonlySet<string>;
}

/**
 * Sets the pipeline's tags of `storyId` in each guild: `wanted` added, `drop` taken off unless wanted (by name or
 * alias); members' own tags stay, and a banned tag or one a moderator removed from the story is not set (the trigger of
 * migration 20261207130942). The caller marks the story's posts for an edit first; the tags are taken (FOR SHARE)
 * before any link is deleted, in the order every writer takes them: posts, tags, links.
 */
export async function setFactTags(tx: Tx, storyId: number, byGuild: ReadonlyMap<string, FactTags>): Promise<void> {
  for (const [guildId, { wanted, drop }] of byGuild) {
    const tags = [];
    for (const input of wanted) tags.push(await findOrCreateTag(tx, guildId, input));
    const names = new Set(wanted.map((t) => t.name));
    const links = await tx.storyTag.findMany({ where: { guildId, storyId, addedById: null }, select: { tagId: true, tag: { select: { name: true, aliases: true } } } });
    const stale = links.filter((l) => {
      const known = [l.tag.name, ...l.tag.aliases];
      return known.some((n) => drop.has(n)) && !known.some((n) => names.has(n));
    });
    if (stale.length) await tx.storyTag.deleteMany({ where: { guildId, storyId, tagId: { in: stale.map((l) => l.tagId) }, addedById: null } });
    for (const tag of tags) if (tag) await tx.storyTag.createMany({ data: [{ guildId, storyId, tagId: tag.id }], skipDuplicates: true });
  }
}
