// Why a document could not be read, in words a moderator adding a source can act on.
import { UserError } from '../../errors.js';
import type { DiscoveredFeed } from './parse-types.js';

export class ParseError extends UserError {
  /** Feeds the page links to, when it has no articles itself: the caller may offer or try them. */
  readonly feeds: DiscoveredFeed[];

  constructor(message: string, feeds: DiscoveredFeed[] = []) {
    super('unreadable', message);
    this.name = 'ParseError';
    this.feeds = feeds;
  }
}

export function isParseError(error: unknown): error is ParseError {
  return error instanceof ParseError;
}
