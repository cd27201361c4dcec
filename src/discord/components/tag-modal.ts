// The "Tag" button opens a one-field modal; its submission adds a member tag like `/tag add`.
import { ComponentType, TextInputStyle } from 'discord.js';
import { addMemberTag } from '../../db/tags.js';
import { UserError } from '../../errors.js';
import { createRateLimiter } from '../rate-limit.js';
import type { InteractionContext } from '../command-context.js';
import { tagInput } from '../commands/tags.js';
import type { ButtonHandler, ModalHandler } from '../interaction-router.js';
import { editDelayMs } from './vote.js';
import { customId } from '../custom-ids.js';
import { storyActedOn } from '../reply.js';
import { withoutControlCharacters } from '../../text/control-characters.js';

export const memberTagLimits = { max: 10, windowMs: 10 * 60_000 };

// The database counts the tags a member's stories still carry; adding and removing one over and over stays under that
// count while each change edits the story's posts. Every change a member makes is counted here too (twice the adds).
const memberTagChanges = createRateLimiter({ max: 2 * memberTagLimits.max, windowMs: memberTagLimits.windowMs });

const changer = (ctx: InteractionContext) => `${ctx.guildId}:${ctx.userId}`;

/**
 * Reserves one of a member's tag changes (an add or a removal), refusing in words once they made too many. Reserved
 * before the change, not counted after it: two clicks at once both passed the check, and each was counted only once
 * made. One refused (a banned tag, a story not found, another member's tag) or changing nothing (the story had the
 * tag) edits no post, and is given back: counted, it kept a member waiting longer than the limit says.
 */
function reserveTagChange(ctx: InteractionContext): { giveBack(): void } {
  const key = changer(ctx);
  const at = ctx.deps.now().getTime();
  const wait = memberTagChanges.take(key, at);
  if (wait > 0) throw new UserError('rate-limited', `You have changed many tags in the last ${Math.round(memberTagLimits.windowMs / 60_000)} minutes. Please wait ${Math.ceil(wait / 60_000)} min before changing more.`);
  return { giveBack: () => memberTagChanges.giveBack(key, at) };
}

/** Runs a member's tag change within their allowance: `change` says whether it changed anything. */
export async function withinTagAllowance<T>(ctx: InteractionContext, change: () => Promise<{ changed: boolean; result: T }>): Promise<T> {
  const reserved = reserveTagChange(ctx);
  try {
    const { changed, result } = await change();
    if (!changed) reserved.giveBack();
    return result;
  } catch (error) {
    reserved.giveBack();
    throw error;
  }
}

export const tagButton: ButtonHandler<'tag'> = async (ctx, { storyId }) => {
  // A modal must be the first response: no defer before it.
  await ctx.showModal({
    custom_id: customId({ kind: 'tagmodal', storyId }),
    title: `Tag story #${storyId}`,
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          { type: ComponentType.TextInput, custom_id: 'tag', label: 'Tag', style: TextInputStyle.Short, min_length: 2, max_length: 50, required: true, placeholder: 'e.g. sanctions, Zangezur corridor' },
        ],
      },
    ],
  });
};

/** Normalizes what a member typed and adds it to the story; shared by the modal and `/tag add`. */
export async function addTagFor(ctx: InteractionContext, storyId: number, typed: string): Promise<string> {
  // Read as moderators' tags are (tagInput): the same name, visible label and length rules.
  const input = tagInput(typed, await ctx.deps.regionsFor(ctx.guildId));
  const now = ctx.deps.now();
  const { tag, added, storyId: current } = await withinTagAllowance(ctx, async () => {
    const result = await addMemberTag(ctx.deps.prisma, ctx.guildId, storyId, ctx.userId, input, memberTagLimits, now, new Date(now.getTime() + editDelayMs(ctx.deps)));
    return { changed: result.added, result };
  });
  // A story merged since the member saw it: the tag is on the story it is part of now, and the reply says which.
  const named = storyActedOn(current, storyId);
  if (!added) return `${named.charAt(0).toUpperCase()}${named.slice(1)} already has the tag \`${tag.label}\`.`;
  ctx.deps.wakeDelivery();
  return `Tagged ${named} with \`${tag.label}\`.`;
}

export const tagModal: ModalHandler<'tagmodal'> = async (ctx, { storyId }) => {
  const typed = withoutControlCharacters(ctx.interaction.fields.getTextInputValue('tag'));
  await ctx.respond({ content: await addTagFor(ctx, storyId, typed) });
};
