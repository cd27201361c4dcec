// `/config follows on|off`: moderators let members of their server get personal alerts, or not (ADR 16). Written here
// so the config command only needs its definition and one line: `follows: moderator(configFollows)` with a required
// string option `state` whose choices are `on` and `off`.
import { setFollowsEnabled } from '../../db/follows.js';
import { UserError } from '../../errors.js';
import type { CommandContext } from '../command-context.js';
import { plural } from '../reply.js';

export async function configFollows(ctx: CommandContext<'state'>): Promise<void> {
  const state = ctx.requiredString('state');
  if (state !== 'on' && state !== 'off') throw new UserError('invalid', 'Personal alerts are either `on` or `off`.');
  const { follows, dropped } = await setFollowsEnabled(ctx.deps.prisma, ctx.guildId, ctx.userId, state === 'on');
  const content =
    state === 'on'
      ? `Personal alerts are on: members can \`/follow\` countries, regions, tags and keywords here and get direct messages (${plural(follows, 'follow', 'follows')} so far).`
      : `Personal alerts are off: nothing from this server is sent to members any more${dropped ? ` (${plural(dropped, 'waiting alert', 'waiting alerts')} dropped)` : ''}. Their ${plural(follows, 'follow is', 'follows are')} kept for when you turn alerts on again.`;
  await ctx.respond({ content });
}
