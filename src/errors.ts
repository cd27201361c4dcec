/** What kind of mistake or refusal a UserError is: for logs, metrics and tests, which match codes rather than prose. */
export type UserErrorCode =
  | 'invalid' // the input cannot be used as given (not a URL, not a tag, not a time zone)
  | 'not-found' // no such story, source, route, tag, region or submission in this server
  | 'conflict' // already done, already exists, the same thing twice
  | 'forbidden' // the member may not do this
  | 'bot-permission' // Gazette lacks a Discord permission here
  | 'limit' // over a size or count limit
  | 'rate-limited' // too many in a short time; try again later
  | 'unreadable' // a source or file could not be fetched or read
  | 'not-configured' // the server has not set up what this needs
  | 'stale' // a button or modal Gazette did not write, or no longer understands
  | 'guild-only'; // used outside a server

/**
 * An error whose message is safe and useful to show to the person who caused it ("That channel is not a text
 * channel"), with a code saying what kind it is. Anything that is not a UserError is logged and answered with a
 * generic message.
 */
export class UserError extends Error {
  constructor(
    readonly code: UserErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/**
 * A site asked Gazette to wait (429 or 503 with Retry-After) until `until`: a member's share or a moderator's preview
 * of it is refused until then, nothing fetched (src/ingest/site-waits.ts). A class of its own so that a stage trying
 * several addresses (resolve-source.ts) says the wait when none of them works, rather than a generic failure.
 */
export class SiteWaitError extends UserError {
  constructor(
    readonly host: string,
    readonly until: Date,
  ) {
    const at = Math.ceil(until.getTime() / 1000);
    // Discord shows each reader the time on their own clock: "after 10:15 (in an hour)".
    super('rate-limited', `${host} asked Gazette to wait before reading it again; try again after <t:${at}:t> (<t:${at}:R>).`);
    this.name = 'SiteWaitError';
  }
}

/** A message for logs and health fields from anything thrown. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
