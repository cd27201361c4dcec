// Slash-command options typed from the command the bot registered, the way Discord's client would send them: the
// test writes `{ url: 'https://…', channel: '123' }` and gets `[{ name, type, value }]` plus `resolved` data.
// Mistakes in the test (unknown option, wrong type, a choice that does not exist) throw at once.
import {
  ApplicationCommandOptionType as T,
  type APIApplicationCommand,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOption,
  type APIInteractionDataResolved,
  type APIInteractionDataResolvedChannel,
} from 'discord-api-types/v10';
import { apiMember, apiUser } from './api-objects.js';
import { storeFile } from './files.js';
import type { GuildRecord } from './model.js';
import { channelPermissions, guildPermissions } from './permissions.js';
import type { StandInState } from './state.js';

/** A file for an attachment option: the stand-in keeps it and serves it at the attachment's `url`. */
export interface AttachmentInput {
  filename: string;
  content: string | Buffer;
  contentType?: string;
}

export type OptionValue = string | number | boolean | AttachmentInput;

function isAttachmentInput(value: OptionValue): value is AttachmentInput {
  return typeof value === 'object' && value !== null && 'filename' in value && 'content' in value;
}

export interface BuiltOptions {
  options: APIApplicationCommandInteractionDataOption[];
  resolved: APIInteractionDataResolved | undefined;
}

interface Leaf {
  path: string[];
  definitions: APIApplicationCommandOption[];
}

/** Walks "command group sub" down the registered definition to the options of the leaf. */
function leafOf(command: APIApplicationCommand, path: string[]): Leaf {
  let definitions = command.options ?? [];
  for (const name of path) {
    const next = definitions.find((o) => o.name === name && (o.type === T.Subcommand || o.type === T.SubcommandGroup));
    if (!next) throw new Error(`/${command.name} has no subcommand or group "${name}".`);
    definitions = 'options' in next ? (next.options ?? []) : [];
  }
  if (definitions.some((o) => o.type === T.Subcommand || o.type === T.SubcommandGroup)) {
    throw new Error(`/${[command.name, ...path].join(' ')} needs a subcommand; Discord cannot invoke a command with subcommands directly.`);
  }
  return { path, definitions };
}

function resolvedChannel(state: StandInState, id: string, userId: string): APIInteractionDataResolvedChannel {
  const channel = state.channels.get(id);
  if (!channel || channel.deleted) throw new Error(`Channel option refers to unknown channel ${id}.`);
  return {
    id,
    name: channel.name,
    type: channel.type,
    permissions: channelPermissions(state, channel, userId).toString(),
    ...(channel.thread
      ? {
          parent_id: channel.parentId,
          thread_metadata: {
            archived: channel.thread.archived,
            locked: channel.thread.locked,
            auto_archive_duration: channel.thread.autoArchiveDuration,
            archive_timestamp: channel.thread.archiveTimestamp,
          },
        }
      : {}),
  } as APIInteractionDataResolvedChannel;
}

function checkValue(def: APIApplicationCommandOption, value: OptionValue, where: string): void {
  const fail = (why: string): never => {
    throw new Error(`Option "${def.name}" of ${where}: ${why}.`);
  };
  if (def.type === T.Attachment) {
    if (!isAttachmentInput(value)) fail('expects a file: { filename, content, contentType? }');
    return;
  }
  if (isAttachmentInput(value)) fail('is not an attachment option');
  const numeric = def.type === T.Integer || def.type === T.Number;
  if (def.type === T.String && typeof value !== 'string') fail('expects a string');
  if (numeric && typeof value !== 'number') fail('expects a number');
  if (def.type === T.Integer && !Number.isInteger(value)) fail('expects an integer');
  if (def.type === T.Boolean && typeof value !== 'boolean') fail('expects a boolean');
  if ([T.User, T.Channel, T.Role, T.Mentionable].includes(def.type) && (typeof value !== 'string' || !/^\d+$/.test(value))) fail('expects a snowflake id');
  if ('choices' in def && def.choices?.length && !def.choices.some((c) => c.value === value)) {
    fail(`${JSON.stringify(value)} is not one of its choices (${def.choices.map((c) => JSON.stringify(c.value)).join(', ')})`);
  }
  if (def.type === T.String && typeof value === 'string') {
    if (def.min_length !== undefined && value.length < def.min_length) fail(`shorter than min_length ${def.min_length}`);
    if (def.max_length !== undefined && value.length > def.max_length) fail(`longer than max_length ${def.max_length}`);
  }
  if (numeric && typeof value === 'number') {
    if (def.min_value !== undefined && value < def.min_value) fail(`below min_value ${def.min_value}`);
    if (def.max_value !== undefined && value > def.max_value) fail(`above max_value ${def.max_value}`);
  }
}

export interface OptionRequest {
  state: StandInState;
  guild: GuildRecord;
  userId: string;
  command: APIApplicationCommand;
  /** Subcommand group and/or subcommand names after the command name. */
  path: string[];
  values: Record<string, OptionValue>;
  /** For autocomplete: the option being typed; its value stays the raw text and required options may be missing. */
  focused?: string;
}

