// `/route …`: stories of a region, or with a tag, also go to a channel, optionally through a filter and with a role
// mentioned (once per cool-down). Routes apply to stories new to the server from now on; src/db/routes.ts writes the
// audit log, and delivery planning (src/db/deliveries.ts) decides each post's mention.
import { PermissionFlagsBits, type PermissionsBitField } from 'discord.js';
import type { routeFilterOption } from '../../../commands/route.js';
import { addRoute, listRoutes, removeRoute } from '../../db/routes.js';
import type { TagKind } from '../../db/tags.js';
import { UserError } from '../../errors.js';
import { formatFilter, regionTagName, resolveTag, type maxFilterLength, type RegionDefinition } from '../../pipeline/orchestrator.js';
import type { CommandContext } from '../command-context.js';
import { droppedStoriesText, escapeText, plural } from '../reply.js';
import { fitList } from '../render/fit-list.js';
import { ownRegionsNamed, refuseBannedTag, requireBotCanPost, requireFilter, requireRegion } from './source-checks.js';
import { filterCode } from './source-filter.js';
import { moderator } from '../guards.js';
import type { CommandHandlers, CommandNamed, OptionName } from './types.js';

// The definition writes the filter's limit out (commands/ are plain data): this line stops compiling if they differ.
const _filterLimitAgrees: typeof routeFilterOption.max_length extends typeof maxFilterLength ? true : false = true;

const defaultCooldownMinutes = 60;

function describeRoute(route: { kind: TagKind; value: string }, regions: readonly RegionDefinition[]): string {
  if (route.kind === 'region') return `stories in **${escapeText(regions.find((r) => r.slug === route.value)?.name ?? `${route.value} (no longer defined)`)}**`;
  return `stories tagged \`${route.value.replace(/`/g, "'")}\``;
}

/** "every 60 minutes", "every 2 hours", "every 1 day" — a cool-down in the unit it was most likely typed in. */
function cooldownWords(minutes: number): string {
  if (minutes % 1440 === 0) return `every ${plural(minutes / 1440, 'day', 'days')}`;
  if (minutes % 60 === 0 && minutes > 60) return `every ${minutes / 60} hours`;
  return `every ${plural(minutes, 'minute', 'minutes')}`;
}

/** What a route adds beyond where it sends stories: its filter and its role ping, for /route add and list. */
function extrasOf(route: { filter: string | null; roleId: string | null; pingCooldownMinutes: number }): string[] {
  const extras: string[] = [];
  if (route.filter) extras.push(`only those matching ${filterCode(route.filter)}`);
  if (route.roleId) extras.push(`mentioning <@&${route.roleId}> at most ${cooldownWords(route.pingCooldownMinutes)}`);
  return extras;
}

/**
 * The role a route may mention. @everyone is refused (a news route must never notify the whole server); so are
 * roles an integration manages (a bot's or the booster role), which members cannot choose to join or leave.
 */
function pingRole(ctx: CommandContext<OptionName<CommandNamed<'route'>, 'add'> & string>, channelId: string): { id: string; note?: string } | null {
  const role = ctx.interaction.options.getRole('role');
  if (!role) return null;
  if (role.id === ctx.guildId) {
    throw new UserError('forbidden', 'A route cannot mention @everyone: every member would be notified of every routed story. Pick a role members join to hear about this region or tag.');
  }
  if (role.managed) {
    throw new UserError('forbidden', `The role **${escapeText(role.name)}** is managed by an integration (a bot or server boosts), so members cannot join or leave it. Pick a role members choose for themselves.`);
  }
  // Judged in the route's channel, where the posts go (not the one the command was typed in).
  const gazetteMay = mayMentionAll(ctx, channelId, ctx.interaction.guild?.members.me?.id, ctx.interaction.appPermissions);
  if (!role.mentionable && gazetteMay) {
    // Gazette would notify a role nobody may mention (it has Mention @everyone there): only for a moderator who may
    // mention it in that channel themselves, or the moderator role would hand out that permission.
    const memberId = ctx.interaction.member && 'id' in ctx.interaction.member ? ctx.interaction.member.id : undefined;
    if (!mayMentionAll(ctx, channelId, memberId, ctx.interaction.memberPermissions)) {
      throw new UserError('forbidden', `<@&${role.id}> is not mentionable, and you cannot mention it in <#${channelId}> yourself (Mention @everyone, @here and All Roles), so Gazette will not mention it for you. Make the role mentionable, or ask someone who may.`);
    }
  }
  // Discord shows such a mention but notifies nobody; say so now rather than let moderators wonder later.
  const canMention = role.mentionable || gazetteMay;
  return canMention
    ? { id: role.id }
    : { id: role.id, note: `Note: <@&${role.id}> is not mentionable, so Discord will show the mention without notifying anyone. Turn on “Allow anyone to @mention this role” in the role’s settings.` };
}

