// Discord's refusals in words a moderator can act on, and whether trying again could help.
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { UncertainCreationError } from '../creation-requests.js';

export interface PostFailure {
  reason: string;
  /** Worth retrying later (server errors, rate limits, network trouble). */
  retryable: boolean;
  /** The message or its channel no longer exists: an edit has no post left to change. */
  gone?: boolean;
  /** Discord is slowing Gazette down: more requests of the kind now would be refused too. */
  throttled?: boolean;
  /** The channel itself no longer exists (not a message in it): every post there would be refused. */
  channelGone?: boolean;
  /** What to record when a retryable failure has lasted a day and the post is given up. */
  givenUp?: string;
  /** Not sent at all (the cache said Discord would refuse it): the attempt is given back. */
  heldBack?: boolean;
}

/** How the reason of a post held back for want of a permission starts (retryWaitingPosts finds them by it). */
export const heldForPermissions = 'Gazette lacks ';

/** A post Gazette does not send because Discord would refuse it for good; its message is the reason, in words. */
export class PostRefusedError extends Error {}

/**
 * A post held back, without asking Discord, because the gateway's cache says Gazette may not post in its channel
 * (post-permissions.ts): Discord would refuse it. It waits, as a passing failure does, for a moderator to give the
 * permissions back: a refusal for good lost every story posted meanwhile.
 */
export class PermissionsMissingError extends Error {
  constructor(
    readonly channelId: string,
    readonly missing: string[],
  ) {
    super(`Gazette lacks ${missing.join(', ')} in channel ${channelId}`);
  }
}

/** Refuses a post to a forum that requires a tag when none can be applied (Discord's 40067, said before sending). */
export const tagRequiredError = (channelId: string) => new PostRefusedError(tagRequired(`<#${channelId}>`));

/** Why a forum refuses every post Gazette would make there (said when it is chosen, and when a post fails). */
export const tagRequired = (where: string) =>
  `The forum ${where} requires a tag on each post and has none Gazette may apply: turn off “Require tags when posting” there, or add a tag that is not moderated.`;

export function describeDiscordError(error: unknown, channelId: string): PostFailure {
  const where = `<#${channelId}>`;
  if (error instanceof PostRefusedError) return { reason: error.message, retryable: false };
  if (error instanceof PermissionsMissingError) {
    const lacks = `${heldForPermissions}${error.missing.join(', ')} in ${where}`;
    return {
      reason: `${lacks}: its posts there wait until it has ${error.missing.length === 1 ? 'it' : 'them'} (for a day at most).`,
      heldBack: true,
      retryable: true,
      givenUp: `${lacks}, so the post waited a day and was given up: the story is no longer news.`,
    };
  }
  if (error instanceof DiscordAPIError) {
    switch (error.code) {
      case 10003:
        return { reason: `The channel ${where} no longer exists.`, retryable: false, gone: true, channelGone: true };
      case 10008:
        return { reason: `The post in ${where} was deleted.`, retryable: false, gone: true };
      case 50001:
        return { reason: `Gazette cannot see ${where} (Missing Access): give it View Channel there.`, retryable: false };
      case 40003:
        // A 403, yet it passes: Discord limits how fast a bot opens direct messages.
        return { reason: 'Discord says Gazette is opening direct messages too fast; it will try again.', retryable: true, throttled: true };
      case 40067:
        return { reason: tagRequired(where), retryable: false };
      case 50013:
        return { reason: `Gazette lacks permission to post in ${where} (Missing Permissions): it needs Send Messages, Embed Links and, for forums, Create Posts (in a thread, Send Messages in Threads).`, retryable: false };
      case 50083:
        return { reason: `The post's thread in ${where} is locked, so Gazette can no longer update it.`, retryable: false };
      case 50035:
        return { reason: `Discord refused the post as malformed (${error.message}).`, retryable: false };
      default:
        return { reason: `Discord answered ${error.status}: ${error.message}`, retryable: error.status >= 500 || error.status === 429, throttled: error.status === 429 };
    }
  }
  if (error instanceof UncertainCreationError) return { reason: `${error.detail[0]!.toUpperCase()}${error.detail.slice(1)}: the post may have been made; Gazette looks for it before trying again.`, retryable: true };
  if (error instanceof RateLimitError) return { reason: 'Discord is rate-limiting Gazette; it will try again.', retryable: true, throttled: true };
  if (error instanceof HTTPError) return { reason: `Discord answered ${error.status}; Gazette will try again.`, retryable: true };
  return { reason: `Could not reach Discord (${error instanceof Error ? error.message : String(error)}); Gazette will try again.`, retryable: true };
}
