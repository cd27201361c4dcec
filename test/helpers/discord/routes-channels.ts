// Channel, message and thread routes with Discord's answers for missing channels, missing permissions and
// forbidden operations, plus `enforce_nonce` deduplication of message creates.
import * as spec from 'discord-api-spec/zod';
import { ChannelType, GatewayDispatchEvents, GatewayIntentBits, PermissionFlagsBits } from 'discord-api-types/v10';
import { apiChannel, listMessages } from './api-objects.js';
import type { StandInContext } from './context.js';
import { isDirectChannel, requireRecipientAcceptsDirectMessages } from './direct-messages.js';
import { DiscordError, type Route, type RouteContext } from './http-server.js';
import { messageLimitErrors } from './limits.js';
import { attachThread, createMessage, deleteMessage, editMessage, emptyAfterEdit, isEmptyMessage } from './messages.js';
import type { ChannelRecord, StoredMessage } from './model.js';
import { channelPermissions, hasAll } from './permissions.js';
import { addThread, REQUIRE_TAG } from './state.js';
import { schemaErrors, type FieldError } from './validation.js';

type Body = Record<string, unknown>;

const GUILDS = BigInt(GatewayIntentBits.Guilds);
const TEXT_TYPES = new Set<ChannelType>([
  ChannelType.GuildText,
  ChannelType.GuildAnnouncement,
  ChannelType.GuildVoice,
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
  ChannelType.AnnouncementThread,
]);

export function visibleChannel(ctx: StandInContext, channelId: string): ChannelRecord {
  const channel = ctx.state.channels.get(channelId);
  if (!channel || channel.deleted) throw new DiscordError(404, 10003, 'Unknown Channel');
  // The bot's own DM channels have no guild permissions: it always sees them.
  if (isDirectChannel(channel)) return channel;
  if (!hasAll(channelPermissions(ctx.state, channel, ctx.state.botUserId), PermissionFlagsBits.ViewChannel)) {
    throw new DiscordError(403, 50001, 'Missing Access');
  }
  return channel;
}

function requirePermissions(ctx: StandInContext, channel: ChannelRecord, ...bits: bigint[]): void {
  if (isDirectChannel(channel)) return;
  if (!hasAll(channelPermissions(ctx.state, channel, ctx.state.botUserId), ...bits)) throw new DiscordError(403, 50013, 'Missing Permissions');
}

/** Posting into an archived thread reopens it, as Discord does; a locked one refuses. */
function prepareToPost(ctx: StandInContext, channel: ChannelRecord): void {
  if (isDirectChannel(channel)) return requireRecipientAcceptsDirectMessages(ctx.state, channel);
  if (!TEXT_TYPES.has(channel.type)) throw new DiscordError(400, 50008, 'Cannot send messages in a non-text channel');
  requirePermissions(ctx, channel, channel.thread ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages);
  if (channel.thread?.archived) {
    if (channel.thread.locked) throw new DiscordError(400, 50083, 'Thread is archived');
    channel.thread.archived = false;
  }
}

function findMessage(ctx: StandInContext, channel: ChannelRecord, messageId: string): StoredMessage {
  const stored = ctx.state.messages.get(messageId);
  if (!stored || stored.deleted || stored.channelId !== channel.id || stored.ephemeral) throw new DiscordError(404, 10008, 'Unknown Message');
  return stored;
}

function bodyOf(r: RouteContext): Body {
  return (r.body ?? {}) as Body;
}

function withLimits(schema: Parameters<typeof schemaErrors>[0]) {
  return (body: unknown): FieldError[] => [...schemaErrors(schema, body ?? {}), ...messageLimitErrors(body)];
}

function tagErrors(ctx: StandInContext, channelId: string, tags: unknown, path: Array<string | number>): FieldError[] {
  const channel = ctx.state.channels.get(channelId);
  if (!channel || !Array.isArray(tags)) return [];
  const known = new Set(channel.availableTags.map((t) => t.id));
  return tags.flatMap((tag, i) =>
    known.has(String(tag)) ? [] : [{ path: [...path, i], code: 'BASE_TYPE_CHOICES', message: `Value "${String(tag)}" is not a tag of this forum.` }],
  );
}

