// Requests that make something on Discord are sent once. discord.js resends a request whose answer timed out, whose
// connection reset, or that got a 5xx, but Discord may have carried it out already: a forum post or an outlet-webhook
// post (no nonce Discord enforces for them) would appear twice. Such a request fails instead with
// UncertainCreationError, and the caller that knows the post looks for it before trying again (the delivery worker
// does, post-story.ts). Resent as before: a message with an enforced nonce (Discord returns the first one: story posts,
// digests, DMs, log-channel and review messages carry one), interaction follow-ups (a private answer twice is better
// than none), reads, edits and deletes; a 429 is waited out and resent by discord.js whatever this says.
import type { RESTOptions, ResponseLike } from 'discord.js';

type MakeRequest = RESTOptions['makeRequest'];

/** Thread creation in a forum, channel messages (DMs too) and webhook executions (outlet posts, follow-ups). */
const creation = /\/(channels\/\d+\/(threads|messages|webhooks)|webhooks\/\d+\/[^/?]+)(\?|$)/;

export function isCreation(url: string, method: string | undefined): boolean {
  return (method ?? 'GET').toUpperCase() === 'POST' && creation.test(new URL(url).pathname + '?');
}

/** A JSON body with `enforce_nonce`: Discord answers a repeat with the message it made the first time. */
function hasEnforcedNonce(body: unknown): boolean {
  return typeof body === 'string' && /"enforce_nonce":true\b/.test(body);
}

/** Discord may or may not have made it: the answer was lost. Its name and message are not ones discord.js retries. */
export class UncertainCreationError extends Error {
  override name = 'UncertainCreationError';
  constructor(
    readonly status: number | undefined,
    readonly detail: string,
  ) {
    super(`Discord did not confirm it (${detail})`);
  }
}

/** What a lost answer says, without the words ("ECONNRESET", "AbortError") discord.js would resend it for. */
function describe(error: unknown): string {
  if (error instanceof Error && error.name === 'AbortError') return 'no answer in time';
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ECONNRESET' || (error instanceof Error && error.message.includes('ECONNRESET'))) return 'the connection was reset';
  return error instanceof Error ? error.message : String(error);
}

/** `resent`: creations that are still resent (the bot passes its interaction follow-ups: `/webhooks/<application id>/…`). */
export function onceForCreations(inner: MakeRequest, resent: (url: string) => boolean = () => false): MakeRequest {
  return async (url, init) => {
    if (!isCreation(url, init.method) || hasEnforcedNonce(init.body) || resent(url)) return inner(url, init);
    let response: ResponseLike;
    try {
      response = await inner(url, init);
    } catch (error) {
      throw new UncertainCreationError(undefined, describe(error));
    }
    if (response.status >= 500) {
      await response.arrayBuffer().catch(() => undefined);
      throw new UncertainCreationError(response.status, `Discord answered ${response.status}`);
    }
    return response;
  };
}
