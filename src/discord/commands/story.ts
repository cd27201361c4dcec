// `/story split|merge`: moderators undo the clustering's mistakes. The news service does the work in one transaction
// with its audit entry (src/db/story-edits.ts); the delivery worker then posts and edits.
import { plural } from '../reply.js';
import { moderator } from '../guards.js';
import type { CommandHandlers, CommandNamed } from './types.js';

export const storyHandlers: CommandHandlers<CommandNamed<'story'>> = {
  split: moderator(async (ctx) => {
    const storyId = ctx.requiredInteger('story');
    const articleId = ctx.requiredInteger('article');
    const result = await ctx.deps.news.splitStory({ guildId: ctx.guildId, actorId: ctx.userId, now: ctx.deps.now(), storyId, articleId });
    ctx.deps.wakeDelivery();
    const posted = result.posts > 0 ? ` It is being posted where story #${storyId} was (${plural(result.posts, 'post', 'posts')}).` : '';
    const edited = result.edits > 0 ? ` ${plural(result.edits, 'post', 'posts')} of story #${storyId} ${result.edits === 1 ? 'is' : 'are'} being updated.` : '';
    await ctx.respond({ content: `Moved article #${articleId} out of story #${storyId} into a new story, #${result.newStoryId}; votes and members' tags stay with #${storyId}; each story has the country, region and topic tags of its own articles.${posted}${edited}` });
  }),

  merge: moderator(async (ctx) => {
    const fromId = ctx.requiredInteger('story');
    const intoId = ctx.requiredInteger('into');
    const result = await ctx.deps.news.mergeStories({ guildId: ctx.guildId, actorId: ctx.userId, now: ctx.deps.now(), fromId, intoId });
    ctx.deps.wakeDelivery();
    const edited = result.edits > 0 ? ` ${plural(result.edits, 'post is', 'posts are')} being updated to show story #${intoId}.` : '';
    await ctx.respond({ content: `Merged story #${fromId} into #${intoId}: ${plural(result.articles, 'article', 'articles')}, its votes and its tags moved.${edited}` });
  }),
};
