// Turning a shared article into a posted story: used by `/news submit` and by a moderator's approval. The news
// service stores and plans it like any polled article; this only wakes the delivery worker.
import type { BotDeps } from './bot-deps.js';

export async function shareArticle(deps: BotDeps, input: { guildId: string; url: string; channelId: string }): Promise<{ storyId: number; isNew: boolean; held: boolean; elsewhere: string[] }> {
  const shared = await deps.news.shareArticle(input);
  // Whatever was planned: posts in a route's channel, or edits of the server's posts, even when `isNew` is false.
  deps.wakeDelivery();
  return shared;
}
