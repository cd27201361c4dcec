// Channel webhooks: `POST/GET /channels/:id/webhooks` (Manage Webhooks), executing one with
// `POST /webhooks/:id/:token` (`?wait=true` answers the message, otherwise 204), and `GET/PATCH/DELETE` of its
// messages. A webhook the bot's application created is application-owned: its messages may carry buttons, and clicks
// on them are dispatched to the application like clicks on the bot's own messages. These routes share their paths
// with the interaction webhook (routes-interactions.ts) and match only ids of channel webhooks.
import * as spec from 'discord-api-spec/zod';
import { ComponentType, GatewayDispatchEvents, GatewayIntentBits, PermissionFlagsBits, WebhookType, type APIUser, type APIWebhook } from 'discord-api-types/v10';
import { apiUser } from './api-objects.js';
import type { StandInContext } from './context.js';
import { DiscordError, type Route, type RouteContext } from './http-server.js';
import { messageLimitErrors } from './limits.js';
import { createMessage, deleteMessage, editMessage, isEmptyMessage } from './messages.js';
import type { StoredMessage, WebhookRecord } from './model.js';
import { channelPermissions, hasAll } from './permissions.js';
import { visibleChannel } from './routes-channels.js';
import { schemaErrors, type FieldError, type FieldPath } from './validation.js';

type Body = Record<string, unknown>;

const GUILD_WEBHOOKS = BigInt(GatewayIntentBits.GuildWebhooks);

