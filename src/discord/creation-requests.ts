// Requests that make something on Discord are sent once. discord.js resends a request whose answer timed out, whose
// connection reset, or that got a 5xx, but Discord may have carried it out already: a forum post, an outlet-webhook
// post or a DM (no nonce Discord enforces there) would appear twice. Such a request fails instead with
// UncertainCreationError, and the caller that knows the post looks for it before trying again (the delivery worker
// does, post-story.ts). Reads, edits and deletes keep discord.js's retries; a 429 is waited out and resent by
// discord.js whatever this says (Discord did nothing with it).
import type { RESTOptions, ResponseLike } from 'discord.js';

type MakeRequest = RESTOptions['makeRequest'];

/** Thread creation in a forum, channel messages (DMs too) and webhook executions (outlet posts, follow-ups). */
const creation = /\/(channels\/\d+\/(threads|messages|webhooks)|webhooks\/\d+\/[^/?]+)(\?|$)/;

export function isCreation(url: string, method: string | undefined): boolean {
  return (method ?? 'GET').toUpperCase() === 'POST' && creation.test(new URL(url).pathname + '?');
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

export function onceForCreations(inner: MakeRequest): MakeRequest {
  return async (url, init) => {
    if (!isCreation(url, init.method)) return inner(url, init);
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
