// Errors cross the worker thread boundary as data and are rebuilt on the other side, so `isParseError`,
// `isNotAnArticleError` and `isUserError` keep working. Apart from worker/jobs.ts, so that the pool on the main thread
// does not load the jobs' code (extraction, parsing) to read a failure.
import { UserError, type UserErrorCode } from '../../errors.js';
import { NotAnArticleError } from '../extract/errors.js';
import { FetchError, type FetchErrorCode } from '../fetch/errors.js';
import { ParseError } from '../parse/errors.js';
import type { DiscoveredFeed } from '../parse/parse-types.js';

export interface ErrorData {
  name: string;
  message: string;
  stack?: string | undefined;
  /** The UserError's code, when the error is one. */
  user: UserErrorCode | null;
  feeds?: DiscoveredFeed[] | undefined;
  reason?: string | undefined;
  code?: string | undefined;
  status?: number | undefined;
  retryAfter?: number | undefined;
}

export function errorToData(error: unknown): ErrorData {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), user: null };
  const data: ErrorData = { name: error.name, message: error.message, stack: error.stack, user: error instanceof UserError ? error.code : null };
  if (error instanceof ParseError) data.feeds = error.feeds;
  if (error instanceof NotAnArticleError) data.reason = error.reason;
  if (error instanceof FetchError) Object.assign(data, { code: error.code, status: error.status, retryAfter: error.retryAfter });
  return data;
}

export function errorFromData(data: ErrorData): Error {
  let error: Error;
  if (data.name === 'ParseError') error = new ParseError(data.message, data.feeds ?? []);
  else if (data.name === 'NotAnArticleError' && data.reason !== undefined) error = new NotAnArticleError(data.reason);
  else if (data.name === 'FetchError' && data.code) error = new FetchError(data.code as FetchErrorCode, data.message, { status: data.status, retryAfter: data.retryAfter });
  else {
    error = data.user ? new UserError(data.user, data.message) : new Error(data.message);
    error.name = data.name;
  }
  if (data.stack) error.stack = data.stack;
  return error;
}
