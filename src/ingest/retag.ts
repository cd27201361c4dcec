// What the pipeline does again for the two halves of a story a moderator split, in the split's own transaction
// (src/db/story-edits.ts passes it in): each half gets the tags of its own articles, and the old story loses those
// only the split-off article gave it, as storing sets them for a new article; the new story is queued for the
// followers of the servers that have it, as any story new to a server is.
import { queueStoryForFollowers } from '../db/alerts.js';
import { storyFacts } from '../db/articles.js';
import type { GuildView } from '../db/deliveries.js';
import { storyAudience } from '../db/deliveries.js';
import { setFactTags, type FactTags } from '../db/fact-tags.js';
import type { SplitDone } from '../db/story-edits.js';
import type { Tx } from '../db/tx.js';
import { viewsForAudience } from './guild-views.js';

export async function afterSplit(tx: Tx, { oldId, newId, articleId, now }: SplitDone): Promise<void> {
  const viewsOf = async (storyId: number) => {
    const audience = await storyAudience(tx, storyId);
    return { audience, views: viewsForAudience(audience, await storyFacts(tx, storyId), { title: '', text: '' }) };
  };
  const [before, after] = [await viewsOf(oldId), await viewsOf(newId)];
  const names = (view: GuildView | undefined) => new Set((view?.tags ?? []).map((t) => t.name));
  const plan = (mine: Map<string, GuildView>, other: Map<string, GuildView>) =>
    new Map<string, FactTags>([...mine].map(([guildId, view]) => [guildId, { wanted: view.tags, drop: names(other.get(guildId)) }]));
  await setFactTags(tx, oldId, plan(before.views, after.views));
  await setFactTags(tx, newId, plan(after.views, before.views));
  // The split-off story is posted as a story of its own, so it is news to members following what it is about (a
  // follow of a country the mixed story's lead did not name heard nothing of it).
  const guilds = [...after.views]
    .filter(([guildId]) => after.audience.followingGuilds.has(guildId))
    .map(([guildId, view]) => ({ guildId, countries: view.countries, regions: view.regions, tags: view.tags.map((t) => t.name) }));
  await queueStoryForFollowers(tx, { storyId: newId, articleId, at: now, guilds });
}
