// Leases elect one process per scheduled run when several bot processes share a PostgreSQL database.
import type { Tx } from './tx.js';

/** Takes the lease on `key` for `ttlMs` unless another holder has an unexpired one. True when taken. */
export async function tryAcquireLease(tx: Tx, key: string, holder: string, ttlMs: number, now = new Date()): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  // One statement, so two processes racing for the same key cannot both win.
  const rows = await tx.$queryRaw<{ holder: string }[]>`
    INSERT INTO "JobLease" ("key", "holder", "expiresAt") VALUES (${key}, ${holder}, ${expiresAt})
    ON CONFLICT ("key") DO UPDATE SET "holder" = EXCLUDED."holder", "expiresAt" = EXCLUDED."expiresAt"
      WHERE "JobLease"."expiresAt" < ${now} OR "JobLease"."holder" = ${holder}
    RETURNING "holder"`;
  return rows.length === 1;
}

/** How long a daily run's claim holds while it runs; renewed before it lapses (holdDailyRun). */
export const dailyRunClaimMs = 3_600_000;

/**
 * A finished run's claim is held by this prefix and the holder that ran it: a run going on holds its claim under its
 * holder alone, and only a finished run's hold may be taken before it lapses.
 */
const finishedPrefix = 'finished:';

/**
 * Claims today's run of a daily job (the nightly maintenance) for one process; true when this process should run it.
 * A claim holds for `runMs` (the run's own time); `finishDailyRun` then makes it hold until 26 hours after the run
 * began, so a run that failed or was cut off by a restart is tried again at the next hour. At the job's preferred
 * hour, 12 hours since the last finished run are enough. So a bot that was stopped, or whose event loop was busy, at
 * the preferred hour still runs the job later that day, a bot that only runs in the daytime runs it at all, and the
 * next night's preferred hour takes the job back: with 20 hours, one missed night moved it two hours later each day,
 * through the daytime, for about ten days (the embedded database held by VACUUM while members use the bot).
 * A run going on is never taken over before its claim lapses: at the preferred hour, another process once took a
 * running claim (it expired within six hours, as a finished one may) and ran the maintenance beside it.
 */
export async function claimDailyRun(tx: Tx, key: string, holder: string, now: Date, preferredHour: boolean, runMs = dailyRunClaimMs): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + runMs);
  // A finished run holds until 26 hours after it began: at the preferred hour, one that began 12 hours ago or more.
  const heldUntilAtMost = new Date(now.getTime() + (preferredHour ? 14 * 3_600_000 : 0));
  const rows = await tx.$queryRaw<{ holder: string }[]>`
    INSERT INTO "JobLease" ("key", "holder", "expiresAt") VALUES (${key}, ${holder}, ${expiresAt})
    ON CONFLICT ("key") DO UPDATE SET "holder" = EXCLUDED."holder", "expiresAt" = EXCLUDED."expiresAt"
      WHERE "JobLease"."expiresAt" <= ${now}
        OR (starts_with("JobLease"."holder", ${finishedPrefix}) AND "JobLease"."expiresAt" <= ${heldUntilAtMost})
    RETURNING "holder"`;
  return rows.length === 1;
}

/** A daily job's run goes on: its claim holds until `until` (renewed while it runs, so a long run is never doubled). */
export async function holdDailyRun(tx: Tx, key: string, holder: string, until: Date): Promise<void> {
  await tx.jobLease.updateMany({ where: { key, holder }, data: { expiresAt: until } });
}

/**
 * A daily job's run is done: the next is due at the preferred hour 12 hours on, or 26 hours on at any hour. Marked
 * finished, so a renewal of the run still under way (holdDailyRun) no longer matches it.
 */
export async function finishDailyRun(tx: Tx, key: string, holder: string, startedAt: Date): Promise<void> {
  await tx.jobLease.updateMany({ where: { key, holder }, data: { holder: `${finishedPrefix}${holder}`, expiresAt: new Date(startedAt.getTime() + 26 * 3_600_000) } });
}

/** The lease that says a process runs a gateway shard (SHARD_IDS), for other processes to leave its deliveries. */
export const shardLeasePrefix = 'shard:';
export const shardLeaseKey = (shardId: number) => `${shardLeasePrefix}${shardId}`;

/**
 * Renews this process's leases on the shards it runs, in one statement. Another holder's unexpired lease on one of
 * them (two processes configured with the same shard) is left as it is; those shards are returned, for a warning.
 */
export async function renewShardLeases(tx: Tx, shardIds: readonly number[], holder: string, ttlMs: number, now = new Date()): Promise<number[]> {
  const keys = shardIds.map(shardLeaseKey);
  const renewed = await tx.$queryRaw<{ key: string }[]>`
    INSERT INTO "JobLease" ("key", "holder", "expiresAt")
    SELECT k, ${holder}, ${new Date(now.getTime() + ttlMs)} FROM unnest(${keys}::text[]) AS k
    ON CONFLICT ("key") DO UPDATE SET "holder" = EXCLUDED."holder", "expiresAt" = EXCLUDED."expiresAt"
      WHERE "JobLease"."expiresAt" < ${now} OR "JobLease"."holder" = ${holder}
    RETURNING "key"`;
  const mine = new Set(renewed.map((r) => r.key));
  return shardIds.filter((id) => !mine.has(shardLeaseKey(id)));
}

export async function releaseShardLeases(tx: Tx, holder: string): Promise<void> {
  await tx.jobLease.deleteMany({ where: { holder, key: { startsWith: shardLeasePrefix } } });
}

/** Forgets leases that expired long ago (each run has its own key, so they accumulate). */
export async function pruneLeases(tx: Tx, olderThan: Date): Promise<number> {
  const result = await tx.jobLease.deleteMany({ where: { expiresAt: { lt: olderThan } } });
  return result.count;
}

/**
 * Discord lets a token start `max_concurrency` gateway sessions per 5 seconds per bucket (shard id modulo it). Each
 * process's discord.js spaces its own shards; processes that split the shards of one token must also space each
 * other's, so a bucket's slot is a lease on the database's clock (one clock, whatever the processes' own). Returns 0
 * when this process may identify now, else how many milliseconds until the bucket's slot frees.
 */
export async function takeIdentifySlot(tx: Tx, bucket: number, holder: string, windowMs = 5_000): Promise<number> {
  const key = `identify:${bucket}`;
  // "expiresAt" is a timestamp without time zone holding UTC, as Prisma writes it.
  const taken = await tx.$queryRaw<unknown[]>`
    INSERT INTO "JobLease" ("key", "holder", "expiresAt")
    VALUES (${key}, ${holder}, (clock_timestamp() AT TIME ZONE 'UTC') + ${windowMs} * interval '1 millisecond')
    ON CONFLICT ("key") DO UPDATE SET "holder" = EXCLUDED."holder", "expiresAt" = EXCLUDED."expiresAt"
      WHERE "JobLease"."expiresAt" <= (clock_timestamp() AT TIME ZONE 'UTC')
    RETURNING 1`;
  if (taken.length) return 0;
  const [row] = await tx.$queryRaw<{ wait: number }[]>`
    SELECT GREATEST(1, CEIL(EXTRACT(EPOCH FROM ("expiresAt" - (clock_timestamp() AT TIME ZONE 'UTC'))) * 1000))::int AS wait
    FROM "JobLease" WHERE "key" = ${key}`;
  return row?.wait ?? 1;
}
