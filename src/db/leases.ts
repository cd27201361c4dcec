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

/** Forgets leases that expired long ago (each run has its own key, so they accumulate). */
export async function pruneLeases(tx: Tx, olderThan: Date): Promise<number> {
  const result = await tx.jobLease.deleteMany({ where: { expiresAt: { lt: olderThan } } });
  return result.count;
}
