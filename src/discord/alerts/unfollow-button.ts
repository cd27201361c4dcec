// The one-click unfollow under an alert DM: removes the follow (the member's own only) and turns its button into a
// disabled "Unfollowed …", leaving the message and the other buttons as they were.
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIComponentInMessageActionRow } from 'discord.js';
import { removeFollow } from '../../db/follows.js';
import { customId } from '../custom-ids.js';
import type { DirectButtonHandler } from '../interaction-router.js';
import { clip, noMentions } from '../reply.js';
import { followLabel } from './follow-label.js';

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

/** The message's rows as API objects: discord.js gives ActionRow objects when the DM channel is cached, raw data otherwise. */
function rowsOf(components: readonly unknown[]): Row[] {
  return components.map((row) => (row && typeof row === 'object' && 'toJSON' in row ? (row as { toJSON(): Row }).toJSON() : (row as Row)));
}

export function withUnfollowed(components: readonly unknown[], clicked: string, label: string): Row[] {
  return rowsOf(components).map((row) => ({
    ...row,
    components: row.components.map((c) =>
      c.type === ComponentType.Button && 'custom_id' in c && c.custom_id === clicked ? { ...c, style: ButtonStyle.Secondary, label: clip(label, 80), disabled: true } : c,
    ),
  }));
}

export const unfollowButton: DirectButtonHandler<'unfollow'> = async (ctx, deps, id) => {
  const { interaction } = ctx;
  const follow = await removeFollow(deps.prisma, interaction.user.id, id.followId);
  deps.logger.info({ userId: follow.userId, guildId: follow.guildId, followId: follow.id }, 'unfollowed from an alert');
  const label = followLabel(follow, await deps.regionsFor(follow.guildId));
  await ctx.editMessage({ components: withUnfollowed(interaction.message.components, customId(id), `Unfollowed ${label}`), allowedMentions: noMentions });
};
