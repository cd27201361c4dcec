// The time every process sharing a PostgreSQL server agrees on: the server's. Claims, leases and due times are
// compared with times other processes wrote, so a host whose clock runs ahead would take claims still held elsewhere
// (a post sent twice, a feed fetched twice in one interval) and one running behind would wait on expired ones. Each
// process reads the server's clock and keeps its offset from its own, then tells time as its host clock plus that
// offset: the code that takes `now` (and tests that pass their own) stays as it was (docs/adr/0030-database-clock.md).
import type { Logger } from '../logger.js';
import type { Prisma } from './client.js';

export interface DatabaseClock {
  /** The server's time, told by this host's clock and the last measured offset. */
  now(): Date;
  /** The server's clock minus this host's, in ms, as last measured (0 before the first reading). */
  offsetMs(): number;
  /** Reads the server's clock again; resolves to the new offset. */
  sync(): Promise<number>;
}

export interface DatabaseClockOptions {
  /** This host's clock in ms (a test passes a skewed one). */
  hostNow?: () => number;
  /** Readings per sync; the one with the shortest round trip is kept, as NTP does. */
  samples?: number;
}

export function databaseClock(prisma: Prisma, options: DatabaseClockOptions = {}): DatabaseClock {
  const hostNow = options.hostNow ?? Date.now;
  const samples = Math.max(1, options.samples ?? 5);
  let offset = 0;
  return {
    now: () => new Date(hostNow() + offset),
    offsetMs: () => offset,
    async sync() {
      let best: { roundTrip: number; offset: number } | undefined;
      for (let i = 0; i < samples; i++) {
        const sent = hostNow();
        // clock_timestamp(), not now(): now() is the transaction's start, which a pooled connection may report late.
        const [row] = await prisma.$queryRaw<[{ ms: number }]>`SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS ms`;
        const received = hostNow();
        const roundTrip = received - sent;
        // The server read its clock somewhere within the round trip: its middle is the best guess, off by at most half.
        if (!best || roundTrip < best.roundTrip) best = { roundTrip, offset: Math.round(row.ms - (sent + received) / 2) };
      }
      offset = best!.offset;
      return offset;
    },
  };
}

export interface ClockSync {
  stop(): void;
}

/** Past this, the host's clock is worth an operator's look, though Gazette goes by the server's. */
const offsetWorthSaying = 1_000;

/**
 * Reads the server's clock now and every `everyMs` after (a host's clock drifts, and time synchronisation may step it),
 * saying so when this host's clock is a second or more off. A failed reading keeps the last offset.
 */
export async function keepClockInSync(clock: DatabaseClock, logger: Logger, everyMs = 10 * 60_000): Promise<ClockSync> {
  const say = (offsetMs: number) => {
    if (Math.abs(offsetMs) < offsetWorthSaying) return;
    const ahead = offsetMs < 0 ? 'ahead of' : 'behind';
    logger.warn({ offsetMs }, `this host's clock is ${(Math.abs(offsetMs) / 1000).toFixed(1)} s ${ahead} the database server's: Gazette times claims, leases and polls by the server's clock; check the host's time synchronisation (NTP)`);
  };
  say(await clock.sync());
  const timer = setInterval(() => {
    clock.sync().then(say, (error: unknown) => logger.warn({ err: error }, "could not read the database server's clock; keeping the last offset"));
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
