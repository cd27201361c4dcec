// Application, command registration, user, gateway discovery and guild routes.
import * as spec from 'discord-api-spec/zod';
import {
  ApplicationCommandType,
  ApplicationFlags,
  type APIApplication,
  type APIApplicationCommand,
  type APIApplicationCommandOption,
  type APIUser,
  type RESTGetAPIGatewayBotResult,
} from 'discord-api-types/v10';
import { apiChannel, apiGuild, apiMember, apiUser } from './api-objects.js';
import type { StandInContext } from './context.js';
import { DiscordError, type Route, type RouteContext } from './http-server.js';
import { commandLimitErrors, commandListErrors } from './limits.js';
import type { GuildRecord } from './model.js';
import { requireUser } from './state.js';
import { schemaErrors } from './validation.js';

type Body = Record<string, unknown>;

function botGuild(ctx: StandInContext, guildId: string): GuildRecord {
  const guild = ctx.state.guilds.get(guildId);
  if (!guild) throw new DiscordError(404, 10004, 'Unknown Guild');
  if (!guild.members.has(ctx.state.botUserId)) throw new DiscordError(403, 50001, 'Missing Access');
  return guild;
}

function ownApplication(ctx: StandInContext, r: RouteContext): void {
  if (r.params.applicationId !== ctx.state.applicationId) throw new DiscordError(403, 50001, 'Missing Access');
}

function toCommand(ctx: StandInContext, body: Body, guildId: string | null, id: string): APIApplicationCommand {
  const permissions = body.default_member_permissions;
  return {
    id,
    type: (body.type as ApplicationCommandType | undefined) ?? ApplicationCommandType.ChatInput,
    application_id: ctx.state.applicationId,
    ...(guildId ? { guild_id: guildId } : {}),
    name: String(body.name),
    name_localizations: (body.name_localizations as APIApplicationCommand['name_localizations']) ?? null,
    description: typeof body.description === 'string' ? body.description : '',
    description_localizations: (body.description_localizations as APIApplicationCommand['description_localizations']) ?? null,
    ...(Array.isArray(body.options) ? { options: body.options as APIApplicationCommandOption[] } : {}),
    default_member_permissions: permissions === undefined || permissions === null ? null : String(permissions),
    dm_permission: body.dm_permission !== false,
    nsfw: body.nsfw === true,
    ...(Array.isArray(body.contexts) ? { contexts: body.contexts as APIApplicationCommand['contexts'] } : {}),
    ...(Array.isArray(body.integration_types) ? { integration_types: body.integration_types as APIApplicationCommand['integration_types'] } : {}),
    version: ctx.state.nextId(),
  } satisfies APIApplicationCommand;
}

function commandsIn(ctx: StandInContext, guildId: string | null): APIApplicationCommand[] {
  return [...ctx.state.commands.values()].filter((c) => c.guildId === guildId).map((c) => c.data);
}

/** Bulk overwrite: commands keep their id when a definition with the same name and type comes back. */
function overwrite(ctx: StandInContext, guildId: string | null, list: Body[]): APIApplicationCommand[] {
  const previous = new Map([...ctx.state.commands.values()].filter((c) => c.guildId === guildId).map((c) => [`${c.data.type}:${c.data.name}`, c.data.id]));
  for (const [id, record] of ctx.state.commands) if (record.guildId === guildId) ctx.state.commands.delete(id);
  const created = list.map((body) => {
    const key = `${String(body.type ?? ApplicationCommandType.ChatInput)}:${String(body.name)}`;
    const data = toCommand(ctx, body, guildId, previous.get(key) ?? ctx.state.nextId());
    ctx.state.commands.set(data.id, { data, guildId });
    return data;
  });
  ctx.observer.changed('request', { commandsRegistered: created.length, guildId });
  return created;
}

function commandRoutes(ctx: StandInContext, base: string, guildOf: (r: RouteContext) => string | null): Route[] {
  const scope = (r: RouteContext): string | null => {
    ownApplication(ctx, r);
    const guildId = guildOf(r);
    if (guildId) botGuild(ctx, guildId);
    return guildId;
  };
  const find = (r: RouteContext): APIApplicationCommand => {
    const guildId = scope(r);
    const record = ctx.state.commands.get(r.params.commandId ?? '');
    if (!record || record.guildId !== guildId) throw new DiscordError(404, 10063, 'Unknown application command');
    return record.data;
  };
  return [
    { method: 'GET', path: base, handle: (r) => ({ status: 200, body: commandsIn(ctx, scope(r)) }) },
    {
      method: 'PUT',
      path: base,
      validate: (body) => {
        if (!Array.isArray(body)) return [{ path: [], code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }];
        return [...body.flatMap((c, i) => schemaErrors(spec.ApplicationCommandUpdateRequestSchema, c).map((e) => ({ ...e, path: [i, ...e.path] }))), ...commandListErrors(body)];
      },
      handle: (r) => ({ status: 200, body: overwrite(ctx, scope(r), r.body as Body[]) }),
    },
    {
      method: 'POST',
      path: base,
      validate: (body) => [...schemaErrors(spec.ApplicationCommandCreateRequestSchema, body ?? {}), ...commandLimitErrors(body)],
      handle: (r) => {
        const guildId = scope(r);
        const body = r.body as Body;
        const same = commandsIn(ctx, guildId).find((c) => c.name === body.name && c.type === (body.type ?? ApplicationCommandType.ChatInput));
        const data = toCommand(ctx, body, guildId, same?.id ?? ctx.state.nextId());
        ctx.state.commands.set(data.id, { data, guildId });
        return { status: same ? 200 : 201, body: data };
      },
    },
    { method: 'GET', path: `${base}/:commandId`, handle: (r) => ({ status: 200, body: find(r) }) },
    {
      method: 'PATCH',
      path: `${base}/:commandId`,
      validate: (body) => [...schemaErrors(spec.ApplicationCommandPatchRequestPartialSchema, body ?? {}), ...commandLimitErrors(body)],
      handle: (r) => {
        const current = find(r);
        const data = toCommand(ctx, { ...current, ...(r.body as Body) }, guildOf(r), current.id);
        ctx.state.commands.set(data.id, { data, guildId: guildOf(r) });
        return { status: 200, body: data };
      },
    },
    {
      method: 'DELETE',
      path: `${base}/:commandId`,
      handle: (r) => {
        ctx.state.commands.delete(find(r).id);
        return { status: 204 };
      },
    },
  ];
}

