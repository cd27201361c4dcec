// Interaction callbacks (`POST /interactions/:id/:token/callback`) and the interaction webhook
// (`/webhooks/:app/:token…`): the 3-second first-response deadline, one acknowledgement per interaction,
// response types that fit the interaction, `@original` edits and follow-ups for 15 minutes.
import * as spec from 'discord-api-spec/zod';
import { InteractionResponseType as R, MessageFlags, type APIMessage } from 'discord-api-types/v10';
import type { StandInContext } from './context.js';
import { DiscordError, type Route, type RouteContext } from './http-server.js';
import type { InteractionRecord, InteractionTracker } from './interactions.js';
import { autocompleteLimitErrors, messageLimitErrors, modalLimitErrors } from './limits.js';
import { createMessage, deleteMessage, editMessage, emptyAfterEdit, isEmptyMessage } from './messages.js';
import type { StoredMessage } from './model.js';
import { schemaErrors, type FieldError } from './validation.js';

type Body = Record<string, unknown>;

const WEBHOOK_LIFETIME_MS = 15 * 60 * 1000;

/** Which callback types Discord accepts for which interaction. */
function allowedTypes(record: InteractionRecord): R[] {
  const fromMessage = record.sourceMessageId !== null;
  switch (record.kind) {
    case 'autocomplete':
      return [R.ApplicationCommandAutocompleteResult];
    case 'modal':
      return fromMessage ? [R.ChannelMessageWithSource, R.DeferredChannelMessageWithSource, R.DeferredMessageUpdate, R.UpdateMessage] : [R.ChannelMessageWithSource, R.DeferredChannelMessageWithSource];
    case 'command':
      return [R.ChannelMessageWithSource, R.DeferredChannelMessageWithSource, R.Modal];
    default:
      return [R.ChannelMessageWithSource, R.DeferredChannelMessageWithSource, R.DeferredMessageUpdate, R.UpdateMessage, R.Modal];
  }
}

function validateCallback(tracker: InteractionTracker, body: unknown, r: RouteContext): FieldError[] {
  const b = (body ?? {}) as Body;
  const type = Number(b.type);
  const record = tracker.find(r.params.interactionId ?? '', r.params.token ?? '');
  if (record && !allowedTypes(record).includes(type)) {
    return [{ path: ['type'], code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: `Response type ${type} is not valid for a ${record.kind} interaction (allowed: ${allowedTypes(record).join(', ')}).` }];
  }
  switch (type) {
    case R.ChannelMessageWithSource:
    case R.DeferredChannelMessageWithSource:
      return [...schemaErrors(spec.CreateMessageInteractionCallbackRequestSchema, b), ...messageLimitErrors(b.data, ['data'])];
    case R.DeferredMessageUpdate:
    case R.UpdateMessage:
      return [...schemaErrors(spec.UpdateMessageInteractionCallbackRequestSchema, b), ...messageLimitErrors(b.data, ['data'])];
    case R.ApplicationCommandAutocompleteResult:
      return [...schemaErrors(spec.ApplicationCommandAutocompleteCallbackRequestSchema, b), ...autocompleteLimitErrors(b.data, ['data'])];
    case R.Modal:
      return [...schemaErrors(spec.ModalInteractionCallbackRequestSchema, b), ...modalLimitErrors(b.data, ['data'])];
    default:
      return [{ path: ['type'], code: 'BASE_TYPE_CHOICES', message: `Value must be one of (4, 5, 6, 7, 8, 9), not ${String(b.type)}.` }];
  }
}

function metadata(record: InteractionRecord): APIMessage['interaction_metadata'] {
  return {
    id: record.id,
    type: Number(record.payload.type),
    user: (record.payload.member as { user: APIMessage['author'] } | undefined)?.user ?? (record.payload.user as APIMessage['author']),
    authorizing_integration_owners: { 0: record.guildId || '0' },
  } as APIMessage['interaction_metadata'];
}

