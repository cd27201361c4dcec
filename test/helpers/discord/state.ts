// The stand-in's world: users, guilds, channels, roles, members, messages and registered commands, as plain records
// with plain mutation functions. stand-in.ts announces each test-made change on the gateway the way Discord would
// (GUILD_CREATE, CHANNEL_CREATE, GUILD_ROLE_CREATE, GUILD_MEMBER_ADD).
import { ChannelType, PermissionFlagsBits, type APIGuildForumTag, type APIOverwrite, type APIRole, type RoleFlags } from 'discord-api-types/v10';
import type { ChannelRecord, CommandRecord, GuildRecord, MemberRecord, StoredFile, StoredMessage, UserRecord, WebhookRecord } from './model.js';

export type PermissionInput = bigint | string | number;

/** What a member gets from `@everyone` in a fresh Discord server, minus the voice and invite bits we never need. */
export const DEFAULT_EVERYONE_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.UseExternalEmojis;

/** The permissions a bot invite for a news bot would ask for. */
export const DEFAULT_BOT_PERMISSIONS =
  DEFAULT_EVERYONE_PERMISSIONS | PermissionFlagsBits.ManageThreads | PermissionFlagsBits.ManageMessages;

export type ChannelKind = 'text' | 'forum' | 'voice' | 'announcement' | 'category';

const CHANNEL_TYPES: Record<ChannelKind, ChannelType> = {
  text: ChannelType.GuildText,
  forum: ChannelType.GuildForum,
  voice: ChannelType.GuildVoice,
  announcement: ChannelType.GuildAnnouncement,
  category: ChannelType.GuildCategory,
};

export interface AddGuildInput {
  id?: string;
  name: string;
  ownerId?: string;
  locale?: string;
  /** Permissions of the bot's managed role (default: DEFAULT_BOT_PERMISSIONS). */
  botPermissions?: PermissionInput;
  /** Permissions of `@everyone` (default: DEFAULT_EVERYONE_PERMISSIONS). */
  everyonePermissions?: PermissionInput;
  /** Make the id land on this shard, `[id, count]`, by Discord's formula (the stand-in's addGuild; ignored here). */
  shard?: readonly [number, number];
}

export interface AddChannelInput {
  id?: string;
  name: string;
  type: ChannelKind;
  parentId?: string;
  topic?: string;
  availableTags?: Array<{ name: string; moderated?: boolean; emojiName?: string }>;
  /** A forum's "Require tags when posting" (channel flag REQUIRE_TAG): a post without a tag is refused, 40067. */
  requireTag?: boolean;
  permissionOverwrites?: Array<{ id: string; type: 'role' | 'member'; allow?: PermissionInput; deny?: PermissionInput }>;
}

export interface AddRoleInput {
  id?: string;
  name: string;
  permissions?: PermissionInput;
  mentionable?: boolean;
}

export interface AddMemberInput {
  userId?: string;
  username: string;
  globalName?: string;
  nick?: string;
  roles?: string[];
  /** Shortcut: gives the member a personal role with these permissions, as a server admin would. */
  permissions?: PermissionInput;
  bot?: boolean;
}

export interface StandInState {
  readonly applicationId: string;
  readonly botUserId: string;
  readonly nextId: () => string;
  readonly users: Map<string, UserRecord>;
  readonly guilds: Map<string, GuildRecord>;
  readonly channels: Map<string, ChannelRecord>;
  readonly messages: Map<string, StoredMessage>;
  readonly channelMessages: Map<string, string[]>;
  readonly commands: Map<string, CommandRecord>;
  /** `${channelId}:${nonce}` → message id and when it was created, for `enforce_nonce`. */
  readonly nonces: Map<string, { messageId: string; at: number }>;
  /** Attachment contents by attachment id, served at their `url` like Discord's CDN. */
  readonly files: Map<string, StoredFile>;
  /** Where attachment URLs point: the stand-in's own origin once it listens. */
  cdnOrigin: string;
  /** Users who do not accept DMs from the bot (Discord answers 50007 when it writes to them). */
  readonly closedDms: Set<string>;
  /** Channel webhooks by id; deleted ones stay (flagged) so their id keeps answering 10015 Unknown Webhook. */
  readonly webhooks: Map<string, WebhookRecord>;
}

