// `/tags ban|rename|merge`: moderators curate the server's tags. Names are read like members' tags ("Azerbaijani" is
// the country tag, "#EnergySecurity" is `energy security`); src/db/tags.ts writes the audit log and refreshes the
// posts showing a changed tag, in the same transaction.
import { banTag, mergeTags, renameTag, type TagInput } from '../../db/tags.js';
import { UserError } from '../../errors.js';
import { resolveTag, type RegionDefinition } from '../../pipeline/orchestrator.js';
import type { InteractionContext } from '../command-context.js';
import { plural } from '../reply.js';
import { moderator } from '../guards.js';
import type { CommandHandlers, CommandNamed } from './types.js';

/** What a typed tag is stored as: its normalized name, a label to show, and its kind. */
export function tagInput(typed: string, regions: readonly RegionDefinition[]): TagInput {
  const resolved = resolveTag(typed, regions);
  if (!resolved || resolved.name.length < 2) throw new UserError('invalid', `"${typed.trim()}" is not a tag: a tag needs at least two letters or digits.`);
  // Labels are shown inside `code`: a backtick in one would end it early.
  const label = (resolved.kind === 'member' ? resolved.label.slice(0, 50) : resolved.label).replace(/`/g, "'");
  return { name: resolved.name, label, kind: resolved.kind };
}

/** Wakes the delivery worker for the posts a tag change made stale, and says how many will change. */
function refreshed(ctx: InteractionContext, edits: number): string {
  if (edits > 0) ctx.deps.wakeDelivery();
  return edits > 0 ? ` ${edits} post${edits === 1 ? ' is' : 's are'} being updated.` : '';
}

export const tagsHandlers: CommandHandlers<CommandNamed<'tags'>> = {
  ban: moderator(async (ctx) => {
    const tag = tagInput(ctx.requiredString('tag'), await ctx.deps.regionsFor(ctx.guildId));
    const result = await banTag(ctx.deps.prisma, ctx.guildId, ctx.userId, tag, ctx.deps.now());
    await ctx.respond({
      content: `Banned the tag \`${result.tag.label}\`: removed from ${plural(result.removedFromStories, 'story', 'stories')}, and neither members nor Gazette can add it again.${refreshed(ctx, result.edits)}`,
    });
  }),

  rename: moderator(async (ctx) => {
    const regions = await ctx.deps.regionsFor(ctx.guildId);
    const from = tagInput(ctx.requiredString('tag'), regions);
    const to = tagInput(ctx.requiredString('to'), regions);
    // Renaming to what the tag is already called would only churn the aliases.
    if (from.name === to.name && from.label === to.label) throw new UserError('conflict', `The tag is already called \`${to.label}\`.`);
    const renamed = await renameTag(ctx.deps.prisma, ctx.guildId, ctx.userId, from.name, to, ctx.deps.now());
    await ctx.respond({
      content: `Renamed \`${renamed.previousLabel}\` to \`${renamed.tag.label}\` on ${plural(renamed.stories, 'story', 'stories')}; the old name still finds it.${refreshed(ctx, renamed.edits)}`,
    });
  }),

  merge: moderator(async (ctx) => {
    const regions = await ctx.deps.regionsFor(ctx.guildId);
    const from = tagInput(ctx.requiredString('from'), regions);
    const into = tagInput(ctx.requiredString('into'), regions);
    const result = await mergeTags(ctx.deps.prisma, ctx.guildId, ctx.userId, from.name, into.name, ctx.deps.now());
    await ctx.respond({
      content: `Merged \`${result.previousLabel}\` into \`${result.tag.label}\` (${plural(result.moved, 'story', 'stories')} moved); \`${from.name}\` now means \`${result.tag.label}\`.${refreshed(ctx, result.edits)}`,
    });
  }),
};
