/**
 * An error whose message is safe and useful to show to the person who caused it ("That channel is not a text
 * channel"). Anything that is not a UserError is logged and answered with a generic message.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/** A message for logs and health fields from anything thrown. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