export function buildOptions(request: OptionRequest): BuiltOptions {
  const { state, guild, userId, command, path, values, focused } = request;
  const where = `/${[command.name, ...path].join(' ')}`;
  const leaf = leafOf(command, path);
  const resolved: Required<Pick<APIInteractionDataResolved, 'users' | 'members' | 'roles' | 'channels' | 'attachments'>> = { users: {}, members: {}, roles: {}, channels: {}, attachments: {} };
  const resolveUser = (id: string): boolean => {
    const user = state.users.get(id);
    if (!user) return false;
    resolved.users[id] = apiUser(user);
    if (guild.members.has(id)) {
      const { user: _user, ...member } = apiMember(state, guild, id);
      resolved.members[id] = { ...member, permissions: guildPermissions(guild, id).toString() };
    }
    return true;
  };
  const resolveRole = (id: string): boolean => {
    const role = guild.roles.get(id);
    if (role) resolved.roles[id] = role;
    return role !== undefined;
  };
  for (const name of Object.keys(values)) {
    if (!leaf.definitions.some((d) => d.name === name)) throw new Error(`${where} has no option "${name}" (has: ${leaf.definitions.map((d) => d.name).join(', ') || 'none'}).`);
  }
  if (focused !== undefined) {
    const def = leaf.definitions.find((d) => d.name === focused);
    if (!def || !('autocomplete' in def) || def.autocomplete !== true) throw new Error(`Option "${focused}" of ${where} is not an autocomplete option.`);
  }
  const leafOptions: APIApplicationCommandInteractionDataOption[] = [];
  for (const def of leaf.definitions) {
    const value = values[def.name];
    if (value === undefined) {
      if ('required' in def && def.required && focused === undefined) throw new Error(`${where} requires option "${def.name}".`);
      continue;
    }
    if (def.name === focused) {
      leafOptions.push({ name: def.name, type: def.type, value: String(value), focused: true } as APIApplicationCommandInteractionDataOption);
      continue;
    }
    checkValue(def, value, where);
    const id = String(value);
    if (def.type === T.User && !resolveUser(id)) throw new Error(`User option "${def.name}" refers to unknown user ${id}.`);
    if (def.type === T.Role && !resolveRole(id)) throw new Error(`Role option "${def.name}" refers to unknown role ${id}.`);
    if (def.type === T.Mentionable && !resolveUser(id) && !resolveRole(id)) throw new Error(`Mentionable option "${def.name}" refers to nothing known: ${id}.`);
    if (def.type === T.Channel) {
      const channel = resolvedChannel(state, id, userId);
      if ('channel_types' in def && def.channel_types?.length && !def.channel_types.includes(channel.type as never)) {
        throw new Error(`Channel option "${def.name}" of ${where} does not accept channels of type ${channel.type}.`);
      }
      resolved.channels[id] = channel;
    }
    if (def.type === T.Attachment && isAttachmentInput(value)) {
      // Discord uploads the file first and sends its id as the option's value, with the attachment under `resolved`.
      const data = typeof value.content === 'string' ? Buffer.from(value.content) : value.content;
      const attachment = storeFile(state, `ephemeral-attachments/${state.applicationId}`, { filename: value.filename, contentType: value.contentType ?? null, data });
      resolved.attachments[attachment.id] = { ...attachment, ephemeral: true };
      leafOptions.push({ name: def.name, type: def.type, value: attachment.id } as APIApplicationCommandInteractionDataOption);
      continue;
    }
    leafOptions.push({ name: def.name, type: def.type, value } as APIApplicationCommandInteractionDataOption);
  }
  // Wrap the leaf options in their subcommand and group, innermost first.
  let options = leafOptions;
  const groupDepth = path.length;
  for (let i = groupDepth - 1; i >= 0; i -= 1) {
    const type = i === groupDepth - 1 ? T.Subcommand : T.SubcommandGroup;
    options = [{ name: path[i] ?? '', type, options } as APIApplicationCommandInteractionDataOption];
  }
  const used = Object.fromEntries(Object.entries(resolved).filter(([, map]) => Object.keys(map).length > 0));
  return { options, resolved: Object.keys(used).length ? (used as APIInteractionDataResolved) : undefined };
}

/** Guild commands shadow global ones of the same name, as in Discord's command picker. */
export function findCommand(state: StandInState, guildId: string, name: string, type = 1): APIApplicationCommand {
  const all = [...state.commands.values()].filter((c) => c.data.name === name && c.data.type === type);
  const found = all.find((c) => c.guildId === guildId) ?? all.find((c) => c.guildId === null);
  if (!found) {
    const known = [...state.commands.values()].map((c) => `/${c.data.name}${c.guildId ? ` (guild ${c.guildId})` : ''}`);
    throw new Error(`No command /${name} is registered for guild ${guildId}; registered: ${known.join(', ') || 'none'}.`);
  }
  return found.data;
}
