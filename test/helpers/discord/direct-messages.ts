// Direct messages: the DM channel a bot opens with `POST /users/@me/channels`, messages in it (through the usual
// channel routes), Discord's refusal when the user does not take DMs from the bot (403 50007 "Cannot send messages to
// this user": DMs closed, or no server in common), and clicks on buttons of a DM, which arrive without guild or member.
import * as spec from 'discord-api-spec/zod';
import { randomBytes } from 'node:crypto';
import {
  ChannelType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  PermissionFlagsBits,
  type APIMessageComponentDMInteraction,
  type Locale,
} from 'discord-api-types/v10';
import { apiChannel, apiUser } from './api-objects.js';
import type { StandInContext } from './context.js';
import { DiscordError, type Route } from './http-server.js';
import { findComponent } from './interaction-payloads.js';
import type { ChannelRecord, StoredMessage } from './model.js';
import type { StandInState } from './state.js';
import { schemaErrors } from './validation.js';

/** What a bot may do in a DM, as `app_permissions` of an interaction there. */
const DM_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseExternalEmojis;

export function isDirectChannel(channel: ChannelRecord): boolean {
  return channel.type === ChannelType.DM;
}

export function directChannelOf(state: StandInState, userId: string): ChannelRecord | undefined {
  return [...state.channels.values()].find((c) => c.type === ChannelType.DM && c.recipient?.id === userId);
}

/** The bot's DM channel with a user, opened on first use (Discord returns the same channel every time). */
export function openDirectChannel(state: StandInState, userId: string): ChannelRecord {
  const existing = directChannelOf(state, userId);
  if (existing) return existing;
  const recipient = state.users.get(userId);
  if (!recipient) throw new DiscordError(404, 10013, 'Unknown User');
  const channel: ChannelRecord = {
    id: state.nextId(),
    guildId: '',
    type: ChannelType.DM,
    name: '',
    position: 0,
    parentId: null,
    topic: null,
    availableTags: [],
    permissionOverwrites: [],
    thread: null,
    lastMessageId: null,
    deleted: false,
    recipient,
  };
  state.channels.set(channel.id, channel);
  return channel;
}

/**
 * Discord delivers a bot's DM only to a user who shares a server with it and has not closed DMs from it; otherwise
 * the message is refused with 50007 (opening the channel still succeeds).
 */
export function requireRecipientAcceptsDirectMessages(state: StandInState, channel: ChannelRecord): void {
  const userId = channel.recipient?.id ?? '';
  const sharesGuild = [...state.guilds.values()].some((g) => g.members.has(userId) && g.members.has(state.botUserId));
  if (state.closedDms.has(userId) || !sharesGuild) throw new DiscordError(403, 50007, 'Cannot send messages to this user');
}

export function directMessageRoutes(ctx: StandInContext): Route[] {
  return [
    {
      method: 'POST',
      path: '/users/@me/channels',
      validate: (body) => schemaErrors(spec.CreatePrivateChannelRequestSchema, body ?? {}),
      handle: (r) => {
        const recipientId = String((r.body as { recipient_id?: unknown } | undefined)?.recipient_id ?? '');
        if (recipientId === ctx.state.botUserId) throw new DiscordError(400, 50007, 'Cannot send messages to this user');
        return { status: 200, body: apiChannel(openDirectChannel(ctx.state, recipientId)) };
      },
    },
  ];
}

/** A button click on a DM, as Discord sends it: `user` instead of `member`, no guild, the bot-DM context. */
export function directComponentPayload(state: StandInState, message: StoredMessage, userId: string, customId: string): APIMessageComponentDMInteraction {
  const channel = state.channels.get(message.channelId);
  if (!channel || !isDirectChannel(channel)) throw new Error(`Message ${message.id} is not in a DM channel.`);
  if (channel.recipient?.id !== userId) throw new Error(`Only the recipient of DM channel ${channel.id} can click its buttons, not ${userId}.`);
  const component = findComponent(message.data, customId);
  if (!component) throw new Error(`Message ${message.id} has no component with custom_id "${customId}".`);
  if (component.disabled === true) throw new Error(`Component "${customId}" on message ${message.id} is disabled; Discord would not let anyone click it.`);
  if (Number(component.type) !== ComponentType.Button) throw new Error('The stand-in supports buttons on DMs, not other components.');
  return {
    id: state.nextId(),
    application_id: state.applicationId,
    token: `aW50ZXJhY3Rpb246${randomBytes(48).toString('base64url')}`,
    version: 1,
    type: InteractionType.MessageComponent,
    data: { custom_id: customId, component_type: ComponentType.Button },
    message: message.data,
    channel: apiChannel(channel) as APIMessageComponentDMInteraction['channel'],
    channel_id: channel.id,
    user: apiUser(channel.recipient),
    app_permissions: DM_PERMISSIONS.toString(),
    locale: 'en-US' as Locale,
    entitlements: [],
    // A guild-installed app used in its bot DM: Discord writes "0" for the guild.
    authorizing_integration_owners: { '0': '0' },
    context: InteractionContextType.BotDM,
    attachment_size_limit: 10 * 1024 * 1024,
  } satisfies APIMessageComponentDMInteraction;
}
