// The one way extraction refuses a page, in words that can be shown to the member who submitted the link.
import { UserError } from '../../errors.js';

/** Thrown for pages that hold no article: index pages, login walls, error pages, empty pages. */
export class NotAnArticleError extends UserError {
  /** The short reason inside the message ("it is an error page"), for logs and source health. */
  readonly reason: string;

  constructor(reason: string) {
    super('unreadable', `This page does not look like an article (${reason}).`);
    this.name = 'NotAnArticleError';
    this.reason = reason;
  }
}

export function isNotAnArticleError(error: unknown): error is NotAnArticleError {
  return error instanceof NotAnArticleError;
}
