// Moderators approve or reject member submissions from the review channel. Approving fetches and posts the story
// where the member shared it; the review message is rewritten to show who decided.
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent } from 'discord-api-types/v10';
import { claimApproval, completeApproval, decideSubmission, getSubmission, isAbandonedApproval, releaseApproval, sharedStoryOf } from '../../db/submissions.js';
import { canonicalUrl } from '../../pipeline/orchestrator.js';
import { UserError } from '../../errors.js';
import type { ButtonHandler } from '../interaction-router.js';
import { shareArticle } from '../share-story.js';
import { customId } from '../custom-ids.js';
import { channelMentions, clip } from '../reply.js';

export function reviewButtons(submissionId: number): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [
      { type: ComponentType.Button, style: ButtonStyle.Success, custom_id: customId({ kind: 'review', action: 'approve', submissionId }), label: 'Approve and post' },
      { type: ComponentType.Button, style: ButtonStyle.Danger, custom_id: customId({ kind: 'review', action: 'reject', submissionId }), label: 'Reject' },
    ],
  };
}

export function reviewText(s: { id: number; userId: string; url: string; channelId: string }, decision?: string): string {
  // An address may be 2,000 characters, a whole message no more: a very long one is shown cut (the submission keeps it).
  return `Submission #${s.id} from <@${s.userId}> for <#${s.channelId}>:\n${clip(s.url, 1800)}${decision ? `\n${decision}` : ''}`;
}

export const reviewButton: ButtonHandler<'review'> = async (ctx, { action, submissionId: id }) => {
  const submission = await getSubmission(ctx.deps.prisma, ctx.guildId, id);
  const abandoned = isAbandonedApproval(submission, ctx.deps.now());
  if (submission.status !== 'pending' && !abandoned) throw new UserError('conflict', `Submission #${id} was already ${submission.status}.`);
  // An approval cut off after its article was stored and posted (a crash before it was recorded) is finished, not
  // decided again: a reject would say so of a story the channel has.
  const posted = abandoned ? await sharedStoryOf(ctx.deps.prisma, ctx.guildId, submission.channelId, [submission.url, canonicalUrl(submission.url)]) : null;
  if (posted !== null) {
    const approver = submission.decidedById ?? ctx.userId;
    await completeApproval(ctx.deps.prisma, { guildId: ctx.guildId, id, moderatorId: approver, storyId: posted });
    await ctx.updateMessage({ content: reviewText(submission, `Approved by <@${approver}>: story #${posted}.`), components: [] });
    return;
  }
  if (action === 'reject') {
    await decideSubmission(ctx.deps.prisma, { guildId: ctx.guildId, id, moderatorId: ctx.userId, approve: false, now: ctx.deps.now() });
    await ctx.updateMessage({ content: reviewText(submission, `Rejected by <@${ctx.userId}>.`), components: [] });
    return;
  }
  // Claimed before anything is posted: a reject clicked while the article is fetched is told it was decided.
  await claimApproval(ctx.deps.prisma, { guildId: ctx.guildId, id, moderatorId: ctx.userId, now: ctx.deps.now() });
  let shared: Awaited<ReturnType<typeof shareArticle>>;
  try {
    // Fetching and summarizing can take a while: acknowledge the click first.
    await ctx.defer();
    shared = await shareArticle(ctx.deps, { guildId: ctx.guildId, url: submission.url, channelId: submission.channelId });
  } catch (error) {
    await releaseApproval(ctx.deps.prisma, id);
    throw error;
  }
  const { storyId, isNew, held, elsewhere } = shared;
  const routed = channelMentions(elsewhere);
  await completeApproval(ctx.deps.prisma, { guildId: ctx.guildId, id, moderatorId: ctx.userId, storyId });
  // Through the interaction, not the channel: an edit of the message itself needs Gazette's own access to the review
  // channel, and lost, it failed after the approval had been recorded and posted.
  await ctx.updateMessage({ content: reviewText(submission, `Approved by <@${ctx.userId}>: story #${storyId}${isNew ? '' : elsewhere.length ? ` (posted in ${routed} by the server's routes)` : held ? ' (held back: the channel had its posts for this hour; the digest lists it, if there is one)' : ' (already posted)'}.`), components: [] });
  await ctx.respond({ content: `Approved submission #${id}: story #${storyId}${isNew ? ' will be posted shortly' : elsewhere.length ? ` will be posted shortly in ${routed}, where the server's routes send it` : held ? ' is held back (the channel had its posts for this hour; the server\'s digest lists it, if there is one)' : ' was already in this server'}.` });
};
