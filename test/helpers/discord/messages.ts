// Creating, editing and deleting messages the way Discord does, for every path that makes one: channel posts,
// forum posts, interaction responses and follow-ups. Each also records its mention check and notifies the gateway.
import {
  GatewayDispatchEvents,
  GatewayIntentBits,
  MessageFlags,
  MessageType,
  PermissionFlagsBits,
  type APIAttachment,
  type APIEmbed,
  type APIMessage,
  type APIMessageTopLevelComponent,
  type APIUser,
} from 'discord-api-types/v10';
import { apiChannel, apiUser } from './api-objects.js';
import type { StandInContext } from './context.js';
import { storeFile, type UploadedFile } from './files.js';
import { judgeMentions, type MentionRights } from './mentions.js';
import { channelPermissions } from './permissions.js';
import type { ChannelRecord, StoredMessage } from './model.js';
import { storeMessage } from './state.js';

type Body = Record<string, unknown>;

export interface MessageOrigin {
  method: string;
  path: string;
  /** The bot's own user for channel posts; interaction messages are webhook messages of the application. */
  webhook: boolean;
  interactionId?: string;
  interactionMetadata?: APIMessage['interaction_metadata'];
  ephemeral?: boolean;
  files?: UploadedFile[];
  /** A forum post's starter message takes the thread's id, as on Discord. */
  id?: string;
  /** A channel webhook's message: the webhook (with the name it was executed with) is the author. */
  channelWebhook?: { id: string; author: APIUser; applicationId: string | null };
}

const GUILD_MESSAGES = BigInt(GatewayIntentBits.GuildMessages);
const DIRECT_MESSAGES = BigInt(GatewayIntentBits.DirectMessages);
/** Message events of a DM channel go to the Direct Messages intent, without a guild. */
const intentOf = (guildId: string | null) => (guildId ? GUILD_MESSAGES : DIRECT_MESSAGES);

/** Discord numbers components that arrive without an `id`, depth first, starting at 1. */
function numberComponents(components: unknown): APIMessageTopLevelComponent[] {
  let next = 1;
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(visit);
    if (!value || typeof value !== 'object') return value;
    const c = { ...(value as Body) };
    if ('type' in c && (c.id === undefined || c.id === null)) c.id = next;
    next = Math.max(next, Number(c.id ?? 0)) + 1;
    if (Array.isArray(c.components)) c.components = c.components.map(visit);
    if (c.component) c.component = visit(c.component);
    if (c.accessory) c.accessory = visit(c.accessory);
    return c;
  };
  return Array.isArray(components) ? (components.map(visit) as APIMessageTopLevelComponent[]) : [];
}

function embeds(value: unknown): APIEmbed[] {
  return Array.isArray(value) ? value.map((e) => ({ type: 'rich', ...(e as APIEmbed) }) as APIEmbed) : [];
}

function attachments(ctx: StandInContext, channelId: string, files: UploadedFile[]): APIAttachment[] {
  return files.map((f) => storeFile(ctx.state, `attachments/${channelId}`, { filename: f.name, contentType: f.contentType, data: f.data }));
}

/** What the message's author may notify in the channel: a webhook any role; the bot a mentionable one, or any with Mention Everyone. */
function mentionRights(ctx: StandInContext, channel: ChannelRecord | undefined, origin: MessageOrigin): MentionRights | undefined {
  if (!channel || origin.webhook || origin.channelWebhook) return undefined;
  const everyone = (channelPermissions(ctx.state, channel, ctx.state.botUserId) & PermissionFlagsBits.MentionEveryone) !== 0n;
  const guild = ctx.state.guilds.get(channel.guildId);
  return { everyone, role: (id) => everyone || guild?.roles.get(id)?.mentionable === true };
}

function recordMentions(ctx: StandInContext, origin: MessageOrigin, body: Body, repliedAuthorId: string | null, channel?: ChannelRecord) {
  const verdict = judgeMentions(body, repliedAuthorId, mentionRights(ctx, channel, origin));
  // Only content (and a reply) can notify anyone: embeds never ping, and a body without content (an embed-only
  // post, a "thinking…" placeholder, a components-only edit) leaves nothing for allowed_mentions to govern.
  if (typeof body.content === 'string' || repliedAuthorId !== null) {
    ctx.observer.mentionChecks.push({
      method: origin.method,
      path: origin.path,
      at: ctx.observer.now(),
      couldPing: verdict.couldPing,
      pings: verdict.pings,
      allowedMentions: body.allowed_mentions,
    });
  }
  return verdict;
}

function repliedAuthor(ctx: StandInContext, body: Body): string | null {
  const ref = body.message_reference as { message_id?: string } | undefined;
  const target = ref?.message_id ? ctx.state.messages.get(ref.message_id) : undefined;
  return target ? target.data.author.id : null;
}