function announceThread(ctx: StandInContext, thread: ChannelRecord): void {
  ctx.gateway.dispatch(GatewayDispatchEvents.ThreadCreate, { ...apiChannel(thread), newly_created: true }, GUILDS, thread.guildId || null);
  ctx.observer.changed('thread', thread);
}

function postMessage(ctx: StandInContext, r: RouteContext) {
  const channel = visibleChannel(ctx, r.params.channelId ?? '');
  prepareToPost(ctx, channel);
  const body = bodyOf(r);
  if (isEmptyMessage(body, r.files)) throw new DiscordError(400, 50006, 'Cannot send an empty message');
  const nonceKey = body.nonce !== undefined && body.nonce !== null ? `${channel.id}:${String(body.nonce)}` : null;
  if (nonceKey && body.enforce_nonce === true) {
    const seen = ctx.state.nonces.get(nonceKey);
    const existing = seen && Date.now() - seen.at < ctx.nonceWindowMs ? ctx.state.messages.get(seen.messageId) : undefined;
    if (existing && !existing.deleted) return { status: 200, body: existing.data };
  }
  const stored = createMessage(ctx, channel, body, { method: r.method, path: r.path, webhook: false, files: r.files });
  if (nonceKey) ctx.state.nonces.set(nonceKey, { messageId: stored.id, at: Date.now() });
  return { status: 200, body: stored.data };
}

function startThreadFromMessage(ctx: StandInContext, r: RouteContext) {
  const channel = visibleChannel(ctx, r.params.channelId ?? '');
  if (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement) {
    throw new DiscordError(400, 50024, 'Cannot execute action on this channel type');
  }
  requirePermissions(ctx, channel, PermissionFlagsBits.CreatePublicThreads);
  const starter = findMessage(ctx, channel, r.params.messageId ?? '');
  if (ctx.state.channels.has(starter.id)) throw new DiscordError(400, 160004, 'A thread has already been created for this message');
  const body = bodyOf(r);
  const thread = addThread(ctx.state, channel, {
    id: starter.id,
    name: String(body.name),
    type: channel.type === ChannelType.GuildAnnouncement ? ChannelType.AnnouncementThread : ChannelType.PublicThread,
    ownerId: ctx.state.botUserId,
    autoArchiveDuration: Number(body.auto_archive_duration ?? 1440),
  });
  attachThread(starter, thread);
  announceThread(ctx, thread);
  return { status: 201, body: apiChannel(thread) };
}

function createThread(ctx: StandInContext, r: RouteContext) {
  const channel = visibleChannel(ctx, r.params.channelId ?? '');
  const body = bodyOf(r);
  if (channel.type === ChannelType.GuildForum) {
    requirePermissions(ctx, channel, PermissionFlagsBits.SendMessages);
    const message = (body.message ?? {}) as Body;
    if (isEmptyMessage(message, r.files)) throw new DiscordError(400, 50006, 'Cannot send an empty message');
    if ((channel.flags ?? 0) & REQUIRE_TAG && !(Array.isArray(body.applied_tags) && body.applied_tags.length > 0)) {
      throw new DiscordError(400, 40067, 'A tag is required to create a forum post in this channel');
    }
    // Moderated tags are for members with Manage Threads to apply.
    const moderated = new Set((channel.availableTags ?? []).filter((t) => t.moderated).map((t) => t.id));
    if (Array.isArray(body.applied_tags) && body.applied_tags.some((id) => moderated.has(String(id)))) requirePermissions(ctx, channel, PermissionFlagsBits.ManageThreads);
    const thread = addThread(ctx.state, channel, {
      name: String(body.name),
      type: ChannelType.PublicThread,
      ownerId: ctx.state.botUserId,
      autoArchiveDuration: Number(body.auto_archive_duration ?? 4320),
      appliedTags: Array.isArray(body.applied_tags) ? body.applied_tags.map(String) : [],
    });
    announceThread(ctx, thread);
    // A forum post's starter message shares the thread's id.
    const starter = createMessage(ctx, thread, message, { method: r.method, path: r.path, webhook: false, files: r.files, id: thread.id });
    return { status: 201, body: { ...apiChannel(thread), message: starter.data } };
  }
  if (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement) {
    throw new DiscordError(400, 50024, 'Cannot execute action on this channel type');
  }
  const type = Number(body.type ?? ChannelType.PrivateThread);
  requirePermissions(ctx, channel, type === ChannelType.PrivateThread ? PermissionFlagsBits.CreatePrivateThreads : PermissionFlagsBits.CreatePublicThreads);
  const thread = addThread(ctx.state, channel, { name: String(body.name), type, ownerId: ctx.state.botUserId, autoArchiveDuration: Number(body.auto_archive_duration ?? 1440) });
  announceThread(ctx, thread);
  return { status: 201, body: apiChannel(thread) };
}

