// INTERACTION_CREATE payloads as Discord sends them in a guild, with every field discord.js reads unconditionally
// (`entitlements`, `app_permissions`, `locale`, `channel`, `member.user`, `message` for components).
import { randomBytes } from 'node:crypto';
import {
  ApplicationCommandType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  type APIApplicationCommandAutocompleteGuildInteraction,
  type APIChatInputApplicationCommandGuildInteraction,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageComponentGuildInteraction,
  type APIModalSubmitGuildInteraction,
  type APIModalSubmissionComponent,
  type Locale,
} from 'discord-api-types/v10';
import { apiChannel, apiMember } from './api-objects.js';
import { buildOptions, findCommand, type OptionValue } from './interaction-options.js';
import type { ChannelRecord, GuildRecord } from './model.js';
import { channelPermissions, guildPermissions, hasAll } from './permissions.js';
import { requireChannel, requireGuild, type StandInState } from './state.js';

export interface Actor {
  guildId: string;
  channelId: string;
  userId: string;
  /** The user's client language (default `en-US`). */
  locale?: string;
}

interface Base {
  guild: GuildRecord;
  channel: ChannelRecord;
  fields: {
    id: string;
    application_id: string;
    token: string;
    version: 1;
    guild_id: string;
    guild: { id: string; locale: Locale; features: [] };
    channel: ReturnType<typeof apiChannel>;
    channel_id: string;
    member: APIInteractionGuildMember;
    app_permissions: string;
    locale: Locale;
    guild_locale: Locale;
    entitlements: [];
    authorizing_integration_owners: { '0': string };
    context: InteractionContextType.Guild;
    attachment_size_limit: number;
  };
}

function base(state: StandInState, actor: Actor): Base {
  const guild = requireGuild(state, actor.guildId);
  const channel = requireChannel(state, actor.channelId);
  if (channel.guildId !== guild.id) throw new Error(`Channel ${channel.id} is not in guild ${guild.id}.`);
  if (!guild.members.has(actor.userId)) throw new Error(`User ${actor.userId} is not a member of guild ${guild.id}; add them with addMember.`);
  const member: APIInteractionGuildMember = {
    ...apiMember(state, guild, actor.userId),
    permissions: channelPermissions(state, channel, actor.userId).toString(),
  };
  return {
    guild,
    channel,
    fields: {
      id: state.nextId(),
      application_id: state.applicationId,
      token: `aW50ZXJhY3Rpb246${randomBytes(48).toString('base64url')}`,
      version: 1,
      guild_id: guild.id,
      guild: { id: guild.id, locale: guild.locale as Locale, features: [] },
      channel: apiChannel(channel),
      channel_id: channel.id,
      member,
      app_permissions: channelPermissions(state, channel, state.botUserId).toString(),
      locale: (actor.locale ?? 'en-US') as Locale,
      guild_locale: guild.locale as Locale,
      entitlements: [],
      authorizing_integration_owners: { '0': guild.id },
      context: InteractionContextType.Guild,
      attachment_size_limit: 10 * 1024 * 1024,
    },
  };
}

export interface CommandRequest {
  /** `"source"`, `"source add"` or `"admin sources remove"`: command, then group and/or subcommand. */
  command: string;
  options?: Record<string, OptionValue>;
  /** Dispatch even when the member lacks the command's `default_member_permissions` (Discord would hide it). */
  ignoreDefaultMemberPermissions?: boolean;
}

function commandParts(state: StandInState, actor: Actor, request: CommandRequest, focused?: string) {
  const [name = '', ...path] = request.command.trim().split(/\s+/);
  const command = findCommand(state, actor.guildId, name);
  const b = base(state, actor);
  const required = command.default_member_permissions;
  if (required && !request.ignoreDefaultMemberPermissions && !hasAll(guildPermissions(b.guild, actor.userId), BigInt(required))) {
    throw new Error(`Discord would not offer /${name} to user ${actor.userId}: it needs permissions ${required}.`);
  }
  const built = buildOptions({ state, guild: b.guild, userId: actor.userId, command, path, values: request.options ?? {}, ...(focused ? { focused } : {}) });
  const data = {
    id: command.id,
    name: command.name,
    type: ApplicationCommandType.ChatInput as const,
    ...(command.guild_id ? { guild_id: command.guild_id } : {}),
    ...(built.options.length ? { options: built.options } : {}),
    ...(built.resolved ? { resolved: built.resolved } : {}),
  };
  return { b, data };
}

export function slashPayload(state: StandInState, actor: Actor, request: CommandRequest): APIChatInputApplicationCommandGuildInteraction {
  const { b, data } = commandParts(state, actor, request);
  return { ...b.fields, type: InteractionType.ApplicationCommand, data } satisfies APIChatInputApplicationCommandGuildInteraction;
}

export function autocompletePayload(
  state: StandInState,
  actor: Actor,
  request: CommandRequest & { focused: string },
): APIApplicationCommandAutocompleteGuildInteraction {
  const { b, data } = commandParts(state, actor, request, request.focused);
  return { ...b.fields, type: InteractionType.ApplicationCommandAutocomplete, data } as APIApplicationCommandAutocompleteGuildInteraction;
}

