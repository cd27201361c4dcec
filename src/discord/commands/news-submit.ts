// `/news submit url:` — a member shares an article. Posted at once, or queued for moderators when the server asks
// for approval.
import { Routes, type APIMessage } from 'discord.js';
import { getGuild } from '../../db/guilds.js';
import { createSubmission, setReviewMessage } from '../../db/submissions.js';
import { UserError } from '../../errors.js';
import type { CommandContext } from '../command-context.js';
import { reviewButtons, reviewText } from '../components/review.js';
import { noMentions } from '../reply.js';
import { shareArticle } from '../share-story.js';
import { checkSourceUrl } from '../../pipeline/resolve-source.js';

export async function submitStory(ctx: CommandContext<'url'>): Promise<void> {
  const url = checkSourceUrl(ctx.requiredString('url'), false);
  const channelId = ctx.interaction.channelId;
  await ctx.defer();
  const guild = await getGuild(ctx.deps.prisma, ctx.guildId);
  if (guild.submissionsNeedApproval) {
    if (!guild.reviewChannelId) throw new UserError('This server asks for approval of submissions but has no review channel; ask a moderator to set one with `/config submissions`.');
    const submission = await createSubmission(ctx.deps.prisma, { guildId: ctx.guildId, userId: ctx.userId, url, channelId });
    const posted = (await ctx.interaction.client.rest.post(Routes.channelMessages(guild.reviewChannelId), {
      body: { content: reviewText(submission), components: [reviewButtons(submission.id)], allowed_mentions: noMentions },
    })) as APIMessage;
    await setReviewMessage(ctx.deps.prisma, submission.id, posted.id);
    await ctx.respond({ content: `Thanks! Your submission #${submission.id} is waiting for a moderator's approval.` });
    return;
  }
  const { storyId, isNew } = await shareArticle(ctx.deps, { guildId: ctx.guildId, url, channelId });
  await ctx.respond({
    content: isNew ? `Thanks! Story #${storyId} will be posted in <#${channelId}> in a moment.` : `That story is already here: story #${storyId} (\`/news story id:${storyId}\`).`,
  });
}