export function createMessage(ctx: StandInContext, channel: ChannelRecord, body: Body, origin: MessageOrigin): StoredMessage {
  const { state } = ctx;
  const id = origin.id ?? state.nextId();
  const replied = repliedAuthor(ctx, body);
  const verdict = recordMentions(ctx, origin, body, replied, channel);
  const flags = Number(body.flags ?? 0) | (origin.ephemeral ? MessageFlags.Ephemeral : 0);
  const data: APIMessage = {
    id,
    channel_id: channel.id,
    author: origin.channelWebhook?.author ?? apiUser(state.users.get(state.botUserId) ?? { id: state.botUserId, username: 'bot', globalName: null, bot: true }),
    content: typeof body.content === 'string' ? body.content : '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: body.tts === true,
    mention_everyone: verdict.everyone,
    mentions: verdict.users.flatMap((u) => {
      const user = state.users.get(u);
      return user ? [apiUser(user)] : [];
    }),
    mention_roles: verdict.roles,
    attachments: attachments(ctx, channel.id, origin.files ?? []),
    embeds: embeds(body.embeds),
    pinned: false,
    type: replied ? MessageType.Reply : MessageType.Default,
    flags,
    components: numberComponents(body.components),
    ...(body.nonce !== undefined && body.nonce !== null ? { nonce: body.nonce as string | number } : {}),
    ...(origin.webhook ? { webhook_id: state.applicationId, application_id: state.applicationId } : {}),
    ...(origin.channelWebhook ? { webhook_id: origin.channelWebhook.id, ...(origin.channelWebhook.applicationId ? { application_id: origin.channelWebhook.applicationId } : {}) } : {}),
    ...(origin.interactionMetadata ? { interaction_metadata: origin.interactionMetadata } : {}),
    ...(body.message_reference ? { message_reference: body.message_reference as APIMessage['message_reference'] } : {}),
    ...(channel.thread ? { position: channel.thread.messageCount } : {}),
  } satisfies APIMessage;
  const stored: StoredMessage = {
    id,
    channelId: channel.id,
    guildId: channel.guildId || null,
    data,
    versions: [],
    deleted: false,
    ephemeral: origin.ephemeral ?? false,
    interactionId: origin.interactionId ?? null,
    createdAt: Date.now(),
  };
  storeMessage(state, stored);
  if (!stored.ephemeral) ctx.gateway.dispatch(GatewayDispatchEvents.MessageCreate, { ...data, guild_id: stored.guildId ?? undefined }, intentOf(stored.guildId), stored.guildId);
  ctx.observer.changed('message', stored);
  return stored;
}

const EDITABLE = ['content', 'embeds', 'components', 'flags', 'attachments', 'allowed_mentions'] as const;

/** Applies a partial edit: fields present in the body replace the old ones, absent fields stay. */
export function editMessage(ctx: StandInContext, stored: StoredMessage, body: Body, origin: MessageOrigin): StoredMessage {
  const verdict = recordMentions(ctx, origin, body, null, ctx.state.channels.get(stored.channelId));
  const previous = stored.data;
  const next: APIMessage = { ...previous, edited_timestamp: new Date().toISOString() };
  for (const key of EDITABLE) {
    if (!(key in body)) continue;
    const value = body[key];
    if (key === 'content') {
      next.content = typeof value === 'string' ? value : '';
      next.mention_everyone = verdict.everyone;
      next.mention_roles = verdict.roles;
    }
    if (key === 'embeds') next.embeds = embeds(value);
    if (key === 'components') next.components = numberComponents(value);
    if (key === 'flags') next.flags = (Number(value ?? 0) | (stored.ephemeral ? MessageFlags.Ephemeral : 0)) as MessageFlags;
    // Attachments listed in an edit are the ones to keep; new files arrive as multipart parts.
    if (key === 'attachments') {
      const keep = new Set((Array.isArray(value) ? value : []).map((a) => String((a as Body).id)));
      next.attachments = previous.attachments.filter((a) => keep.has(a.id));
    }
  }
  if (origin.files?.length) next.attachments = [...next.attachments, ...attachments(ctx, stored.channelId, origin.files)];
  stored.versions.push(previous);
  stored.data = next;
  if (!stored.ephemeral) {
    ctx.gateway.dispatch(GatewayDispatchEvents.MessageUpdate, { ...next, guild_id: stored.guildId ?? undefined }, intentOf(stored.guildId), stored.guildId);
  }
  ctx.observer.changed('message', stored);
  return stored;
}

export function deleteMessage(ctx: StandInContext, stored: StoredMessage): void {
  stored.deleted = true;
  if (!stored.ephemeral) {
    ctx.gateway.dispatch(
      GatewayDispatchEvents.MessageDelete,
      { id: stored.id, channel_id: stored.channelId, guild_id: stored.guildId ?? undefined },
      intentOf(stored.guildId),
      stored.guildId,
    );
  }
  ctx.observer.changed('message', stored);
}

/** Marks the message as a thread starter, as Discord does when a thread is created from it. */
export function attachThread(stored: StoredMessage, thread: ChannelRecord): void {
  stored.data = { ...stored.data, flags: ((stored.data.flags ?? 0) | MessageFlags.HasThread) as MessageFlags, thread: apiChannel(thread) };
}

/** Discord refuses a message with nothing in it (50006) rather than reporting a field error. */
/** Whether the message would be left empty by this edit (fields the edit names replace the old ones): 50006. */
export function emptyAfterEdit(stored: StoredMessage, body: Body, files: readonly unknown[]): boolean {
  const kept = <K extends string>(key: K, old: unknown) => (key in body ? body[key] : old);
  const attachments = kept('attachments', stored.data.attachments);
  const after: Body = { content: kept('content', stored.data.content), embeds: kept('embeds', stored.data.embeds), components: kept('components', stored.data.components), sticker_ids: stored.data.sticker_items ?? [] };
  return isEmptyMessage(after, [...files, ...(Array.isArray(attachments) ? attachments : [])]);
}

export function isEmptyMessage(body: Body, files: readonly unknown[]): boolean {
  const has = (key: string): boolean => Array.isArray(body[key]) && (body[key] as unknown[]).length > 0;
  const content = typeof body.content === 'string' && body.content.trim().length > 0;
  return !content && !has('embeds') && !has('components') && !has('sticker_ids') && !body.poll && files.length === 0;
}
