// The life of each dispatched interaction: when it went out, its first response and how long that took, later
// edits of `@original`, follow-ups, and every rule broken on the way (late, duplicate or wrong responses).
import { GatewayDispatchEvents, InteractionResponseType } from 'discord-api-types/v10';
import type { StandInContext } from './context.js';
import type { StoredMessage } from './model.js';

export type InteractionKind = 'command' | 'autocomplete' | 'button' | 'select' | 'modal';

export interface ResponseRecord {
  type: InteractionResponseType;
  data: unknown;
  /** Milliseconds from dispatch to the callback's arrival. */
  ms: number;
}

export interface RejectedCallback extends ResponseRecord {
  status: number;
  code: number;
}

export interface InteractionRecord {
  id: string;
  token: string;
  kind: InteractionKind;
  /** The command path, or the component / modal custom_id. */
  name: string;
  guildId: string;
  channelId: string;
  userId: string;
  payload: Record<string, unknown>;
  /** Stand-in clock (ms since start) at dispatch. */
  dispatchedAt: number;
  firstResponse: ResponseRecord | null;
  rejectedCallbacks: RejectedCallback[];
  edits: Array<{ target: string; body: unknown; ms: number }>;
  followUps: Array<{ messageId: string; body: unknown; ms: number }>;
  deletes: Array<{ target: string; ms: number }>;
  /** The response message (type 4/5), or for 6/7 the message the component is on. */
  originalMessageId: string | null;
  /** The message carrying the clicked component (component interactions and modals opened from them). */
  sourceMessageId: string | null;
  /** True once the deadline passed with no response: the user saw "The application did not respond". */
  expired: boolean;
  lastActivity: number;
}

export interface SettleOptions {
  timeoutMs?: number;
  /** How long nothing more must happen before the lifecycle counts as settled (default 30 ms). */
  quietMs?: number;
  /** Extra condition, e.g. `(r) => r.edits.length > 0` after a `deferUpdate`. */
  until?: (record: InteractionRecord) => boolean;
}

export interface InteractionHandle {
  readonly id: string;
  readonly token: string;
  readonly payload: Record<string, unknown>;
  /** Live record; it keeps changing as the bot responds. */
  readonly record: InteractionRecord;
  /** Resolves at the first accepted callback; rejects once the deadline passes without one. */
  firstResponse(timeoutMs?: number): Promise<ResponseRecord>;
  /**
   * Resolves with the record once the interaction is answered and quiet: a deferred reply (type 5) must also have
   * been edited or followed up. Resolves with `expired: true` if the bot never answered in time.
   */
  settled(options?: SettleOptions): Promise<InteractionRecord>;
  /** The message the response created or updated, as it is now. */
  originalMessage(): StoredMessage | null;
}

export interface InteractionTracker {
  dispatch(kind: InteractionKind, name: string, payload: Record<string, unknown>, sourceMessageId: string | null): InteractionHandle;
  find(id: string, token: string): InteractionRecord | undefined;
  byToken(token: string): InteractionRecord | undefined;
  touch(record: InteractionRecord): void;
  readonly all: InteractionRecord[];
  readonly deadlineMs: number;
  close(): void;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function describe(record: InteractionRecord): string {
  const first = record.firstResponse ? `type ${record.firstResponse.type} after ${record.firstResponse.ms} ms` : 'none';
  return `${record.kind} "${record.name}" (first response: ${first}, edits: ${record.edits.length}, follow-ups: ${record.followUps.length})`;
}

export function createInteractionTracker(ctx: StandInContext, hasSession: () => boolean, deadlineMs = 3000): InteractionTracker {
  const { observer } = ctx;
  const records = new Map<string, InteractionRecord>();
  const tokens = new Map<string, InteractionRecord>();
  const timers = new Set<NodeJS.Timeout>();
  const all: InteractionRecord[] = [];

  function handleFor(record: InteractionRecord): InteractionHandle {
    const awaitingFollowThrough = (r: InteractionRecord): boolean =>
      r.firstResponse?.type === InteractionResponseType.DeferredChannelMessageWithSource && r.edits.length + r.followUps.length + r.deletes.length === 0;
    return {
      id: record.id,
      token: record.token,
      payload: record.payload,
      record,
      async firstResponse(timeoutMs = deadlineMs + 1000) {
        await observer.waitFor(() => record.firstResponse !== null || record.expired, timeoutMs, `a response to ${describe(record)}`);
        if (!record.firstResponse) throw new Error(`The bot did not respond to ${describe(record)} within ${deadlineMs} ms.`);
        return record.firstResponse;
      },
      async settled(options = {}) {
        const { timeoutMs = deadlineMs + 5000, quietMs = 30, until } = options;
        const giveUpAt = observer.now() + timeoutMs;
        for (;;) {
          const remaining = Math.max(giveUpAt - observer.now(), 1);
          await observer.waitFor(
            () => (record.expired && !record.firstResponse) || (record.firstResponse !== null && !awaitingFollowThrough(record) && (until?.(record) ?? true)),
            remaining,
            `${describe(record)} to settle`,
          );
          if (!record.firstResponse) return record;
          const seen = record.lastActivity;
          await sleep(quietMs);
          if (record.lastActivity === seen) return record;
        }
      },
      originalMessage() {
        return record.originalMessageId ? (ctx.state.messages.get(record.originalMessageId) ?? null) : null;
      },
    };
  }

  return {
    all,
    deadlineMs,
    dispatch(kind, name, payload, sourceMessageId) {
      if (!hasSession()) throw new Error('No bot is connected to the stand-in gateway; log a client in before dispatching interactions.');
      const record: InteractionRecord = {
        id: String(payload.id),
        token: String(payload.token),
        kind,
        name,
        guildId: payload.guild_id ? String(payload.guild_id) : '',
        channelId: String(payload.channel_id),
        // In a guild the user is the member's; in a DM there is no member, only `user`.
        userId: String(((payload.member as { user: { id: string } } | undefined)?.user ?? (payload.user as { id: string })).id),
        payload,
        dispatchedAt: observer.now(),
        firstResponse: null,
        rejectedCallbacks: [],
        edits: [],
        followUps: [],
        deletes: [],
        originalMessageId: null,
        sourceMessageId,
        expired: false,
        lastActivity: observer.now(),
      };
      records.set(record.id, record);
      tokens.set(record.token, record);
      all.push(record);
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (record.firstResponse) return;
        record.expired = true;
        observer.violate({ kind: 'unanswered-interaction', detail: `no response to ${describe(record)} within ${deadlineMs} ms` });
        observer.changed('interaction', record);
      }, deadlineMs);
      timers.add(timer);
      // A guild's interaction reaches the shard serving that guild; one in a DM reaches shard 0.
      const guildId = typeof payload.guild_id === 'string' ? payload.guild_id : null;
      ctx.gateway.dispatch(GatewayDispatchEvents.InteractionCreate, payload, null, guildId);
      observer.changed('interaction', record);
      return handleFor(record);
    },
    find(id, token) {
      const record = records.get(id);
      return record && record.token === token ? record : undefined;
    },
    byToken(token) {
      return tokens.get(token);
    },
    touch(record) {
      record.lastActivity = observer.now();
      observer.changed('interaction', record);
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
