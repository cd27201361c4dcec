// Turning a shared article into a posted story: used by `/news submit` and by a moderator's approval.
import { storyFacts } from '../db/articles.js';
import { planSharedStory } from '../db/deliveries.js';
import { viewFor } from '../ingest/guild-views.js';
import type { BotDeps } from './bot-deps.js';

export async function shareArticle(deps: BotDeps, input: { guildId: string; url: string; channelId: string }): Promise<{ storyId: number; isNew: boolean }> {
  const { storyId } = await deps.news.ingestArticle(input.url);
  const view = viewFor(await storyFacts(deps.prisma, storyId), await deps.regionsFor(input.guildId), []);
  const { isNew } = await planSharedStory(deps.prisma, { guildId: input.guildId, storyId, channelIds: [input.channelId], view, now: deps.now() });
  if (isNew) deps.wakeDelivery();
  return { storyId, isNew };
}
