// The tags each server shows for the two halves of a story a moderator split: each gets the tags of its own articles,
// and the old story loses those only the split-off article gave it, in the split's own transaction
// (src/db/story-edits.ts passes it in), as storing sets them for a new article.
import { storyFacts } from '../db/articles.js';
import type { GuildView } from '../db/deliveries.js';
import { storyAudience } from '../db/deliveries.js';
import { setFactTags, type FactTags } from '../db/fact-tags.js';
import type { Tx } from '../db/tx.js';
import { viewsForAudience } from './guild-views.js';

export async function retagSplit(tx: Tx, [oldId, newId]: readonly number[]): Promise<void> {
  const viewsOf = async (storyId: number) => viewsForAudience(await storyAudience(tx, storyId), await storyFacts(tx, storyId), { title: '', text: '' });
  const [before, after] = [await viewsOf(oldId!), await viewsOf(newId!)];
  const names = (view: GuildView | undefined) => new Set((view?.tags ?? []).map((t) => t.name));
  const plan = (mine: Map<string, GuildView>, other: Map<string, GuildView>) =>
    new Map<string, FactTags>([...mine].map(([guildId, view]) => [guildId, { wanted: view.tags, drop: names(other.get(guildId)) }]));
  await setFactTags(tx, oldId!, plan(before, after));
  await setFactTags(tx, newId!, plan(after, before));
}
