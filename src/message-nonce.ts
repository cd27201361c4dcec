// Nonces for Discord messages sent with `enforce_nonce`: Discord answers a repeat of the same nonce in a channel (for a
// few minutes) with the message it made the first time, so a resent request never posts twice. It takes at most 25
// characters.
import { createHash, randomUUID } from 'node:crypto';

const maxLength = 25;

/** The nonce of one message: from `key` when every attempt at it must carry the same one, else a fresh one. */
export function messageNonce(key?: string): string {
  return key === undefined ? randomUUID().replace(/-/g, '').slice(0, maxLength) : createHash('sha256').update(key).digest('hex').slice(0, maxLength);
}
