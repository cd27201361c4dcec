// A significance vote from the buttons under a post. The vote is stored (replacing the member's earlier one)
// before the member is answered; the post's tally is refreshed by a coalesced edit, not one edit per click.
import { castVote } from '../../db/votes.js';
import type { BotDeps } from '../bot-deps.js';
import type { ButtonHandler } from '../interaction-router.js';
import { votesSummary } from '../render/votes-summary.js';
import { storyActedOn } from '../reply.js';

/** How long vote edits to one post are gathered before the post is refreshed. */
export const voteEditDelayMs = 3_000;

/** The gathering delay of votes' and tags' edits these handlers use: the default, or what the bot was given. */
export const editDelayMs = (deps: Pick<BotDeps, 'voteEditDelayMs'>): number => deps.voteEditDelayMs ?? voteEditDelayMs;

export const voteButton: ButtonHandler<'vote'> = async (ctx, { storyId, value }) => {
  const result = await castVote(ctx.deps.prisma, { guildId: ctx.guildId, storyId, userId: ctx.userId, value, now: ctx.deps.now(), editDelayMs: editDelayMs(ctx.deps) });
  ctx.deps.wakeDelivery();
  const change = result.previous === null ? '' : result.previous === value ? ' (unchanged)' : ` (was ${result.previous})`;
  await ctx.respond({
    content:
      `Your significance vote for ${storyActedOn(result.storyId, storyId)}: **${value}**${change}. ` +
      `It now has ${votesSummary({ count: result.count, sum: result.sum })}.`,
  });
};