export function interactionRoutes(ctx: StandInContext, tracker: InteractionTracker): Route[] {
  const { state, observer } = ctx;
  const since = (record: InteractionRecord): number => Math.round((observer.now() - record.dispatchedAt) * 10) / 10;

  function respond(r: RouteContext) {
    const record = tracker.find(r.params.interactionId ?? '', r.params.token ?? '');
    if (!record) throw new DiscordError(404, 10062, 'Unknown interaction', 'late-interaction-response');
    const body = (r.body ?? {}) as Body;
    const type = Number(body.type) as R;
    const data = (body.data ?? {}) as Body;
    const ms = since(record);
    const reject = (status: number, code: number, message: string, kind: 'late-interaction-response' | 'duplicate-interaction-response') => {
      record.rejectedCallbacks.push({ type, data: body.data, ms, status, code });
      tracker.touch(record);
      return new DiscordError(status, code, `${message} (${record.kind} "${record.name}", ${ms} ms after dispatch)`, kind);
    };
    if (record.firstResponse) throw reject(400, 40060, 'Interaction has already been acknowledged.', 'duplicate-interaction-response');
    if (ms > tracker.deadlineMs || record.expired) throw reject(404, 10062, 'Unknown interaction', 'late-interaction-response');
    // A reply, or an update of the button's message, may not leave a message empty (refused: no acknowledgement).
    const updated = type === R.UpdateMessage && record.sourceMessageId ? state.messages.get(record.sourceMessageId) : undefined;
    if ((type === R.ChannelMessageWithSource && isEmptyMessage(data, r.files ?? [])) || (updated && emptyAfterEdit(updated, data, r.files ?? []))) {
      throw new DiscordError(400, 50006, 'Cannot send an empty message', 'invalid-body');
    }
    record.firstResponse = { type, data: body.data, ms };
    const channel = state.channels.get(record.channelId);
    const origin = { method: r.method, path: r.path, webhook: true, interactionId: record.id, interactionMetadata: metadata(record), files: r.files };
    const ephemeral = (Number(data.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
    let message: StoredMessage | null = null;
    if ((type === R.ChannelMessageWithSource || type === R.DeferredChannelMessageWithSource) && channel) {
      const content = type === R.DeferredChannelMessageWithSource ? { flags: MessageFlags.Loading } : data;
      message = createMessage(ctx, channel, content, { ...origin, ephemeral });
      record.originalMessageId = message.id;
    } else if (type === R.DeferredMessageUpdate || type === R.UpdateMessage) {
      record.originalMessageId = record.sourceMessageId;
      const source = record.sourceMessageId ? state.messages.get(record.sourceMessageId) : undefined;
      if (source && type === R.UpdateMessage) message = editMessage(ctx, source, data, origin);
      else message = source ?? null;
    }
    tracker.touch(record);
    if (r.query.with_response !== 'true') return { status: 204 };
    return {
      status: 200,
      body: {
        interaction: {
          id: record.id,
          type: Number(record.payload.type),
          ...(message ? { response_message_id: message.id, response_message_loading: type === R.DeferredChannelMessageWithSource, response_message_ephemeral: message.ephemeral } : {}),
        },
        resource: { type, ...(message && type !== R.DeferredChannelMessageWithSource ? { message: message.data } : {}) },
      },
    };
  }

  /** The webhook of an interaction: only after its first response, and only for 15 minutes. */
  function webhook(r: RouteContext): InteractionRecord {
    const record = r.params.webhookId === state.applicationId ? tracker.byToken(r.params.token ?? '') : undefined;
    if (!record) throw new DiscordError(404, 10015, 'Unknown Webhook', 'unknown-message');
    if (observer.now() - record.dispatchedAt > WEBHOOK_LIFETIME_MS) {
      throw new DiscordError(401, 50027, 'Invalid Webhook Token', 'expired-webhook-token');
    }
    if (!record.firstResponse) throw new DiscordError(404, 10015, 'Unknown Webhook: the interaction has not been acknowledged yet', 'unknown-message');
    return record;
  }

  function target(record: InteractionRecord, messageId: string): StoredMessage {
    const id = messageId === '@original' ? record.originalMessageId : messageId;
    const stored = id ? state.messages.get(id) : undefined;
    const ours = stored && (id === record.originalMessageId || stored.interactionId === record.id);
    if (!stored || stored.deleted || !ours) throw new DiscordError(404, 10008, `Unknown Message (${messageId})`, 'unknown-message');
    return stored;
  }

  const origin = (r: RouteContext, record: InteractionRecord) => ({ method: r.method, path: r.path, webhook: true, interactionId: record.id, interactionMetadata: metadata(record), files: r.files });
  const clearLoading = (body: Body, stored: StoredMessage): Body =>
    (Number(stored.data.flags ?? 0) & MessageFlags.Loading) !== 0 ? { ...body, flags: Number(body.flags ?? 0) & ~MessageFlags.Loading } : body;

  return [
    {
      method: 'POST',
      path: '/interactions/:interactionId/:token/callback',
      auth: false,
      validate: (body, r) => validateCallback(tracker, body, r),
      handle: respond,
    },
    {
      method: 'POST',
      path: '/webhooks/:webhookId/:token',
      auth: false,
      validate: (body) => [...schemaErrors(spec.IncomingWebhookRequestPartialSchema, body ?? {}), ...messageLimitErrors(body)],
      handle: (r) => {
        const record = webhook(r);
        const body = (r.body ?? {}) as Body;
        if (isEmptyMessage(body, r.files ?? [])) throw new DiscordError(400, 50006, 'Cannot send an empty message', 'invalid-body');
        const original = record.originalMessageId ? state.messages.get(record.originalMessageId) : undefined;
        // After a deferred reply, the first follow-up replaces the "thinking…" message instead of adding one.
        if (original && !original.deleted && (Number(original.data.flags ?? 0) & MessageFlags.Loading) !== 0) {
          const edited = editMessage(ctx, original, clearLoading({ flags: 0, ...body }, original), origin(r, record));
          record.followUps.push({ messageId: edited.id, body, ms: since(record) });
          tracker.touch(record);
          return { status: 200, body: edited.data };
        }
        const channel = state.channels.get(record.channelId);
        if (!channel) throw new DiscordError(404, 10003, 'Unknown Channel');
        const ephemeral = (Number(body.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
        const stored = createMessage(ctx, channel, body, { ...origin(r, record), ephemeral });
        record.followUps.push({ messageId: stored.id, body, ms: since(record) });
        tracker.touch(record);
        return { status: 200, body: stored.data };
      },
    },
    { method: 'GET', path: '/webhooks/:webhookId/:token/messages/:messageId', auth: false, handle: (r) => ({ status: 200, body: target(webhook(r), r.params.messageId ?? '').data }) },
    {
      method: 'PATCH',
      path: '/webhooks/:webhookId/:token/messages/:messageId',
      auth: false,
      validate: (body) => [...schemaErrors(spec.IncomingWebhookUpdateRequestPartialSchema, body ?? {}), ...messageLimitErrors(body)],
      handle: (r) => {
        const record = webhook(r);
        const stored = target(record, r.params.messageId ?? '');
        const body = (r.body ?? {}) as Body;
        if (emptyAfterEdit(stored, body, r.files ?? [])) throw new DiscordError(400, 50006, 'Cannot send an empty message', 'invalid-body');
        const edited = editMessage(ctx, stored, clearLoading(body, stored), origin(r, record));
        record.edits.push({ target: r.params.messageId ?? '', body, ms: since(record) });
        tracker.touch(record);
        return { status: 200, body: edited.data };
      },
    },
    {
      method: 'DELETE',
      path: '/webhooks/:webhookId/:token/messages/:messageId',
      auth: false,
      handle: (r) => {
        const record = webhook(r);
        deleteMessage(ctx, target(record, r.params.messageId ?? ''));
        record.deletes.push({ target: r.params.messageId ?? '', ms: since(record) });
        tracker.touch(record);
        return { status: 204 };
      },
    },
  ];
}
