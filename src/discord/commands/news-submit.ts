// `/news submit url:` — a member shares an article. Posted at once, or queued for moderators when the server asks
// for approval.
import { PermissionFlagsBits, Routes, type APIMessage } from 'discord.js';
import { ensureGuild } from '../../db/guilds.js';
import { createSubmission, setReviewMessage, withdrawSubmission } from '../../db/submissions.js';
import { UserError } from '../../errors.js';
import type { CommandContext } from '../command-context.js';
import { reviewButtons, reviewText } from '../components/review.js';
import { channelMentions, noMentions } from '../reply.js';
import { createRateLimiter } from '../rate-limit.js';
import { shareArticle } from '../share-story.js';
import { checkSourceUrl } from '../../pipeline/orchestrator.js';
import { requireBotCanPost } from './source-checks.js';
import { messageNonce } from '../../message-nonce.js';

// A member shares a few links a minute at most; a whole server a few dozen: each one is fetched and processed.
const perMember = createRateLimiter({ max: 3, windowMs: 60_000 });
const perGuild = createRateLimiter({ max: 20, windowMs: 60_000 });

/**
 * Counts a submission against both limits, or refuses it. The member's use is counted only once the server's limit
 * let it through: a link the server's limit refused was not shared, and must not hold back the member's next one.
 */
export function checkSubmitRate(guildId: string, userId: string, now: number): void {
  const member = `${guildId}:${userId}`;
  const wait = perMember.wait(member, now);
  if (wait > 0) throw new UserError('rate-limited', `You have shared 3 links in the last minute. Please wait ${Math.ceil(wait / 1000)} s before sharing another.`);
  const guildWait = perGuild.take(guildId, now);
  if (guildWait > 0) throw new UserError('rate-limited', `Members of this server have shared many links in the last minute. Please try again in ${Math.ceil(guildWait / 1000)} s.`);
  perMember.take(member, now);
}

/**
 * The story is posted in the channel the command was used in, with the page's own title and text: only where the member
 * may write themselves. Discord lets commands be used in channels closed to members' messages (announcements).
 */
function requireMemberCanPost(ctx: CommandContext<'url'>): void {
  // A channel Gazette has not cached (a private thread) may be a thread or not: either permission will do there.
  const channel = ctx.interaction.channel;
  const bits = !channel ? [PermissionFlagsBits.SendMessages, PermissionFlagsBits.SendMessagesInThreads] : channel.isThread() ? [PermissionFlagsBits.SendMessagesInThreads] : [PermissionFlagsBits.SendMessages];
  if (bits.some((bit) => ctx.interaction.memberPermissions?.has(bit))) return;
  throw new UserError('forbidden', `You cannot write in <#${ctx.interaction.channelId}>, so Gazette does not post links you share here either. Share it from a channel where you can post.`);
}

export async function submitStory(ctx: CommandContext<'url'>): Promise<void> {
  const url = checkSourceUrl(ctx.requiredString('url'), false);
  const channelId = ctx.interaction.channelId;
  requireMemberCanPost(ctx);
  requireBotCanPost(ctx, channelId);
  checkSubmitRate(ctx.guildId, ctx.userId, ctx.deps.now().getTime());
  await ctx.defer();
  const guild = await ensureGuild(ctx.deps.prisma, ctx.guildId);
  if (guild.submissionsNeedApproval) {
    if (!guild.reviewChannelId) throw new UserError('not-configured', 'This server asks for approval of submissions but has no review channel; ask a moderator to set one with `/config submissions`.');
    const submission = await createSubmission(ctx.deps.prisma, { guildId: ctx.guildId, userId: ctx.userId, url, channelId }, ctx.deps.now());
    let posted: APIMessage;
    try {
      posted = (await ctx.interaction.client.rest.post(Routes.channelMessages(guild.reviewChannelId), {
        // One nonce per submission: discord.js may resend it after a lost answer (creation-requests.ts).
        body: { content: reviewText(submission), components: [reviewButtons(submission.id)], allowed_mentions: noMentions, nonce: messageNonce(`submission:${submission.id}`), enforce_nonce: true },
      })) as APIMessage;
    } catch (error) {
      // Kept, it would wait for ever where no moderator sees it, and refuse the member's next try as a duplicate.
      await withdrawSubmission(ctx.deps.prisma, submission.id);
      ctx.log.warn({ err: error, channelId: guild.reviewChannelId, submissionId: submission.id }, 'could not post a submission for review');
      throw new UserError('bot-permission', `Gazette could not post your submission in the review channel <#${guild.reviewChannelId}>, so it was not kept. Please tell a moderator (Gazette needs to see and send messages there), then try again.`);
    }
    await setReviewMessage(ctx.deps.prisma, submission.id, posted.id);
    await ctx.respond({ content: `Thanks! Your submission #${submission.id} is waiting for a moderator's approval.` });
    return;
  }
  const { storyId, isNew, held, elsewhere } = await shareArticle(ctx.deps, { guildId: ctx.guildId, url, channelId });
  await ctx.respond({
    content: isNew
      ? `Thanks! Story #${storyId} will be posted in <#${channelId}> in a moment.`
      : elsewhere.length
        ? `Thanks! Story #${storyId} will be posted in ${channelMentions(elsewhere)} in a moment, where this server's routes send it${held ? `; not in <#${channelId}>, which has had its posts for this hour` : ''}.`
        : held
        ? `Thanks! Story #${storyId} is not posted in <#${channelId}> now: the channel has had its posts for this hour. It is listed in the server's next digest, if there is one, and \`/news story id:${storyId}\` shows it.`
        : `That story is already here: story #${storyId} (\`/news story id:${storyId}\`).`,
  });
}

