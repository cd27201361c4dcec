// While processes split the gateway shards (SHARD_IDS), each says in the database which shards it runs, so the others
// leave those guilds' deliveries to it (src/db/outbox.ts). Short leases, renewed often: when a process dies, its
// guilds' posts wait at most `ttlMs` before another process takes them over.
import type { Prisma } from '../db/client.js';
import { releaseShardLeases, renewShardLeases } from '../db/leases.js';
import type { Logger } from '../logger.js';

export interface ShardLeaseKeeper {
  /** Gives the leases up: a process that stops cleanly has its guilds' posts taken over at once. */
  stop(): Promise<void>;
}

export function keepShardLeases(options: { prisma: Prisma; shardIds: readonly number[]; holder: string; logger: Logger; ttlMs?: number; now?: () => Date }): ShardLeaseKeeper {
  const ttlMs = options.ttlMs ?? 15_000;
  const now = options.now ?? (() => new Date());
  // Told once a change: two processes given the same shard both receive its interactions and events.
  let overlapping = '';
  const renew = () =>
    renewShardLeases(options.prisma, options.shardIds, options.holder, ttlMs, now()).then(
      (taken) => {
        if (taken.join() !== overlapping && taken.length) options.logger.warn({ shards: taken }, 'another process runs these shards too: give each process its own SHARD_IDS');
        overlapping = taken.join();
      },
      // A missed renewal costs only preference: another process may post a few of this one's guilds meanwhile.
      (error) => options.logger.warn({ err: error, shards: options.shardIds }, 'could not renew the shard leases'),
    );
  void renew();
  const timer = setInterval(() => void renew(), ttlMs / 3);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await releaseShardLeases(options.prisma, options.holder).catch((error) => options.logger.warn({ err: error }, 'could not give the shard leases up'));
    },
  };
}
