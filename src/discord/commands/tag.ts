// `/tag add` and `/tag remove`: members tag stories; tags are normalized, rate-limited per member, and a moderator
// may remove any tag.
import { removeStoryTag } from '../../db/tags.js';
import { normalizeTag, resolveTag } from '../../pipeline/orchestrator.js';
import { addTagFor, withinTagAllowance } from '../components/tag-modal.js';
import { editDelayMs } from '../components/vote.js';
import { storyActedOn } from '../reply.js';
import type { CommandHandlers, CommandNamed } from './types.js';

export const tagHandlers: CommandHandlers<CommandNamed<'tag'>> = {
  async add(ctx) {
    await ctx.respond({ content: await addTagFor(ctx, ctx.requiredInteger('story'), ctx.requiredString('tag')) });
  },
  async remove(ctx) {
    const storyId = ctx.requiredInteger('story');
    const typed = ctx.requiredString('tag');
    const name = resolveTag(typed, await ctx.deps.regionsFor(ctx.guildId))?.name ?? normalizeTag(typed);
    const refreshAt = new Date(ctx.deps.now().getTime() + editDelayMs(ctx.deps));
    const moderator = await ctx.isModerator();
    const remove = () => removeStoryTag(ctx.deps.prisma, ctx.guildId, storyId, ctx.userId, name, moderator, refreshAt);
    const { tag, storyId: current } = moderator ? await remove() : await withinTagAllowance(ctx, async () => ({ changed: true, result: await remove() }));
    ctx.deps.wakeDelivery();
    await ctx.respond({ content: `Removed \`${tag.label}\` from ${storyActedOn(current, storyId)}.` });
  },
};
