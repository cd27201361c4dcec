// One digest per guild per period: the row is claimed before posting, so two processes or a restart never post it
// twice.
import type { Tx } from './tx.js';

/**
 * How long a claim without an outcome holds. A process that died between its claim and its post (a crash, a restart
 * in the middle of the minute's digests) left the period claimed for good, and the server had no digest that day;
 * such a claim is taken again after this. Short, so that the digest's nonce still stops a second post should the
 * first have reached Discord after all.
 */
export const digestClaimMs = 3 * 60_000;

/**
 * True when this call claimed the period (nobody posted it, or is posting it, yet). Only a lapsed claim is taken
 * over: a posted or refused run is never overwritten, so its message stays on record.
 */
export async function claimDigest(tx: Tx, guildId: string, period: string, now = new Date()): Promise<boolean> {
  // One statement, without a failing insert: a server whose digest is done is asked every minute until midnight, and
  // a duplicate-key error each time filled PostgreSQL's log.
  const rows = await tx.$queryRaw<unknown[]>`
    INSERT INTO "DigestRun" ("guildId", period, "createdAt") VALUES (${guildId}, ${period}, ${now})
    ON CONFLICT ("guildId", period) DO UPDATE SET "createdAt" = EXCLUDED."createdAt"
      WHERE "DigestRun"."messageId" IS NULL AND "DigestRun".error IS NULL AND "DigestRun"."createdAt" <= ${new Date(now.getTime() - digestClaimMs)}
    RETURNING 1`;
  return rows.length === 1;
}

/** `postedAt`: when a digest found after a restart was posted (the run's time, from which the next digest counts). */
export async function recordDigestMessage(tx: Tx, guildId: string, period: string, messageId: string | null, postedAt?: Date) {
  await tx.digestRun.update({ where: { guildId_period: { guildId, period } }, data: { messageId, ...(postedAt && { createdAt: postedAt }) } });
}

/**
 * Discord refused the period's post (not retried every minute): why, for `/config show`. The period stays claimed
 * until the digest settings change (clearDigestFailures).
 */
export async function recordDigestFailure(tx: Tx, guildId: string, period: string, error: string) {
  await tx.digestRun.update({ where: { guildId_period: { guildId, period } }, data: { error } });
}

/** Forgets the guild's refused digests, so that their periods can be posted (the settings changed). */
export async function clearDigestFailures(tx: Tx, guildId: string) {
  await tx.digestRun.deleteMany({ where: { guildId, error: { not: null } } });
}

/** The guild's latest digest run, if its post was refused: what `/config show` warns about until one is posted. */
export async function lastDigestFailure(tx: Tx, guildId: string) {
  const last = await tx.digestRun.findFirst({ where: { guildId }, orderBy: { createdAt: 'desc' }, select: { period: true, error: true } });
  return last?.error ? { period: last.period, error: last.error } : null;
}

/**
 * The guild's latest runs, newest first: what the digest posted now covers (since the previous one) and whether this
 * period's is done. A few rows a day at most, so the last twenty reach back past any digest's window; read through
 * the (guildId, createdAt) index, and skipped by the runner once the period is known done.
 */
export async function recentDigestRuns(tx: Tx, guildId: string, limit = 20) {
  return tx.digestRun.findMany({ where: { guildId }, orderBy: { createdAt: 'desc' }, take: limit, select: { period: true, createdAt: true, messageId: true, error: true } });
}

/** Forgets digest runs older than `olderThan`: a digest reads back two weeks at most. */
export async function pruneDigestRuns(tx: Tx, olderThan: Date): Promise<number> {
  return (await tx.digestRun.deleteMany({ where: { createdAt: { lt: olderThan } } })).count;
}

/** Gives a period back (the post failed for a reason worth retrying). */
export async function releaseDigest(tx: Tx, guildId: string, period: string) {
  await tx.digestRun.deleteMany({ where: { guildId, period } });
}