/** `gatewayBot` gives the recommended shard count and session-start limit (shards.ts), kept by the gateway. */
export function appRoutes(ctx: StandInContext, gatewayUrl: () => string, gatewayBot: () => RESTGetAPIGatewayBotResult): Route[] {
  const { state } = ctx;
  const bot = (): APIUser => apiUser(requireUser(state, state.botUserId));
  return [
    { method: 'GET', path: '/gateway/bot', handle: () => ({ status: 200, body: gatewayBot() }) },
    { method: 'GET', path: '/gateway', auth: false, handle: () => ({ status: 200, body: { url: gatewayUrl() } }) },
    { method: 'GET', path: '/users/@me', handle: () => ({ status: 200, body: { ...bot(), verified: true, mfa_enabled: false, flags: 0 } }) },
    { method: 'GET', path: '/users/:userId', handle: (r) => {
      const user = state.users.get(r.params.userId ?? '');
      if (!user) throw new DiscordError(404, 10013, 'Unknown User');
      return { status: 200, body: apiUser(user) };
    } },
    {
      method: 'GET',
      path: '/users/@me/guilds',
      handle: () => ({
        status: 200,
        body: [...state.guilds.values()].filter((g) => g.members.has(state.botUserId)).map((g) => ({ id: g.id, name: g.name, icon: null, owner: false, permissions: '0', features: [] })),
      }),
    },
    {
      method: 'GET',
      path: '/applications/@me',
      handle: () => ({
        status: 200,
        body: {
          id: state.applicationId,
          name: bot().username,
          icon: null,
          description: '',
          bot_public: false,
          bot_require_code_grant: false,
          bot: bot(),
          summary: '',
          verify_key: '0'.repeat(64),
          team: null,
          flags: ApplicationFlags.GatewayGuildMembersLimited | ApplicationFlags.GatewayMessageContentLimited,
          flags_new: String(ApplicationFlags.GatewayGuildMembersLimited | ApplicationFlags.GatewayMessageContentLimited),
        } satisfies APIApplication,
      }),
    },
    ...commandRoutes(ctx, '/applications/:applicationId/commands', () => null),
    ...commandRoutes(ctx, '/applications/:applicationId/guilds/:guildId/commands', (r) => r.params.guildId ?? null),
    { method: 'GET', path: '/guilds/:guildId', handle: (r) => ({ status: 200, body: apiGuild(botGuild(ctx, r.params.guildId ?? '')) }) },
    {
      method: 'GET',
      path: '/guilds/:guildId/channels',
      handle: (r) => {
        const guild = botGuild(ctx, r.params.guildId ?? '');
        const channels = guild.channelIds.map((id) => state.channels.get(id)).filter((c) => c && !c.deleted);
        return { status: 200, body: channels.map((c) => apiChannel(c as NonNullable<typeof c>)) };
      },
    },
    { method: 'GET', path: '/guilds/:guildId/roles', handle: (r) => ({ status: 200, body: [...botGuild(ctx, r.params.guildId ?? '').roles.values()] }) },
    {
      method: 'GET',
      path: '/guilds/:guildId/members',
      handle: (r) => {
        const guild = botGuild(ctx, r.params.guildId ?? '');
        const limit = Math.min(Number(r.query.limit ?? 1) || 1, 1000);
        const after = BigInt(r.query.after ?? '0');
        const ids = [...guild.members.keys()].filter((id) => BigInt(id) > after).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
        return { status: 200, body: ids.slice(0, limit).map((id) => apiMember(state, guild, id)) };
      },
    },
    {
      method: 'GET',
      path: '/guilds/:guildId/members/:userId',
      handle: (r) => {
        const guild = botGuild(ctx, r.params.guildId ?? '');
        if (!guild.members.has(r.params.userId ?? '')) throw new DiscordError(404, 10007, 'Unknown Member');
        return { status: 200, body: apiMember(state, guild, r.params.userId ?? '') };
      },
    },
    {
      method: 'GET',
      path: '/guilds/:guildId/threads/active',
      handle: (r) => {
        const guild = botGuild(ctx, r.params.guildId ?? '');
        const threads = [...state.channels.values()].filter((c) => c.guildId === guild.id && c.thread && !c.thread.archived && !c.deleted);
        return { status: 200, body: { threads: threads.map(apiChannel), members: [] } };
      },
    },
  ];
}
