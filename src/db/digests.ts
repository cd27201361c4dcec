// One digest per guild per period: the row is claimed before posting, so two processes or a restart never post it
// twice.
import { Prisma as P } from '../generated/prisma/client.js';
import type { Tx } from './tx.js';

/** True when this call claimed the period (nobody posted it yet). */
export async function claimDigest(tx: Tx, guildId: string, period: string): Promise<boolean> {
  try {
    await tx.digestRun.create({ data: { guildId, period } });
    return true;
  } catch (error) {
    if (error instanceof P.PrismaClientKnownRequestError && error.code === 'P2002') return false;
    throw error;
  }
}

export async function recordDigestMessage(tx: Tx, guildId: string, period: string, messageId: string | null) {
  await tx.digestRun.update({ where: { guildId_period: { guildId, period } }, data: { messageId } });
}

/** Discord refused the period's post (not retried): why, for `/config show`. The period stays claimed. */
export async function recordDigestFailure(tx: Tx, guildId: string, period: string, error: string) {
  await tx.digestRun.update({ where: { guildId_period: { guildId, period } }, data: { error } });
}

/** The guild's latest digest run, if its post was refused: what `/config show` warns about until one is posted. */
export async function lastDigestFailure(tx: Tx, guildId: string) {
  const last = await tx.digestRun.findFirst({ where: { guildId }, orderBy: { createdAt: 'desc' }, select: { period: true, error: true } });
  return last?.error ? { period: last.period, error: last.error } : null;
}

/** Gives a period back (the post failed for a reason worth retrying). */
export async function releaseDigest(tx: Tx, guildId: string, period: string) {
  await tx.digestRun.deleteMany({ where: { guildId, period } });
}