export function permissionBits(value: PermissionInput | undefined, fallback: bigint): bigint {
  return value === undefined ? fallback : BigInt(value);
}

export function createState(nextId: () => string, botName: string): StandInState {
  const applicationId = nextId();
  const state: StandInState = {
    applicationId,
    // Bots created since 2020 share their application's id; code that conflates the two keeps working.
    botUserId: applicationId,
    nextId,
    users: new Map(),
    guilds: new Map(),
    channels: new Map(),
    messages: new Map(),
    channelMessages: new Map(),
    commands: new Map(),
    nonces: new Map(),
    files: new Map(),
    cdnOrigin: 'https://cdn.discordapp.com',
    closedDms: new Set(),
    webhooks: new Map(),
  };
  state.users.set(applicationId, { id: applicationId, username: botName, globalName: null, bot: true });
  return state;
}

function role(id: string, name: string, permissions: bigint, position: number, managed: boolean): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    position,
    permissions: permissions.toString(),
    managed,
    mentionable: false,
    flags: 0 as RoleFlags,
  } satisfies APIRole;
}

export function requireGuild(state: StandInState, guildId: string): GuildRecord {
  const guild = state.guilds.get(guildId);
  if (!guild) throw new Error(`The stand-in has no guild ${guildId}; add it with addGuild first.`);
  return guild;
}

export function requireChannel(state: StandInState, channelId: string): ChannelRecord {
  const channel = state.channels.get(channelId);
  if (!channel || channel.deleted) throw new Error(`The stand-in has no channel ${channelId}.`);
  return channel;
}

function ensureUser(state: StandInState, id: string, username: string, bot = false, globalName?: string): UserRecord {
  const existing = state.users.get(id);
  if (existing) return existing;
  const user: UserRecord = { id, username, globalName: globalName ?? null, bot };
  state.users.set(id, user);
  return user;
}

function join(guild: GuildRecord, userId: string, roles: string[], nick: string | null): MemberRecord {
  const member: MemberRecord = { userId, roles, nick, joinedAt: new Date().toISOString() };
  guild.members.set(userId, member);
  return member;
}

/** Creates the guild with `@everyone`, the bot's managed role, the owner and the bot as members. */
export function addGuild(state: StandInState, input: AddGuildInput): GuildRecord {
  const id = input.id ?? state.nextId();
  if (state.guilds.has(id)) throw new Error(`Guild ${id} already exists in the stand-in.`);
  const ownerId = input.ownerId ?? state.nextId();
  ensureUser(state, ownerId, `owner-${id.slice(-4)}`);
  const botRoleId = state.nextId();
  const botUser = requireUser(state, state.botUserId);
  const guild: GuildRecord = {
    id,
    name: input.name,
    ownerId,
    locale: input.locale ?? 'en-US',
    botRoleId,
    roles: new Map([
      [id, role(id, '@everyone', permissionBits(input.everyonePermissions, DEFAULT_EVERYONE_PERMISSIONS), 0, false)],
      [botRoleId, { ...role(botRoleId, botUser.username, permissionBits(input.botPermissions, DEFAULT_BOT_PERMISSIONS), 1, true), tags: { bot_id: state.botUserId } }],
    ]),
    members: new Map(),
    channelIds: [],
  };
  join(guild, ownerId, [], null);
  join(guild, state.botUserId, [botRoleId], null);
  state.guilds.set(id, guild);
  return guild;
}

export function requireUser(state: StandInState, userId: string): UserRecord {
  const user = state.users.get(userId);
  if (!user) throw new Error(`The stand-in has no user ${userId}.`);
  return user;
}

/** Channel flag: a forum post must carry a tag. */
export const REQUIRE_TAG = 1 << 4;