/** Whether a member (or Gazette) may mention any role in the channel: from the cached channel, else as the interaction says. */
function mayMentionAll(ctx: CommandContext<string>, channelId: string, memberId: string | undefined, fallback: Readonly<PermissionsBitField> | null): boolean {
  const channel = ctx.interaction.guild?.channels.cache.get(channelId);
  const member = memberId ? ctx.interaction.guild?.members.cache.get(memberId) : undefined;
  const permissions = channel && member ? channel.permissionsFor(member) : fallback;
  return permissions?.has(PermissionFlagsBits.MentionEveryone) === true;
}

export const routeHandlers: CommandHandlers<CommandNamed<'route'>> = {
  add: moderator(async (ctx) => {
    const channelId = ctx.channel('channel')!.id;
    const typedRegion = ctx.string('region')?.trim();
    const typedTag = ctx.string('tag')?.trim();
    if (!typedRegion === !typedTag) throw new UserError('invalid', 'Give exactly one of `region` or `tag`: a route sends stories of one region, or with one tag, to a channel.');
    const cooldown = ctx.integer('cooldown');
    const role = pingRole(ctx, channelId);
    if (cooldown !== null && !role) throw new UserError('invalid', 'A cool-down is the time between two mentions of a role: give `role` too, or leave `cooldown` out.');
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
    // A banned tag is on no story and matches no route (a region's neither): such a route would never send anything.
    await refuseBannedTag(ctx, route.kind === 'region' ? regionTagName(route.value) : route.value, 'a route on it would send nothing');
    const typedFilter = ctx.string('filter')?.trim();
    // Stored as written back by the parser (codes and slugs), so planning never meets a filter it cannot read.
    const parsedFilter = typedFilter ? requireFilter(typedFilter, regions) : undefined;
    const filter = parsedFilter ? formatFilter(parsedFilter) : null;
    requireBotCanPost(ctx, channelId);
    const created = await addRoute(ctx.deps.prisma, ctx.guildId, ctx.userId, {
      ...route,
      channelId,
      filter,
      roleId: role?.id ?? null,
      pingCooldownMinutes: role ? (cooldown ?? defaultCooldownMinutes) : undefined,
      regionsNamed: ownRegionsNamed(regions, route.kind === 'region' ? route.value : undefined, parsedFilter),
    });
    const extras = extrasOf(created);
    const content = `Route #${created.id}: from now on, ${describeRoute(created, regions)} are also posted to <#${channelId}>${extras.length ? `, ${extras.join(', ')}` : ''}.`;
    await ctx.respond({ content: role?.note ? `${content}\n${role.note}` : content });
  }),
  list: moderator(async (ctx) => {
    const routes = await listRoutes(ctx.deps.prisma, ctx.guildId);
    if (routes.length === 0) {
      await ctx.respond({ content: 'This server has no routes. `/route add` sends the stories of a region, or with a tag, to a channel too.' });
      return;
    }
    const regions = await ctx.deps.regionsFor(ctx.guildId);
    const lines = routes.map((r) => `**#${r.id}** ${describeRoute(r, regions)} → <#${r.channelId}>${extrasOf(r).map((e) => ` · ${e}`).join('')}`);
    await ctx.respond({ content: `${plural(routes.length, 'route', 'routes')}:\n${fitList(lines, 1900, '\n', (n) => `…and ${n} more.`)}` });
  }),
  remove: moderator(async (ctx) => {
    const route = await removeRoute(ctx.deps.prisma, ctx.guildId, ctx.userId, ctx.requiredInteger('route'));
    const regions = await ctx.deps.regionsFor(ctx.guildId);
    const dropped = route.droppedPosts ? ` ${droppedStoriesText(route.droppedPosts, () => 'it sent there and not posted yet')}.` : '';
    await ctx.respond({ content: `Removed route #${route.id}: ${describeRoute(route, regions)} no longer go to <#${route.channelId}> (posts already there stay).${dropped}` });
  }),
};