export function findComponent(message: APIMessage, customId: string): Record<string, unknown> | null {
  let found: Record<string, unknown> | null = null;
  const visit = (value: unknown): void => {
    if (found || !value || typeof value !== 'object') return;
    const c = value as Record<string, unknown>;
    if (c.custom_id === customId) found = c;
    for (const key of ['components', 'component', 'accessory']) {
      const inner = c[key];
      if (Array.isArray(inner)) inner.forEach(visit);
      else visit(inner);
    }
  };
  (message.components ?? []).forEach(visit);
  return found;
}

export function componentPayload(
  state: StandInState,
  actor: Actor,
  message: APIMessage,
  customId: string,
  values?: string[],
): APIMessageComponentGuildInteraction {
  const component = findComponent(message, customId);
  if (!component) throw new Error(`Message ${message.id} has no component with custom_id "${customId}".`);
  if (component.disabled === true) throw new Error(`Component "${customId}" on message ${message.id} is disabled; Discord would not let anyone click it.`);
  const type = Number(component.type) as ComponentType;
  if (type === ComponentType.Button && values) throw new Error(`"${customId}" is a button; it takes no values.`);
  if (type !== ComponentType.Button && type !== ComponentType.StringSelect) throw new Error(`Component type ${type} is not supported by the stand-in.`);
  if (type === ComponentType.StringSelect) {
    const offered = new Set(((component.options as Array<{ value: string }> | undefined) ?? []).map((o) => o.value));
    const bad = (values ?? []).filter((v) => !offered.has(v));
    if (bad.length) throw new Error(`Select "${customId}" offers no option(s) ${bad.join(', ')}.`);
  }
  const b = base(state, actor);
  const data =
    type === ComponentType.Button
      ? { custom_id: customId, component_type: ComponentType.Button as const }
      : { custom_id: customId, component_type: ComponentType.StringSelect as const, values: values ?? [] };
  return { ...b.fields, type: InteractionType.MessageComponent, data, message } satisfies APIMessageComponentGuildInteraction;
}

type ModalComponent = Record<string, unknown>;

/** Echoes the modal's layout back with the member's input, as Discord's client submits it. */
function submittedComponents(modal: { custom_id: string; components: ModalComponent[] }, fields: Record<string, string | string[]>): APIModalSubmissionComponent[] {
  const used = new Set<string>();
  const input = (c: ModalComponent): ModalComponent => {
    const customId = String(c.custom_id ?? '');
    const value = fields[customId];
    used.add(customId);
    if (c.type === ComponentType.TextInput) {
      const text = typeof value === 'string' ? value : '';
      if (c.required !== false && text.length === 0) throw new Error(`Modal "${modal.custom_id}" requires field "${customId}".`);
      if (typeof c.min_length === 'number' && text.length > 0 && text.length < c.min_length) throw new Error(`Field "${customId}" is shorter than ${c.min_length}.`);
      if (typeof c.max_length === 'number' && text.length > c.max_length) throw new Error(`Field "${customId}" is longer than ${c.max_length}.`);
      return { type: c.type, id: c.id, custom_id: customId, value: text };
    }
    return { type: c.type, id: c.id, custom_id: customId, values: Array.isArray(value) ? value : value === undefined ? [] : [value] };
  };
  const out = modal.components.map((row) => {
    if (Array.isArray(row.components)) return { type: row.type, id: row.id, components: (row.components as ModalComponent[]).map(input) };
    if (row.component) return { type: row.type, id: row.id, component: input(row.component as ModalComponent) };
    return { type: row.type, id: row.id };
  });
  const unknown = Object.keys(fields).filter((k) => !used.has(k));
  if (unknown.length) throw new Error(`Modal "${modal.custom_id}" has no field(s) ${unknown.join(', ')}.`);
  return out as unknown as APIModalSubmissionComponent[];
}

/** Numbers the modal's components as Discord does before showing it, so the submission carries ids. */
function numbered(components: ModalComponent[]): ModalComponent[] {
  let next = 1;
  const visit = (c: ModalComponent): ModalComponent => {
    const copy: ModalComponent = { ...c, id: c.id ?? next };
    next = Number(copy.id) + 1;
    if (Array.isArray(c.components)) copy.components = (c.components as ModalComponent[]).map(visit);
    if (c.component) copy.component = visit(c.component as ModalComponent);
    return copy;
  };
  return components.map(visit);
}

export function modalSubmitPayload(
  state: StandInState,
  actor: Actor,
  modal: { custom_id: string; components: ModalComponent[] },
  fields: Record<string, string | string[]>,
  message: APIMessage | null,
): APIModalSubmitGuildInteraction {
  const b = base(state, actor);
  const components = submittedComponents({ ...modal, components: numbered(modal.components) }, fields);
  return {
    ...b.fields,
    type: InteractionType.ModalSubmit,
    data: { custom_id: modal.custom_id, components },
    ...(message ? { message } : {}),
  } as APIModalSubmitGuildInteraction;
}
