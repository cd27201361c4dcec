// The tags each server shows for stories a moderator split: set again from what each story is about now, in the
// split's own transaction (src/db/story-edits.ts passes it in), as storing sets them for a new article.
import { storyFacts } from '../db/articles.js';
import { storyAudience } from '../db/deliveries.js';
import { setFactTags } from '../db/fact-tags.js';
import type { Tx } from '../db/tx.js';
import { viewsForAudience } from './guild-views.js';

export async function retagStories(tx: Tx, storyIds: readonly number[]): Promise<void> {
  for (const storyId of storyIds) {
    const views = viewsForAudience(await storyAudience(tx, storyId), await storyFacts(tx, storyId), { title: '', text: '' });
    await setFactTags(tx, storyId, new Map([...views].map(([guildId, view]) => [guildId, view.tags])));
  }
}
