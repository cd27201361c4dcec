// "Discuss": opens the story's thread, creating it from the post the first time. A thread started from a message
// has the message's id, so two members clicking at once end up in the same thread.
import { DiscordAPIError, Routes } from 'discord.js';
import { clearStoryThread, setStoryThread, storyThread } from '../../db/threads.js';
import { UserError } from '../../errors.js';
import type { ButtonHandler } from '../interaction-router.js';
import { clip } from '../reply.js';

export const discussButton: ButtonHandler<'discuss'> = async (ctx, { storyId: clicked }) => {
  const { prisma } = ctx.deps;
  const existing = await storyThread(prisma, ctx.guildId, clicked);
  if (!existing) throw new UserError('not-found', `There is no story #${clicked} in this server any more.`);
  // A post of a story merged into another (its buttons stay until its edit lands) discusses the story it is part of.
  const { storyId } = existing;
  const rest = ctx.interaction.client.rest;
  if (existing.threadId) {
    const alive = await rest.get(Routes.channel(existing.threadId)).then(
      () => true,
      (e: unknown) => !(e instanceof DiscordAPIError && e.status === 404),
    );
    if (alive) return ctx.respond({ content: `Discussion of story #${storyId}: <#${existing.threadId}>` });
    await clearStoryThread(prisma, ctx.guildId, storyId); // deleted by a moderator: start a new one
  }
  // A post in a thread (a member's share into one) or in a voice channel's chat cannot start a thread of its own.
  const channel = ctx.interaction.channel;
  if (channel?.isThread()) return ctx.respond({ content: `Story #${storyId} is posted in this thread: discuss it right here.` });
  if (channel?.isVoiceBased()) return ctx.respond({ content: `Threads cannot be started in a voice channel's chat: discuss story #${storyId} right here.` });
  const message = ctx.interaction.message;
  try {
    await rest.post(Routes.threads(message.channelId, message.id), { body: { name: clip(existing.story.title, 100), auto_archive_duration: 1440 } });
  } catch (error) {
    // 160004: someone else just started it. Anything else is a real refusal (permissions), explained to the member.
    if (!(error instanceof DiscordAPIError && error.code === 160004)) {
      if (error instanceof DiscordAPIError && (error.code === 50013 || error.code === 50001)) {
        throw new UserError('bot-permission', 'Gazette is not allowed to create threads here. A moderator can give it Create Public Threads.');
      }
      if (error instanceof DiscordAPIError && error.code === 50024) throw new UserError('invalid', 'Discord does not allow threads in this channel: discuss the story right here.');
      throw error;
    }
  }
  const threadId = await setStoryThread(prisma, ctx.guildId, storyId, message.id);
  await ctx.respond({ content: `Discussion of story #${storyId}: <#${threadId}>` });
};
