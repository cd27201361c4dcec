// `startDiscordStandIn`: a local Discord (REST + gateway) for end-to-end tests of the real bot. See README.md.
import type { AddressInfo } from 'node:net';
import {
  GatewayDispatchEvents,
  GatewayIntentBits,
  type APIApplicationCommand,
  type APIChannel,
  type APIWebhook,
} from 'discord-api-types/v10';
import { apiChannel, apiMember, apiUser, guildCreatePayload } from './api-objects.js';
import type { StandInContext } from './context.js';
import { directChannelOf, directComponentPayload, directMessageRoutes } from './direct-messages.js';
import { fileAt } from './files.js';
import { createGateway, type Gateway } from './gateway.js';
import { createResponseGates, type HeldResponse } from './held-responses.js';
import { createRestServer } from './http-server.js';
import type { OptionValue } from './interaction-options.js';
import { autocompletePayload, componentPayload, modalSubmitPayload, slashPayload } from './interaction-payloads.js';
import { createInteractionTracker, type InteractionHandle, type InteractionRecord } from './interactions.js';
import type { GuildRecord, MemberRecord, MentionCheck, RecordedRequest, StoredMessage, Violation, ViolationKind } from './model.js';
import { createObserver } from './observer.js';
import { createRateLimiter, type Fault, type RateLimitOptions } from './rate-limits.js';
import { appRoutes } from './routes-app.js';
import { channelRoutes } from './routes-channels.js';
import { interactionRoutes } from './routes-interactions.js';
import { apiWebhook, webhookRoutes } from './routes-webhooks.js';
import type { IdentifyRecord, ShardingOptions, ShardTuple } from './shards.js';
import { createSnowflakes, shardOf } from './snowflake.js';
import * as st from './state.js';

export interface StandInOptions {
  /** The bot's username (default "Gazette"). */
  botName?: string;
  rateLimits?: RateLimitOptions;
  /** Discord's first-response deadline (default 3000 ms). */
  interactionDeadlineMs?: number;
  /** How long `enforce_nonce` deduplicates (default 5 minutes). */
  nonceWindowMs?: number;
  heartbeatIntervalMs?: number;
  /** Shards Discord recommends, `max_concurrency`, and whether IDENTIFYs over the session-start rate are refused. */
  gateway?: ShardingOptions;
}

export interface InteractionExtras {
  locale?: string;
  ignoreDefaultMemberPermissions?: boolean;
}

const GUILDS = BigInt(GatewayIntentBits.Guilds);
const GUILD_MEMBERS = BigInt(GatewayIntentBits.GuildMembers);

export type DiscordStandIn = Awaited<ReturnType<typeof startDiscordStandIn>>;