function patchChannel(ctx: StandInContext, r: RouteContext) {
  const channel = visibleChannel(ctx, r.params.channelId ?? '');
  const body = bodyOf(r);
  const isOwnThread = channel.thread?.ownerId === ctx.state.botUserId;
  if (!isOwnThread) requirePermissions(ctx, channel, channel.thread ? PermissionFlagsBits.ManageThreads : PermissionFlagsBits.ManageChannels);
  if (typeof body.name === 'string') channel.name = body.name;
  if (channel.thread) {
    // Reopening a thread moderators locked takes Manage Threads, even for the thread's own creator.
    if (channel.thread.locked && body.archived === false) requirePermissions(ctx, channel, PermissionFlagsBits.ManageThreads);
    if (typeof body.archived === 'boolean') channel.thread.archived = body.archived;
    if (typeof body.locked === 'boolean') channel.thread.locked = body.locked;
    if (Array.isArray(body.applied_tags)) channel.thread.appliedTags = body.applied_tags.map(String);
    channel.thread.archiveTimestamp = new Date().toISOString();
  } else if (typeof body.topic === 'string' || body.topic === null) {
    channel.topic = (body.topic as string | null) ?? null;
  }
  const event = channel.thread ? GatewayDispatchEvents.ThreadUpdate : GatewayDispatchEvents.ChannelUpdate;
  ctx.gateway.dispatch(event, apiChannel(channel), GUILDS, channel.guildId || null);
  ctx.observer.changed('thread', channel);
  return { status: 200, body: apiChannel(channel) };
}

