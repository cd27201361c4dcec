// Structured logs. Every line about a guild, source or article carries its id (`guildId`, `sourceId`, `feedId`,
// `articleId`, `storyId`) so one grep follows one thing through the pipeline.
import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Webhook and interaction tokens are part of their URLs (`/webhooks/:id/:token`, `/interactions/:id/:token`), and
 * discord.js's errors carry the request's URL: an outlet webhook's token never expires and lets anyone post in its
 * channel, so it must not reach a log file.
 */
export function withoutTokens(text: string): string {
  return text.replace(/\/(webhooks|interactions)\/(\d+)\/[\w.-]+/g, '/$1/$2/[token]');
}

function errorWithoutTokens(error: unknown): unknown {
  const serialized = stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  if (!serialized || typeof serialized !== 'object') return serialized;
  for (const [key, value] of Object.entries(serialized)) {
    if (typeof value === 'string') serialized[key] = withoutTokens(value);
  }
  return serialized;
}

const serializers = { err: errorWithoutTokens, url: (url: unknown) => (typeof url === 'string' ? withoutTokens(url) : url) };

export function createLogger(level: string = 'info', destination?: DestinationStream): Logger {
  const options = { name: 'gazette', level, base: { pid: process.pid }, serializers };
  return destination ? pino(options, destination) : pino(options);
}

/** For command-line tools whose standard output is their answer (`npm run ingest -- … --json`): logs go to stderr. */
export function createStderrLogger(level: string): Logger {
  return createLogger(level, pino.destination({ fd: 2, sync: true }));
}

/** A logger that writes nothing, for tests and benchmarks. */
export const silentLogger: Logger = pino({ level: 'silent' });