export function addChannel(state: StandInState, guildId: string, input: AddChannelInput): ChannelRecord {
  const guild = requireGuild(state, guildId);
  const availableTags: APIGuildForumTag[] = (input.availableTags ?? []).map((tag) => ({
    id: state.nextId(),
    name: tag.name,
    moderated: tag.moderated ?? false,
    emoji_id: null,
    emoji_name: tag.emojiName ?? null,
  }));
  const permissionOverwrites: APIOverwrite[] = (input.permissionOverwrites ?? []).map((o) => ({
    id: o.id,
    type: o.type === 'role' ? 0 : 1,
    allow: permissionBits(o.allow, 0n).toString(),
    deny: permissionBits(o.deny, 0n).toString(),
  }));
  const channel: ChannelRecord = {
    id: input.id ?? state.nextId(),
    guildId,
    type: CHANNEL_TYPES[input.type],
    name: input.name,
    position: guild.channelIds.length,
    parentId: input.parentId ?? null,
    topic: input.topic ?? null,
    availableTags,
    permissionOverwrites,
    flags: input.requireTag ? REQUIRE_TAG : 0,
    thread: null,
    lastMessageId: null,
    deleted: false,
  };
  state.channels.set(channel.id, channel);
  guild.channelIds.push(channel.id);
  return channel;
}

export function addRole(state: StandInState, guildId: string, input: AddRoleInput): APIRole {
  const guild = requireGuild(state, guildId);
  const id = input.id ?? state.nextId();
  const created = { ...role(id, input.name, permissionBits(input.permissions, 0n), guild.roles.size, false), mentionable: input.mentionable ?? false };
  guild.roles.set(id, created);
  return created;
}

export function addMember(state: StandInState, guildId: string, input: AddMemberInput): MemberRecord {
  const guild = requireGuild(state, guildId);
  const userId = input.userId ?? state.nextId();
  if (guild.members.has(userId)) throw new Error(`User ${userId} is already a member of guild ${guildId}.`);
  ensureUser(state, userId, input.username, input.bot ?? false, input.globalName);
  const roles = [...(input.roles ?? [])];
  for (const roleId of roles) {
    if (!guild.roles.has(roleId)) throw new Error(`Guild ${guildId} has no role ${roleId}.`);
  }
  if (input.permissions !== undefined) {
    roles.push(addRole(state, guildId, { name: `${input.username} permissions`, permissions: input.permissions }).id);
  }
  return join(guild, userId, roles, input.nick ?? null);
}

/** Discord keys threads started from a message by that message's id; other threads get a fresh id. */
export function addThread(
  state: StandInState,
  parent: ChannelRecord,
  input: { id?: string; name: string; type: ChannelType; ownerId: string; autoArchiveDuration?: number; appliedTags?: string[] },
): ChannelRecord {
  const duration = input.autoArchiveDuration;
  const thread: ChannelRecord = {
    id: input.id ?? state.nextId(),
    guildId: parent.guildId,
    type: input.type,
    name: input.name,
    position: 0,
    parentId: parent.id,
    topic: null,
    availableTags: [],
    permissionOverwrites: [],
    thread: {
      ownerId: input.ownerId,
      archived: false,
      locked: false,
      autoArchiveDuration: duration === 60 || duration === 4320 || duration === 10080 ? duration : 1440,
      archiveTimestamp: new Date().toISOString(),
      appliedTags: input.appliedTags ?? [],
      messageCount: 0,
    },
    lastMessageId: null,
    deleted: false,
  };
  state.channels.set(thread.id, thread);
  return thread;
}

export function channelMessages(state: StandInState, channelId: string): StoredMessage[] {
  const ids = state.channelMessages.get(channelId) ?? [];
  return ids.map((id) => state.messages.get(id)).filter((m): m is StoredMessage => m !== undefined);
}

export function storeMessage(state: StandInState, message: StoredMessage): void {
  state.messages.set(message.id, message);
  const list = state.channelMessages.get(message.channelId) ?? [];
  list.push(message.id);
  state.channelMessages.set(message.channelId, list);
  const channel = state.channels.get(message.channelId);
  if (channel) {
    channel.lastMessageId = message.id;
    if (channel.thread) channel.thread.messageCount += 1;
  }
}
