// `/route …`: stories of a region, or with a tag, also go to a channel. Routes apply to stories new to the server
// from now on; src/db/routes.ts writes the audit log.
import { addRoute, listRoutes, removeRoute } from '../../db/routes.js';
import { UserError } from '../../errors.js';
import { resolveTag, type RegionDefinition } from '../../pipeline/orchestrator.js';
import { clip, escapeText } from '../reply.js';
import { requireBotCanPost, requireRegion } from './source-checks.js';
import { moderator } from '../guards.js';
import type { CommandHandlers, CommandNamed } from './types.js';

type TagKind = Parameters<typeof addRoute>[3]['kind'];

function describeRoute(route: { kind: TagKind; value: string }, regions: readonly RegionDefinition[]): string {
  if (route.kind === 'region') return `stories in **${escapeText(regions.find((r) => r.slug === route.value)?.name ?? `${route.value} (no longer defined)`)}**`;
  return `stories tagged \`${route.value.replace(/`/g, "'")}\``;
}

export const routeHandlers: CommandHandlers<CommandNamed<'route'>> = {
  add: moderator(async (ctx) => {
    const channelId = ctx.channel('channel')!.id;
    const typedRegion = ctx.string('region')?.trim();
    const typedTag = ctx.string('tag')?.trim();
    if (!typedRegion === !typedTag) throw new UserError('invalid', 'Give exactly one of `region` or `tag`: a route sends stories of one region, or with one tag, to a channel.');
    const regions = await ctx.deps.regionsFor(ctx.guildId);
    let route: { kind: TagKind; value: string };
    if (typedRegion) {
      route = { kind: 'region', value: requireRegion(regions, typedRegion).slug };
    } else {
      const tag = resolveTag(typedTag!, regions);
      if (!tag || tag.name.length < 2) throw new UserError('invalid', `"${typedTag}" is not a tag: a tag needs at least two letters or digits.`);
      // A tag naming a region routes like the region itself, so a story is matched under the server's definition.
      route = tag.kind === 'region' ? { kind: 'region', value: tag.slug } : { kind: tag.kind, value: tag.name };
    }
    requireBotCanPost(ctx, channelId);
    const created = await addRoute(ctx.deps.prisma, ctx.guildId, ctx.userId, { ...route, channelId });
    await ctx.respond({ content: `Route #${created.id}: from now on, ${describeRoute(created, regions)} are also posted to <#${channelId}>.` });
  }),
  list: moderator(async (ctx) => {
    const routes = await listRoutes(ctx.deps.prisma, ctx.guildId);
    if (routes.length === 0) {
      await ctx.respond({ content: 'This server has no routes. `/route add` sends the stories of a region, or with a tag, to a channel too.' });
      return;
    }
    const regions = await ctx.deps.regionsFor(ctx.guildId);
    const lines = routes.map((r) => `**#${r.id}** ${describeRoute(r, regions)} → <#${r.channelId}>`);
    let text = '';
    for (const [i, line] of lines.entries()) {
      if (text.length + line.length + 1 > 1900) {
        text += `\n…and ${lines.length - i} more.`;
        break;
      }
      text += (text ? '\n' : '') + line;
    }
    await ctx.respond({ content: `${routes.length} route${routes.length === 1 ? '' : 's'}:\n${clip(text, 1950)}` });
  }),
  remove: moderator(async (ctx) => {
    const route = await removeRoute(ctx.deps.prisma, ctx.guildId, ctx.userId, ctx.requiredInteger('route'));
    const regions = await ctx.deps.regionsFor(ctx.guildId);
    await ctx.respond({ content: `Removed route #${route.id}: ${describeRoute(route, regions)} no longer go to <#${route.channelId}> (posts already there stay).` });
  }),
};
