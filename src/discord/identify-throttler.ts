// Spaces gateway IDENTIFYs across every process of one token (SHARD_IDS): discord.js's own throttler only knows its
// process's shards, and two processes starting together would exceed Discord's session-start rate, which answers with
// Invalid Session and costs a retry. The slot itself lives in the database (src/db/leases.ts takeIdentifySlot).
import type { Logger } from '../logger.js';
import { pause } from '../pause.js';

/** Takes a bucket's identify slot: 0 when taken, else milliseconds to wait. */
export type TakeIdentifySlot = (bucket: number) => Promise<number>;

export interface IdentifyThrottler {
  waitForIdentify(shardId: number, signal: AbortSignal): Promise<void>;
}

export function sharedIdentifyThrottler(take: TakeIdentifySlot, maxConcurrency: number, logger: Logger): IdentifyThrottler {
  return {
    async waitForIdentify(shardId, signal) {
      const bucket = shardId % Math.max(1, maxConcurrency);
      for (;;) {
        const wait = await take(bucket);
        if (wait === 0) return;
        logger.debug({ shardId, bucket, wait }, 'waiting for the identify slot another process holds');
        // A little jitter, so processes waiting on one bucket do not all ask again at the same instant.
        await pause(wait + Math.floor(Math.random() * 250), signal);
      }
    },
  };
}