export function channelRoutes(ctx: StandInContext): Route[] {
  const noContent = { status: 204 };
  return [
    { method: 'GET', path: '/channels/:channelId', handle: (r) => ({ status: 200, body: apiChannel(visibleChannel(ctx, r.params.channelId ?? '')) }) },
    {
      method: 'PATCH',
      path: '/channels/:channelId',
      validate: (body, r) => {
        const channel = ctx.state.channels.get(r.params.channelId ?? '');
        if (!channel?.thread) return [];
        const parent = ctx.state.channels.get(channel.parentId ?? '');
        return [...schemaErrors(spec.UpdateThreadRequestPartialSchema, body ?? {}), ...tagErrors(ctx, parent?.id ?? '', (body as Body | undefined)?.applied_tags, ['applied_tags'])];
      },
      handle: (r) => patchChannel(ctx, r),
    },
    {
      method: 'GET',
      path: '/channels/:channelId/messages',
      handle: (r) => {
        const channel = visibleChannel(ctx, r.params.channelId ?? '');
        // As Discord documents: without Read Message History the list is empty, not refused.
        const canRead = isDirectChannel(channel) || hasAll(channelPermissions(ctx.state, channel, ctx.state.botUserId), PermissionFlagsBits.ReadMessageHistory);
        return { status: 200, body: canRead ? listMessages(ctx.state, channel.id, r.query) : [] };
      },
    },
    { method: 'POST', path: '/channels/:channelId/messages', validate: withLimits(spec.MessageCreateRequestSchema), handle: (r) => postMessage(ctx, r) },
    {
      method: 'GET',
      path: '/channels/:channelId/messages/:messageId',
      handle: (r) => {
        const channel = visibleChannel(ctx, r.params.channelId ?? '');
        requirePermissions(ctx, channel, PermissionFlagsBits.ReadMessageHistory);
        return { status: 200, body: findMessage(ctx, channel, r.params.messageId ?? '').data };
      },
    },
    {
      method: 'PATCH',
      path: '/channels/:channelId/messages/:messageId',
      validate: withLimits(spec.MessageEditRequestPartialSchema),
      handle: (r) => {
        const channel = visibleChannel(ctx, r.params.channelId ?? '');
        const stored = findMessage(ctx, channel, r.params.messageId ?? '');
        if (stored.data.author.id !== ctx.state.botUserId) {
          throw new DiscordError(403, 50005, 'Cannot edit a message authored by another user');
        }
        // Discord refuses edits in an archived thread; unlike a new message, an edit does not reopen it.
        if (channel.thread?.locked || channel.thread?.archived) throw new DiscordError(400, 50083, 'Thread is archived');
        if (emptyAfterEdit(stored, bodyOf(r), r.files ?? [])) throw new DiscordError(400, 50006, 'Cannot send an empty message', 'invalid-body');
        return { status: 200, body: editMessage(ctx, stored, bodyOf(r), { method: r.method, path: r.path, webhook: false, files: r.files }).data };
      },
    },
    {
      method: 'DELETE',
      path: '/channels/:channelId/messages/:messageId',
      handle: (r) => {
        const channel = visibleChannel(ctx, r.params.channelId ?? '');
        const stored = findMessage(ctx, channel, r.params.messageId ?? '');
        if (stored.data.author.id !== ctx.state.botUserId) requirePermissions(ctx, channel, PermissionFlagsBits.ManageMessages);
        deleteMessage(ctx, stored);
        return noContent;
      },
    },
    { method: 'POST', path: '/channels/:channelId/messages/:messageId/threads', validate: (b) => schemaErrors(spec.CreateTextThreadWithMessageRequestSchema, b ?? {}), handle: (r) => startThreadFromMessage(ctx, r) },
    {
      method: 'POST',
      path: '/channels/:channelId/threads',
      validate: (body, r) => {
        const channel = ctx.state.channels.get(r.params.channelId ?? '');
        const b = (body ?? {}) as Body;
        if (channel?.type !== ChannelType.GuildForum) return schemaErrors(spec.CreateTextThreadWithoutMessageRequestSchema, b);
        return [...schemaErrors(spec.CreateForumThreadRequestSchema, b), ...messageLimitErrors(b.message, ['message']), ...tagErrors(ctx, channel.id, b.applied_tags, ['applied_tags'])];
      },
      handle: (r) => createThread(ctx, r),
    },
    { method: 'POST', path: '/channels/:channelId/typing', handle: (r) => (visibleChannel(ctx, r.params.channelId ?? ''), noContent) },
    { method: 'PUT', path: '/channels/:channelId/thread-members/@me', handle: (r) => (visibleChannel(ctx, r.params.channelId ?? ''), noContent) },
    {
      method: 'PUT',
      path: '/channels/:channelId/messages/:messageId/reactions/:emoji/@me',
      handle: (r) => {
        const channel = visibleChannel(ctx, r.params.channelId ?? '');
        requirePermissions(ctx, channel, PermissionFlagsBits.AddReactions, PermissionFlagsBits.ReadMessageHistory);
        findMessage(ctx, channel, r.params.messageId ?? '');
        return noContent;
      },
    },
    { method: 'DELETE', path: '/channels/:channelId/messages/:messageId/reactions/:emoji/@me', handle: (r) => (visibleChannel(ctx, r.params.channelId ?? ''), noContent) },
  ];
}