/** Discord's naming rules for webhooks: 1–80 characters, not containing "discord" or "clyde", no @ # : ```. */
export function webhookNameErrors(name: unknown, path: FieldPath, required: boolean): FieldError[] {
  if (name === undefined || name === null) return required ? [{ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }] : [];
  if (typeof name !== 'string') return [{ path, code: 'BASE_TYPE_BAD_TYPE', message: 'Could not interpret as string.' }];
  if (name.length < 1 || name.length > 80) return [{ path, code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 80 in length.' }];
  if (/discord|clyde/i.test(name)) return [{ path, code: 'USERNAME_INVALID_CONTAINS', message: `Username cannot contain "${/clyde/i.test(name) ? 'clyde' : 'discord'}"` }];
  if (/[@#:]|```/.test(name) || /^(?:everyone|here)$/i.test(name.trim())) return [{ path, code: 'USERNAME_INVALID', message: 'Username is invalid.' }];
  return [];
}

export function apiWebhook(hook: WebhookRecord, botUser: APIUser | null): APIWebhook {
  return {
    id: hook.id,
    type: WebhookType.Incoming,
    guild_id: hook.guildId,
    channel_id: hook.channelId,
    name: hook.name,
    avatar: null,
    token: hook.token,
    application_id: hook.applicationId,
    ...(botUser && hook.applicationId ? { user: botUser } : {}),
  } satisfies APIWebhook;
}

function hasInteractiveComponents(components: unknown): boolean {
  const visit = (value: unknown): boolean => {
    if (Array.isArray(value)) return value.some(visit);
    if (!value || typeof value !== 'object') return false;
    const c = value as Body;
    if (c.type !== ComponentType.ActionRow && typeof c.custom_id === 'string') return true;
    return visit(c.components) || visit(c.accessory) || visit(c.component);
  };
  return visit(components);
}

export function webhookRoutes(ctx: StandInContext): Route[] {
  const { state } = ctx;
  const isChannelWebhook = (params: Record<string, string>) => state.webhooks.has(params.webhookId ?? '');
  const botUser = () => apiUser(state.users.get(state.botUserId) ?? { id: state.botUserId, username: 'bot', globalName: null, bot: true });

  function requireManageWebhooks(channelId: string) {
    const channel = visibleChannel(ctx, channelId);
    if (!hasAll(channelPermissions(state, channel, state.botUserId), PermissionFlagsBits.ManageWebhooks)) throw new DiscordError(403, 50013, 'Missing Permissions');
    return channel;
  }

  /** The webhook named by id and token; deleted ones (or ones of a deleted channel) are unknown, as on Discord. */
  function webhookOf(r: RouteContext): WebhookRecord {
    const hook = state.webhooks.get(r.params.webhookId ?? '');
    const channel = hook ? state.channels.get(hook.channelId) : undefined;
    if (!hook || hook.deleted || !channel || channel.deleted) throw new DiscordError(404, 10015, 'Unknown Webhook');
    if (hook.token !== r.params.token) throw new DiscordError(401, 50027, 'Invalid Webhook Token');
    return hook;
  }

  function messageOf(hook: WebhookRecord, messageId: string): StoredMessage {
    const stored = state.messages.get(messageId);
    if (!stored || stored.deleted || stored.data.webhook_id !== hook.id) throw new DiscordError(404, 10008, 'Unknown Message');
    return stored;
  }

  function announce(guildId: string, channelId: string) {
    ctx.gateway.dispatch(GatewayDispatchEvents.WebhooksUpdate, { guild_id: guildId, channel_id: channelId }, GUILD_WEBHOOKS, guildId);
  }

  const executeErrors = (body: unknown, r: RouteContext): FieldError[] => {
    const b = (body ?? {}) as Body;
    const hook = state.webhooks.get(r.params.webhookId ?? '');
    const errors = [...schemaErrors(spec.IncomingWebhookRequestPartialSchema, b), ...messageLimitErrors(b), ...webhookNameErrors(b.username, ['username'], false)];
    if (hook && !hook.applicationId && hasInteractiveComponents(b.components)) {
      errors.push({ path: ['components'], code: 'COMPONENT_INVALID', message: 'Interactive components need a webhook owned by an application.' });
    }
    return errors;
  };

  return [
    {
      method: 'POST',
      path: '/channels/:channelId/webhooks',
      validate: (body) => webhookNameErrors((body as Body | undefined)?.name, ['name'], true),
      handle: (r) => {
        const channel = requireManageWebhooks(r.params.channelId ?? '');
        const hooks = [...state.webhooks.values()].filter((h) => h.channelId === channel.id && !h.deleted);
        if (hooks.length >= 15) throw new DiscordError(400, 30007, 'Maximum number of webhooks reached (15)');
        const hook: WebhookRecord = {
          id: state.nextId(),
          token: `${state.nextId()}-${Math.random().toString(36).slice(2)}`,
          guildId: channel.guildId,
          channelId: channel.id,
          name: String((r.body as Body).name),
          applicationId: state.applicationId,
          deleted: false,
        };
        state.webhooks.set(hook.id, hook);
        announce(hook.guildId, hook.channelId);
        ctx.observer.changed('webhook', hook);
        return { status: 200, body: apiWebhook(hook, botUser()) };
      },
    },
    {
      method: 'GET',
      path: '/channels/:channelId/webhooks',
      handle: (r) => {
        const channel = requireManageWebhooks(r.params.channelId ?? '');
        const hooks = [...state.webhooks.values()].filter((h) => h.channelId === channel.id && !h.deleted);
        return { status: 200, body: hooks.map((h) => apiWebhook(h, botUser())) };
      },
    },
    {
      method: 'DELETE',
      path: '/webhooks/:webhookId/:token',
      auth: false,
      when: isChannelWebhook,
      handle: (r) => {
        const hook = webhookOf(r);
        hook.deleted = true;
        announce(hook.guildId, hook.channelId);
        ctx.observer.changed('webhook', hook);
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      path: '/webhooks/:webhookId/:token',
      auth: false,
      when: isChannelWebhook,
      validate: executeErrors,
      handle: (r) => {
        const hook = webhookOf(r);
        const channel = visibleChannel(ctx, hook.channelId);
        const body = (r.body ?? {}) as Body;
        if (isEmptyMessage(body, r.files)) throw new DiscordError(400, 50006, 'Cannot send an empty message');
        // The message's author is the webhook, under the name and avatar it was executed with.
        const author: APIUser = { id: hook.id, username: typeof body.username === 'string' ? body.username : hook.name, discriminator: '0000', global_name: null, avatar: null, bot: true };
        const stored = createMessage(ctx, channel, body, {
          method: r.method,
          path: r.path,
          webhook: false,
          files: r.files,
          channelWebhook: { id: hook.id, author, applicationId: hook.applicationId },
        });
        stored.avatarUrl = typeof body.avatar_url === 'string' ? body.avatar_url : null;
        return r.query.wait === 'true' ? { status: 200, body: stored.data } : { status: 204 };
      },
    },
    {
      method: 'GET',
      path: '/webhooks/:webhookId/:token/messages/:messageId',
      auth: false,
      when: isChannelWebhook,
      handle: (r) => ({ status: 200, body: messageOf(webhookOf(r), r.params.messageId ?? '').data }),
    },
    {
      method: 'PATCH',
      path: '/webhooks/:webhookId/:token/messages/:messageId',
      auth: false,
      when: isChannelWebhook,
      validate: (body, r) => {
        const b = (body ?? {}) as Body;
        const hook = state.webhooks.get(r.params.webhookId ?? '');
        const errors = [...schemaErrors(spec.IncomingWebhookUpdateRequestPartialSchema, b), ...messageLimitErrors(b)];
        if (hook && !hook.applicationId && hasInteractiveComponents(b.components)) {
          errors.push({ path: ['components'], code: 'COMPONENT_INVALID', message: 'Interactive components need a webhook owned by an application.' });
        }
        return errors;
      },
      handle: (r) => {
        const hook = webhookOf(r);
        const stored = messageOf(hook, r.params.messageId ?? '');
        return { status: 200, body: editMessage(ctx, stored, (r.body ?? {}) as Body, { method: r.method, path: r.path, webhook: false, files: r.files }).data };
      },
    },
    {
      method: 'DELETE',
      path: '/webhooks/:webhookId/:token/messages/:messageId',
      auth: false,
      when: isChannelWebhook,
      handle: (r) => {
        deleteMessage(ctx, messageOf(webhookOf(r), r.params.messageId ?? ''));
        return { status: 204 };
      },
    },
  ];
}
