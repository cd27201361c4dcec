// `/tags ban|unban|rename|merge`: moderators curate the server's tags. Names are read like members' tags ("Azerbaijani" is
// the country tag, "#EnergySecurity" is `energy security`); src/db/tags.ts writes the audit log and refreshes the
// posts showing a changed tag, in the same transaction.
import { banTag, mergeTags, renameTag, unbanTag, type TagInput } from '../../db/tags.js';
import { UserError } from '../../errors.js';
import { resolveTag, type RegionDefinition } from '../../pipeline/orchestrator.js';
import type { InteractionContext } from '../command-context.js';
import { plural } from '../reply.js';
import { moderator } from '../guards.js';
import { typedTagLabel } from './source-checks.js';
import type { CommandHandlers, CommandNamed } from './types.js';

/** What a typed tag is stored as: its normalized name, a label to show, and its kind. */
export function tagInput(typed: string, regions: readonly RegionDefinition[]): TagInput {
  const resolved = resolveTag(typed, regions);
  if (!resolved || resolved.name.length < 2) throw new UserError('invalid', `"${typed.trim()}" is not a tag: a tag needs at least two letters or digits.`);
  // Labels are shown inside `code`: a backtick in one would end it early.
  const label = typedTagLabel(resolved).replace(/`/g, "'");
  return { name: resolved.name, label, kind: resolved.kind };
}

/** The routes and follows a ban stops: a banned tag matches nothing, so they would otherwise stop without a word. */
function stopped(result: { routeIds: number[]; followers: number }): string {
  const { routeIds, followers } = result;
  const routes = routeIds.length
    ? `${routeIds.length === 1 ? 'Route' : 'Routes'} ${routeIds.slice(0, 5).map((id) => `#${id}`).join(', ')}${routeIds.length > 5 ? ` and ${routeIds.length - 5} more` : ''} on it no longer ${routeIds.length === 1 ? 'sends' : 'send'} stories anywhere (\`/route remove\` ${routeIds.length === 1 ? 'it' : 'them'})`
    : '';
  const follows = followers === 0 ? '' : followers === 1 ? "1 member's follow of it no longer alerts them" : `${followers} members' follows of it no longer alert them`;
  const both = [routes, follows].filter(Boolean).join('; ');
  return both ? ` ${both.charAt(0).toUpperCase()}${both.slice(1)}.` : '';
}

/** Wakes the delivery worker for the posts a tag change made stale, and says how many will change. */
function refreshed(ctx: InteractionContext, edits: number): string {
  if (edits > 0) ctx.deps.wakeDelivery();
  return edits > 0 ? ` ${plural(edits, 'post', 'posts')} ${edits === 1 ? 'is' : 'are'} being updated.` : '';
}

export const tagsHandlers: CommandHandlers<CommandNamed<'tags'>> = {
  ban: moderator(async (ctx) => {
    const typed = ctx.requiredString('tag');
    const regions = await ctx.deps.regionsFor(ctx.guildId);
    const tag = tagInput(typed, regions);
    // A country's or region's routes and follows are kept by its code or slug, and stop with its tag too.
    const resolved = resolveTag(typed, regions);
    const place = resolved?.kind === 'country' ? resolved.code : resolved?.kind === 'region' ? resolved.slug : undefined;
    const result = await banTag(ctx.deps.prisma, ctx.guildId, ctx.userId, tag, ctx.deps.now(), place);
    await ctx.respond({
      content: `Banned the tag \`${result.tag.label}\`: removed from ${plural(result.removedFromStories, 'story', 'stories')}, and neither members nor Gazette can add it again.${refreshed(ctx, result.edits)}${stopped(result)}`,
    });
  }),

  unban: moderator(async (ctx) => {
    const tag = await unbanTag(ctx.deps.prisma, ctx.guildId, ctx.userId, tagInput(ctx.requiredString('tag'), await ctx.deps.regionsFor(ctx.guildId)).name);
    await ctx.respond({
      content: `Unbanned the tag \`${tag.label}\`: members and Gazette can tag stories with it again (a story it was removed from gets it back when another article joins it), and the routes and follows on it work again.`,
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
      content: `Merged \`${result.previousLabel}\` into \`${result.tag.label}\` (${plural(result.moved, 'story', 'stories')} moved${result.alreadyTagged ? `, ${result.alreadyTagged} already tagged \`${result.tag.label}\`` : ''}); \`${from.name}\` now means \`${result.tag.label}\`.${refreshed(ctx, result.edits)}`,
    });
  }),
};
