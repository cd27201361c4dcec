// Placeholder while this command's handlers are written (owned by a parallel change); replaced before landing.
import type { CommandHandlers, CommandNamed } from './types.js';

const pending = async () => {
  throw new Error('/source is being implemented');
};

export const sourceHandlers = new Proxy({}, { get: () => pending }) as CommandHandlers<CommandNamed<'source'>>;
