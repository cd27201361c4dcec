// What the REST routes, the interaction tracker and the public API share.
import type { Observer } from './observer.js';
import type { StandInState } from './state.js';

export interface Dispatcher {
  /**
   * Sends a dispatch to every identified session whose intents include `intent` (null: sent regardless) and whose
   * shard serves `guildId` (Discord's formula; null — a DM — goes to shard 0 only). `data` may be a function of the
   * session's intents, for payloads that depend on them (GUILD_CREATE's member list).
   */
  dispatch(event: string, data: unknown, intent: bigint | null, guildId: string | null): void;
}

export interface StandInContext {
  readonly state: StandInState;
  readonly observer: Observer;
  readonly gateway: Dispatcher;
  /** How long a nonce sent with `enforce_nonce` keeps returning the first message. */
  readonly nonceWindowMs: number;
}
