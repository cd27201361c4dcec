// A story's tags that the pipeline sets (countries, regions, topics, its sources' tags: links without an `addedById`),
// set again from what the story is about now. Storing only ever adds them; after a split each half keeps those of
// its own articles: the old story dropped none (a Cambodia story kept "Southeast Asia" once its Cambodian report
// was split out) and the new one had none, so region and tag lists missed it.
import type { TagInput } from './tags.js';
import { findOrCreateTag } from './tags.js';
import type { Tx } from './tx.js';

/**
 * Sets the pipeline's tags of `storyId` in each guild to `wanted` (by name or alias): others the pipeline set are
 * removed, members' own tags stay, and a banned tag or one a moderator removed from the story is not set (the
 * trigger of migration 20261207130942). The caller marks the story's posts for an edit first (posts, then tags).
 */
export async function setFactTags(tx: Tx, storyId: number, wanted: ReadonlyMap<string, readonly TagInput[]>): Promise<void> {
  for (const [guildId, tags] of wanted) {
    const names = new Set(tags.map((t) => t.name));
    const links = await tx.storyTag.findMany({ where: { guildId, storyId, addedById: null }, select: { tagId: true, tag: { select: { name: true, aliases: true } } } });
    const stale = links.filter((l) => ![l.tag.name, ...l.tag.aliases].some((n) => names.has(n))).map((l) => l.tagId);
    if (stale.length) await tx.storyTag.deleteMany({ where: { guildId, storyId, tagId: { in: stale }, addedById: null } });
    for (const input of tags) {
      const tag = await findOrCreateTag(tx, guildId, input);
      if (tag) await tx.storyTag.createMany({ data: [{ guildId, storyId, tagId: tag.id }], skipDuplicates: true });
    }
  }
}