export async function startDiscordStandIn(options: StandInOptions = {}) {
  const nextId = createSnowflakes();
  const state = st.createState(nextId, options.botName ?? 'Gazette');
  const token = `${Buffer.from(state.botUserId).toString('base64url')}.StandIn.${nextId()}`;
  const observer = createObserver();
  let gateway: Gateway | null = null;
  const ctx: StandInContext = {
    state,
    observer,
    gateway: { dispatch: (event, data, intent, guildId) => gateway?.dispatch(event, data, intent, guildId) },
    nonceWindowMs: options.nonceWindowMs ?? 5 * 60 * 1000,
  };
  const tracker = createInteractionTracker(ctx, () => (gateway?.activeSessions() ?? 0) > 0, options.interactionDeadlineMs ?? 3000);
  let origin = '';
  const gatewayUrl = (): string => `${origin.replace(/^http/, 'ws')}/gateway`;
  const limiter = createRateLimiter(options.rateLimits);
  const gates = createResponseGates();
  const server = createRestServer({
    routes: [...appRoutes(ctx, gatewayUrl, () => (gateway as Gateway).gatewayBot()), ...channelRoutes(ctx), ...webhookRoutes(ctx), ...interactionRoutes(ctx, tracker), ...directMessageRoutes(ctx)],
    token,
    observer,
    limiter,
    gates,
    fileAt: (path) => fileAt(state, path),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.cdnOrigin = origin;
  gateway = createGateway({ server, state, observer, token, url: gatewayUrl, heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250, sharding: options.gateway ?? {} });
  const gw = gateway;

  function messageOf(ref: string | StoredMessage): StoredMessage {
    const stored = typeof ref === 'string' ? state.messages.get(ref) : ref;
    if (!stored || stored.deleted) throw new Error(`The stand-in has no message ${typeof ref === 'string' ? ref : ref.id}.`);
    return stored;
  }

  function component(ref: string | StoredMessage, userId: string, customId: string, values?: string[]): InteractionHandle {
    const message = messageOf(ref);
    if (message.guildId === null && !values) {
      return tracker.dispatch('button', customId, directComponentPayload(state, message, userId, customId) as unknown as Record<string, unknown>, message.id);
    }
    const actor = { guildId: message.guildId ?? '', channelId: message.channelId, userId };
    const payload = componentPayload(state, actor, message.data, customId, values);
    return tracker.dispatch(values ? 'select' : 'button', customId, payload as unknown as Record<string, unknown>, message.id);
  }

  const removedBots = new Map<string, MemberRecord>();
  const standIn = {
    apiUrl: `${origin}/api`,
    gatewayUrl: gatewayUrl(),
    token,
    applicationId: state.applicationId,
    botUserId: state.botUserId,

    // ---- world -------------------------------------------------------------------------------------------------
    /** With `shard: [id, count]` the guild's id is made so that Discord's formula puts it on that shard. */
    addGuild(input: st.AddGuildInput): string {
      if (input.id && input.shard && shardOf(input.id, input.shard[1]) !== input.shard[0]) {
        throw new Error(`Guild id ${input.id} is on shard ${shardOf(input.id, input.shard[1])} of ${input.shard[1]}, not ${input.shard[0]}.`);
      }
      if (input.shard && !(input.shard[0] >= 0 && input.shard[0] < input.shard[1])) throw new Error(`No shard ${input.shard[0]} of ${input.shard[1]}.`);
      const guild = st.addGuild(state, { ...input, id: input.id ?? nextId(input.shard) });
      gw.dispatch(GatewayDispatchEvents.GuildCreate, (intents: number) => guildCreatePayload(state, guild, intents), GUILDS, guild.id);
      return guild.id;
    },
    /** A moderator removes the bot from the guild (GUILD_DELETE, not unavailable): its channels answer 403 Missing Access. */
    removeBot(guildId: string): void {
      const guild = st.requireGuild(state, guildId);
      const member = guild.members.get(state.botUserId);
      if (!member) throw new Error(`The bot is not in guild ${guildId}.`);
      removedBots.set(guildId, member);
      guild.members.delete(state.botUserId);
      gw.dispatch(GatewayDispatchEvents.GuildDelete, { id: guildId }, GUILDS, guildId);
    },
    /** The bot is invited back (GUILD_CREATE), with the roles it had. */
    inviteBotBack(guildId: string): void {
      const guild = st.requireGuild(state, guildId);
      const member = removedBots.get(guildId);
      if (!member) throw new Error(`The bot was not removed from guild ${guildId}.`);
      guild.members.set(state.botUserId, member);
      removedBots.delete(guildId);
      gw.dispatch(GatewayDispatchEvents.GuildCreate, (intents: number) => guildCreatePayload(state, guild, intents), GUILDS, guild.id);
    },
    addChannel(guildId: string, input: st.AddChannelInput): string {
      const channel = st.addChannel(state, guildId, input);
      gw.dispatch(GatewayDispatchEvents.ChannelCreate, apiChannel(channel), GUILDS, guildId);
      return channel.id;
    },
    addRole(guildId: string, input: st.AddRoleInput): string {
      const role = st.addRole(state, guildId, input);
      gw.dispatch(GatewayDispatchEvents.GuildRoleCreate, { guild_id: guildId, role }, GUILDS, guildId);
      return role.id;
    },
    addMember(guildId: string, input: st.AddMemberInput): string {
      const rolesBefore = new Set(st.requireGuild(state, guildId).roles.keys());
      const member = st.addMember(state, guildId, input);
      const guild = st.requireGuild(state, guildId);
      // A role made for the member's permissions is a new role of the server, as Discord would announce it.
      for (const [roleId, role] of guild.roles) if (!rolesBefore.has(roleId)) gw.dispatch(GatewayDispatchEvents.GuildRoleCreate, { guild_id: guildId, role }, GUILDS, guildId);
      gw.dispatch(GatewayDispatchEvents.GuildMemberAdd, { ...apiMember(state, guild, member.userId), guild_id: guildId }, GUILD_MEMBERS, guildId);
      return member.userId;
    },
    /** The member leaves the guild (GUILD_MEMBER_REMOVE); Discord then answers 10007 Unknown Member for them. */
    removeMember(guildId: string, userId: string): void {
      const guild = st.requireGuild(state, guildId);
      if (!guild.members.delete(userId)) throw new Error(`User ${userId} is not a member of guild ${guildId}.`);
      gw.dispatch(GatewayDispatchEvents.GuildMemberRemove, { guild_id: guildId, user: apiUser(st.requireUser(state, userId)) }, GUILD_MEMBERS, guildId);
    },
    /** Whether the user takes DMs from the bot; closed, every message to them is refused with 50007. */
    /** Discord forgets the nonces it was sent: the minutes it remembers them for have passed. */
    forgetNonces(): void {
      state.nonces.clear();
    },
    setDirectMessagesOpen(userId: string, open: boolean): void {
      st.requireUser(state, userId);
      if (open) state.closedDms.delete(userId);
      else state.closedDms.add(userId);
    },
    /** A moderator deletes a role (GUILD_ROLE_DELETE); members lose it. */
    deleteRole(guildId: string, roleId: string): void {
      const guild = st.requireGuild(state, guildId);
      if (!guild.roles.delete(roleId)) throw new Error(`Guild ${guildId} has no role ${roleId}.`);
      for (const member of guild.members.values()) member.roles = member.roles.filter((r) => r !== roleId);
      gw.dispatch(GatewayDispatchEvents.GuildRoleDelete, { guild_id: guildId, role_id: roleId }, GUILDS, guildId);
    },
    setRolePermissions(guildId: string, roleId: string, permissions: st.PermissionInput): void {
      const guild = st.requireGuild(state, guildId);
      const role = guild.roles.get(roleId);
      if (!role) throw new Error(`Guild ${guildId} has no role ${roleId}.`);
      role.permissions = BigInt(permissions).toString();
      gw.dispatch(GatewayDispatchEvents.GuildRoleUpdate, { guild_id: guildId, role }, GUILDS, guildId);
    },
    /** Discord archives a quiet thread (after its auto-archive time), or a moderator locks it too (THREAD_UPDATE). */
    archiveThread(threadId: string, options: { locked?: boolean } = {}): void {
      const channel = st.requireChannel(state, threadId);
      if (!channel.thread) throw new Error(`Channel ${threadId} is no thread.`);
      channel.thread.archived = true;
      if (options.locked) channel.thread.locked = true;
      gw.dispatch(GatewayDispatchEvents.ThreadUpdate, apiChannel(channel), GUILDS, channel.guildId || null);
    },
    /** A moderator renames a thread or changes its forum tags (THREAD_UPDATE). */
    updateThread(threadId: string, change: { name?: string; appliedTags?: string[] }): void {
      const channel = st.requireChannel(state, threadId);
      if (!channel.thread) throw new Error(`Channel ${threadId} is no thread.`);
      if (change.name !== undefined) channel.name = change.name;
      if (change.appliedTags) channel.thread.appliedTags = change.appliedTags;
      gw.dispatch(GatewayDispatchEvents.ThreadUpdate, apiChannel(channel), GUILDS, channel.guildId || null);
    },
    deleteChannel(channelId: string): void {
      const channel = st.requireChannel(state, channelId);
      channel.deleted = true;
      gw.dispatch(GatewayDispatchEvents.ChannelDelete, apiChannel(channel), GUILDS, channel.guildId || null);
    },
    guild(guildId: string): GuildRecord {
      return st.requireGuild(state, guildId);
    },
    channel(channelId: string): APIChannel {
      return apiChannel(st.requireChannel(state, channelId));
    },
    /** The channel's webhooks (deleted ones too with `includeDeleted`), as `GET /channels/:id/webhooks` shows them. */
    webhooks(channelId: string, opts: { includeDeleted?: boolean } = {}): Array<APIWebhook & { deleted: boolean }> {
      return [...state.webhooks.values()].filter((h) => h.channelId === channelId && (opts.includeDeleted || !h.deleted)).map((h) => ({ ...apiWebhook(h, null), deleted: h.deleted }));
    },
    /** Someone deletes the webhook in the channel's settings (WEBHOOKS_UPDATE); using it then answers 10015 Unknown Webhook. */
    deleteWebhook(webhookId: string): void {
      const hook = state.webhooks.get(webhookId);
      if (!hook || hook.deleted) throw new Error(`The stand-in has no webhook ${webhookId}.`);
      hook.deleted = true;
      gw.dispatch(GatewayDispatchEvents.WebhooksUpdate, { guild_id: hook.guildId, channel_id: hook.channelId }, BigInt(GatewayIntentBits.GuildWebhooks), hook.guildId);
    },
    forumTagId(channelId: string, name: string): string {
      const tag = st.requireChannel(state, channelId).availableTags.find((t) => t.name === name);
      if (!tag) throw new Error(`Forum ${channelId} has no tag "${name}".`);
      return tag.id;
    },

    // ---- interactions ------------------------------------------------------------------------------------------
    slash(guildId: string, userId: string, channelId: string, command: string, values: Record<string, OptionValue> = {}, extras: InteractionExtras = {}): InteractionHandle {
      const payload = slashPayload(state, { guildId, channelId, userId, ...(extras.locale ? { locale: extras.locale } : {}) }, { command, options: values, ...extras });
      return tracker.dispatch('command', command, payload as unknown as Record<string, unknown>, null);
    },
    autocomplete(guildId: string, userId: string, channelId: string, command: string, values: Record<string, OptionValue>, focused: string, extras: InteractionExtras = {}): InteractionHandle {
      const payload = autocompletePayload(state, { guildId, channelId, userId }, { command, options: values, focused, ...extras });
      return tracker.dispatch('autocomplete', command, payload as unknown as Record<string, unknown>, null);
    },
    button(message: string | StoredMessage, userId: string, customId: string): InteractionHandle {
      return component(message, userId, customId);
    },
    select(message: string | StoredMessage, userId: string, customId: string, values: string[]): InteractionHandle {
      return component(message, userId, customId, values);
    },
    /** Submits the modal the bot showed in answer to `shownBy`, as the same member. */
    modalSubmit(shownBy: InteractionHandle | InteractionRecord, fields: Record<string, string | string[]>): InteractionHandle {
      const record = 'record' in shownBy ? shownBy.record : shownBy;
      const shown = record.firstResponse;
      if (!shown || shown.type !== 9) throw new Error(`The bot showed no modal in answer to ${record.kind} "${record.name}".`);
      const modal = shown.data as { custom_id: string; components: Array<Record<string, unknown>> };
      const source = record.sourceMessageId ? state.messages.get(record.sourceMessageId) : undefined;
      const actor = { guildId: record.guildId, channelId: record.channelId, userId: record.userId };
      const payload = modalSubmitPayload(state, actor, modal, fields, source?.data ?? null);
      return tracker.dispatch('modal', modal.custom_id, payload as unknown as Record<string, unknown>, source?.id ?? null);
    },
    get interactions(): InteractionRecord[] {
      return tracker.all;
    },

    // ---- observation -------------------------------------------------------------------------------------------
    messages(channelId: string, opts: { includeDeleted?: boolean; includeEphemeral?: boolean } = {}): StoredMessage[] {
      return st.channelMessages(state, channelId).filter((m) => (opts.includeDeleted || !m.deleted) && (opts.includeEphemeral !== false || !m.ephemeral));
    },
    /** The id of the bot's DM channel with a user, once the bot opened it. */
    directChannelId(userId: string): string | undefined {
      return directChannelOf(state, userId)?.id;
    },
    /** The bot's DMs to a user, oldest first (none until it opened the DM channel). */
    directMessages(userId: string, opts: { includeDeleted?: boolean } = {}): StoredMessage[] {
      const channel = directChannelOf(state, userId);
      return channel ? standIn.messages(channel.id, { includeDeleted: opts.includeDeleted ?? false }) : [];
    },
    waitForDirectMessage(userId: string, predicate: (m: StoredMessage) => boolean = () => true, timeoutMs = 2000): Promise<StoredMessage> {
      return observer.waitFor(() => standIn.directMessages(userId).find(predicate), timeoutMs, `a matching direct message to user ${userId}`);
    },
    message(messageId: string): StoredMessage | undefined {
      return state.messages.get(messageId);
    },
    threads(parentId: string): APIChannel[] {
      return [...state.channels.values()].filter((c) => c.parentId === parentId && c.thread && !c.deleted).map(apiChannel);
    },
    commands(guildId: string | null = null): APIApplicationCommand[] {
      return [...state.commands.values()].filter((c) => c.guildId === guildId).map((c) => c.data);
    },
    get requests(): RecordedRequest[] {
      return observer.requests;
    },
    get violations(): Violation[] {
      return observer.violations;
    },
    get mentionChecks(): MentionCheck[] {
      return observer.mentionChecks;
    },
    events: observer.events,
    waitFor: observer.waitFor,
    waitForMessage(channelId: string, predicate: (m: StoredMessage) => boolean = () => true, timeoutMs = 2000): Promise<StoredMessage> {
      return observer.waitFor(() => standIn.messages(channelId).find(predicate), timeoutMs, `a matching message in channel ${channelId}`);
    },
    assertNoViolations(opts: { allow?: ViolationKind[] } = {}): void {
      const found = observer.violations.filter((v) => !(opts.allow ?? []).includes(v.kind));
      if (found.length === 0) return;
      const lines = found.map((v) => `  - [${v.kind}] ${v.detail}${v.body === undefined ? '' : `\n      body: ${JSON.stringify(v.body).slice(0, 400)}`}`);
      throw new Error(`The bot broke ${found.length} Discord rule(s):\n${lines.join('\n')}`);
    },
    assertNothingCouldPing(): void {
      const risky = observer.mentionChecks.filter((c) => c.couldPing || c.pings.length > 0);
      if (risky.length === 0) return;
      const lines = risky.map((c) => `  - ${c.method} ${c.path}: allowed_mentions=${JSON.stringify(c.allowedMentions)} pings=[${c.pings.join(', ')}]`);
      throw new Error(`${risky.length} message(s) could ping someone:\n${lines.join('\n')}`);
    },

    // ---- faults and connections --------------------------------------------------------------------------------
    failNext(route: string | RegExp, fault: Fault, times = 1): void {
      limiter.addFault(route, fault, times);
    },
    /** The next matching request is carried out but its answer withheld until `release()` (crash tests). */
    holdNextResponse(route: string | RegExp): HeldResponse {
      return gates.hold(route);
    },
    dropGatewayConnections(code = 4000): void {
      gw.dropConnections(code);
    },
    /** Every IDENTIFY so far (refused ones too, `accepted: false`), for asserting how fast a bot started its shards. */
    identifies(): IdentifyRecord[] {
      return gw.identifies();
    },
    /** Identified gateway sessions: which shard each serves and whether its socket is open now. */
    gatewaySessions(): Array<{ sessionId: string; shard: ShardTuple; connected: boolean }> {
      return gw.sessions();
    },
    /** Discord's formula: the shard of `count` that receives the guild's events. */
    shardOf,
    async close(): Promise<void> {
      tracker.close();
      observer.close();
      await gw.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return standIn;
}
