// Placeholder while this command's handlers are written (owned by a parallel change); replaced before landing.
import type { CommandHandlers, CommandNamed } from './types.js';

const pending = async () => {
  throw new Error('/config is being implemented');
};

export const configHandlers = new Proxy({}, { get: () => pending }) as CommandHandlers<CommandNamed<'config'>>;
