// How a command that runs until stopped (`npm start`, `npm run rest-proxy`) fails to start: the JSON log line with
// the stack for a log collector, and for whoever ran it the reason as one sentence on standard error, as a bad
// setting is said.
import { describeError } from './errors.js';
import type { Logger } from './logger.js';

/** Logs `error`, says `what` could not start and why on stderr, and exits with 1. */
export function exitOnStartFailure(logger: Logger, what: string, error: unknown, reason: string = describeError(error)): never {
  logger.fatal({ err: error }, `${what} could not start`);
  process.stderr.write(`${what} could not start: ${reason} (the full error is in the log above)\n`);
  process.exit(1);
}
