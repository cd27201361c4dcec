// Structured logs. Every line about a guild, source or article carries its id (`guildId`, `sourceId`, `feedId`,
// `articleId`, `storyId`) so one grep follows one thing through the pipeline.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string = 'info'): Logger {
  return pino({ name: 'gazette', level, base: { pid: process.pid } });
}

/** A logger that writes nothing, for tests and benchmarks. */
export const silentLogger: Logger = pino({ level: 'silent' });
