// Articles members share with `/news submit`, and moderators' decisions on them.
import { UserError } from '../errors.js';
import { recordAudit } from './audit.js';
import type { Prisma } from './client.js';
import { lockGuild } from './guilds.js';
import type { Tx } from './tx.js';

/**
 * An approval claimed but never finished (the process stopped while the article was fetched): after this long it can
 * be approved or rejected again, rather than stay "approved" with nothing posted for ever.
 */
const abandonedAfterMs = 10 * 60_000;

export function isAbandonedApproval(s: { status: string; storyId: number | null; decidedAt: Date | null }, now: Date): boolean {
  return s.status === 'approved' && s.storyId === null && s.decidedAt !== null && s.decidedAt.getTime() < now.getTime() - abandonedAfterMs;
}

/** The submission, if it is still to decide: pending, or an abandoned approval (isAbandonedApproval, as a query). */
function stillToDecide(guildId: string, id: number, now: Date) {
  return { id, guildId, OR: [{ status: 'pending' as const }, { status: 'approved' as const, storyId: null, decidedAt: { lt: new Date(now.getTime() - abandonedAfterMs) } }] };
}

/**
 * A submission waiting longer than this no longer holds its URL: its review post may be gone (deleted, or its channel),
 * and nothing else can decide it, so every later share of that article was refused as "already waiting" for good.
 * Replaced by the new one; its old review post, if still there, says it was decided.
 */
export const pendingHoldsForMs = 2 * 24 * 3_600_000;

const alreadyDecided = () => new UserError('conflict', 'That submission was already decided, or replaced by a newer share of the article.');

export async function createSubmission(prisma: Prisma, input: { guildId: string; userId: string; url: string; channelId: string }, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    // One at a time per server, so that two submits of one URL at once cannot both find none pending (a double click:
    // two review posts). Submissions are few and this transaction short; a unique index would also need to allow
    // an approval given back to pending (releaseApproval) beside a newer submission of the URL.
    await lockGuild(tx, input.guildId);
    const pending = await tx.submission.findFirst({ where: { guildId: input.guildId, url: input.url, status: 'pending' } });
    // A stale one is replaced only while still pending: a moderator approving it meanwhile (claimApproval takes no lock
    // of the guild's) keeps it.
    const replaced = pending !== null && pending.createdAt.getTime() <= now.getTime() - pendingHoldsForMs && (await tx.submission.deleteMany({ where: { id: pending.id, status: 'pending' } })).count === 1;
    if (pending && !replaced) throw new UserError('conflict', 'That article is already waiting for a moderator.');
    return tx.submission.create({ data: { ...input, createdAt: now } });
  });
}

/** Takes back a submission no moderator can see (its review post failed), so that the member may submit it again. */
export async function withdrawSubmission(tx: Tx, id: number) {
  await tx.submission.deleteMany({ where: { id, status: 'pending', reviewMessageId: null } });
}

export async function setReviewMessage(tx: Tx, id: number, messageId: string) {
  await tx.submission.update({ where: { id }, data: { reviewMessageId: messageId } });
}

/** Claims a pending submission for a decision; a second moderator clicking at the same time gets a clear answer. */
export async function decideSubmission(prisma: Prisma, input: { guildId: string; id: number; moderatorId: string; approve: boolean; storyId?: number; now?: Date }) {
  const now = input.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const claimed = await tx.submission.updateMany({
      where: stillToDecide(input.guildId, input.id, now),
      data: { status: input.approve ? 'approved' : 'rejected', decidedById: input.moderatorId, decidedAt: now, storyId: input.storyId ?? null },
    });
    if (claimed.count === 0) throw alreadyDecided();
    await recordAudit(tx, { guildId: input.guildId, actorId: input.moderatorId, action: input.approve ? 'submission.approve' : 'submission.reject', target: `submission:${input.id}` });
    return tx.submission.findUniqueOrThrow({ where: { id: input.id } });
  });
}

/**
 * Approval in three steps, so that a reject clicked meanwhile cannot lose to a post already made: the submission is
 * claimed as approved before its article is fetched and posted (a second click, approve or reject, is told it was
 * decided), then given its story and audited, or put back to pending if the article could not be shared.
 */
export async function claimApproval(prisma: Prisma, input: { guildId: string; id: number; moderatorId: string; now: Date }) {
  const claimed = await prisma.submission.updateMany({
    where: stillToDecide(input.guildId, input.id, input.now),
    data: { status: 'approved', decidedById: input.moderatorId, decidedAt: input.now, storyId: null },
  });
  if (claimed.count === 0) throw alreadyDecided();
}

export async function completeApproval(prisma: Prisma, input: { guildId: string; id: number; moderatorId: string; storyId: number }) {
  await prisma.$transaction(async (tx) => {
    await tx.submission.update({ where: { id: input.id }, data: { storyId: input.storyId } });
    await recordAudit(tx, { guildId: input.guildId, actorId: input.moderatorId, action: 'submission.approve', target: `submission:${input.id}` });
  });
}

export async function releaseApproval(prisma: Prisma, id: number) {
  await prisma.submission.updateMany({ where: { id, status: 'approved', storyId: null }, data: { status: 'pending', decidedById: null, decidedAt: null } });
}

export async function getSubmission(tx: Tx, guildId: string, id: number) {
  const s = await tx.submission.findFirst({ where: { id, guildId } });
  if (!s) throw new UserError('not-found', `There is no submission #${id} in this server.`);
  return s;
}

/**
 * The story of this server that a shared address became, if it is stored (by the address as given or its canonical
 * form) and went to the channel it was shared in: an approval cut off by a crash after its article was stored and
 * posted, but before it was recorded.
 */
export async function sharedStoryOf(tx: Tx, guildId: string, channelId: string, urls: string[]): Promise<number | null> {
  // Posted (or planned, or held for the digest) in the channel the member shared it in: the same article brought in
  // by a feed and posted elsewhere is no approval of this share.
  const rows = await tx.$queryRaw<{ storyId: number }[]>`
    SELECT a."storyId" FROM "Article" a JOIN "GuildStory" gs ON gs."storyId" = a."storyId" AND gs."guildId" = ${guildId}
    WHERE a.url = ANY(${urls}::text[])
      AND (EXISTS (SELECT 1 FROM "Delivery" d WHERE d."storyId" = a."storyId" AND d."guildId" = ${guildId} AND d."channelId" = ${channelId})
        OR EXISTS (SELECT 1 FROM "HeldPost" h WHERE h."storyId" = a."storyId" AND h."guildId" = ${guildId} AND h."channelId" = ${channelId}))
    LIMIT 1`;
  return rows[0]?.storyId ?? null;
}
