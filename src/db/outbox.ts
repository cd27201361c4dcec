// The delivery worker's side of the outbox: claim due rows, record what happened, request coalesced edits.
import { Prisma as P } from '../generated/prisma/client.js';
import type { Prisma } from './client.js';
import type { ChannelWebhook } from './channel-webhooks.js';
import { jsonColumn } from './json-column.js';
import { shardLeasePrefix } from './leases.js';
import type { Tx } from './tx.js';

/** A claim older than this belongs to a worker that died; its row may be taken over (and recovered, not re-posted). */
export const staleClaimMs = 60_000;

export interface ClaimedDelivery {
  id: number;
  storyId: number;
  guildId: string;
  channelId: string;
  nonce: string;
  attempts: number;
  /** True when an earlier attempt may have reached Discord without being recorded (a crash mid-post). */
  uncertain: boolean;
  /** The role a route asked this post to mention (its cool-down allowed it when planned). */
  mentionRoleId: string | null;
  /** The channel's outlet webhook (`/config post-as-outlet`), read with the claim: one statement less a post. */
  webhook: ChannelWebhook | null;
  /** When it was planned: deferChannels finds the channel's later posts by it. */
  createdAt: Date;
}

/** The gateway shards of all processes (SHARD_COUNT) and the ones this process runs (SHARD_IDS). */
export interface ShardShare {
  count: number;
  own: readonly number[];
}

/**
 * Deliveries another live process should make: those of guilds on a shard that another holder's unexpired lease says
 * it runs (renewShardLeases). That process has the guild's channels in its cache; this one would first have to fetch
 * each channel, spending the token's shared rate limit on look-ups. A dead process's leases expire, and its guilds'
 * deliveries are anyone's again.
 */
function othersShards(shards: ShardShare | undefined, holder: string, now: Date): P.Sql {
  if (!shards) return P.sql`TRUE`;
  return P.sql`mod((d0."guildId"::bigint >> 22), ${shards.count}::bigint)::int <> ALL(ARRAY(
    SELECT substr(l.key, ${shardLeasePrefix.length + 1})::int FROM "JobLease" l WHERE l.key LIKE ${`${shardLeasePrefix}%`} AND l."expiresAt" >= ${now} AND l.holder <> ${holder}
      AND NOT substr(l.key, ${shardLeasePrefix.length + 1})::int = ANY(${[...shards.own]}::int[])))`;
}

/**
 * Claims up to `limit` due posts for `worker`, atomically, so two workers never take the same row; with `shards`,
 * none that another live process's shards should post.
 */
export async function claimDuePosts(prisma: Prisma, worker: string, now: Date, limit = 10, claimTimeoutMs = staleClaimMs, shards?: ShardShare): Promise<ClaimedDelivery[]> {
  const stale = new Date(now.getTime() - claimTimeoutMs);
  const rows = await prisma.$queryRaw<(Omit<ClaimedDelivery, 'uncertain' | 'webhook'> & { claimedAt: Date | null; webhook: ChannelWebhook | string | null })[]>`
    UPDATE "Delivery" d SET "claimedBy" = ${worker}, "claimedAt" = ${now}, "attempts" = d."attempts" + 1
    FROM (
      SELECT id, "claimedAt" AS previous FROM "Delivery" d0
      WHERE status = 'pending' AND "nextAttemptAt" <= ${now} AND ("claimedAt" IS NULL OR "claimedAt" < ${stale})
        AND ${othersShards(shards, worker, now)}
      ORDER BY "nextAttemptAt", id LIMIT ${limit} FOR UPDATE SKIP LOCKED
    ) due
    WHERE d.id = due.id
    RETURNING d.id, d."storyId", d."guildId", d."channelId", d.nonce, d.attempts, due.previous AS "claimedAt", d."mentionRoleId", d."createdAt",
      (SELECT json_build_object('channelId', w."channelId", 'guildId', w."guildId", 'webhookId', w."webhookId", 'token', w.token)
        FROM "ChannelWebhook" w WHERE w."channelId" = d."channelId") AS webhook`;
  // A row still claimed when taken over was being posted by a worker that died: the post may exist already.
  return rows.map(({ claimedAt, webhook, ...r }) => ({ ...r, uncertain: claimedAt !== null, webhook: jsonColumn(webhook) }));
}

/**
 * Renews `worker`'s claim on a post just before it is sent; false when the claim is no longer its own (a batch that
 * outlasted the claim's time, another process taking the row over): the post is then that process's to make. A batch
 * is claimed at once and sent one post after another (each may wait on a translation or a slow Discord), and a post
 * without a nonce (a webhook's, a forum's) was made by both.
 */
export async function renewPostClaim(tx: Tx, id: number, worker: string, now: Date): Promise<boolean> {
  const { count } = await tx.delivery.updateMany({ where: { id, claimedBy: worker, status: 'pending' }, data: { claimedAt: now } });
  return count === 1;
}

/** A channel whose message bucket is spent, with the posts of it the worker claimed (see deferChannels). */
export interface SpentChannel {
  guildId: string;
  channelId: string;
  /** The worker's claimed rows of the channel not yet sent; their attempt is not counted. */
  ids: readonly number[];
  /** The earliest of those rows' `createdAt`: the channel's pending posts planned since go back with them. */
  since: Date;
  /** When the bucket refills (channel-budgets.ts). */
  until: Date;
}

/**
 * A channel spent at `row`: the batch's rows of it from there on (a post possibly made already, `uncertain`, is sent
 * anyway), to go back until `until`.
 */
export function spentChannelAt(batch: readonly ClaimedDelivery[], row: ClaimedDelivery, until: Date): SpentChannel {
  const left = batch.slice(batch.indexOf(row)).filter((r) => r.channelId === row.channelId && !r.uncertain);
  const since = new Date(Math.min(...left.map((r) => r.createdAt.getTime())));
  return { guildId: row.guildId, channelId: row.channelId, ids: left.map((r) => r.id), since, until };
}

/**
 * Puts spent channels' posts back until their buckets refill, in one statement for the worker's batch: each channel's
 * claimed rows and every other pending post of it planned since, none due earlier than the refill, so that they keep
 * their order (ties go by id, as claims do). A row another worker holds is left to it.
 */
export async function deferChannels(tx: Tx, channels: readonly SpentChannel[], worker: string) {
  if (!channels.length) return;
  const ids = channels.flatMap((c) => c.ids);
  // A row of the batch counts as this worker's only while it still holds the claim: a batch slower than the claim's
  // timeout may have lost a row to another process, which must keep it.
  await tx.$executeRaw`
    UPDATE "Delivery" d SET "nextAttemptAt" = GREATEST(d."nextAttemptAt", c.until), "claimedBy" = NULL, "claimedAt" = NULL,
      attempts = d.attempts - (d.id = ANY(${ids}::int[]) AND d."claimedBy" = ${worker})::int
    FROM unnest(${channels.map((c) => c.guildId)}::text[], ${channels.map((c) => c.channelId)}::text[],
      ${channels.map((c) => c.since.toISOString())}::timestamp[], ${channels.map((c) => c.until.toISOString())}::timestamp[]) AS c(g, ch, since, until)
    WHERE d."guildId" = c.g AND d."channelId" = c.ch AND d."createdAt" >= c.since AND d.status = 'pending'
      AND ((d.id = ANY(${ids}::int[]) AND d."claimedBy" = ${worker}) OR d."claimedAt" IS NULL)`;
}

/** A post Discord accepted: its message, the thread it opened (forums), the webhook that made it (`/config post-as-outlet`, through which its edits then go). */
export interface PostedRow {
  id: number;
  messageId: string;
  threadId: string | null;
  webhookId: string | null;
  /** The outlet name a webhook post went out under (Delivery.postedAs); none for the bot's own. */
  postedAs?: string | null;
  /**
   * Found again rather than made now (a crash or a lost answer after Discord had it), or made on a later attempt: it
   * may show the story as it was at the first attempt, and changes since asked for no edit (a pending row is not
   * refreshed), so it is edited once recorded.
   */
  stale?: boolean;
}

/**
 * Records posts as made, in one statement for the worker's batch (Prisma's update would also read each row back). A
 * post not yet recorded is still claimed, so nobody else takes it, and after a crash its next attempt finds it by its
 * nonce (post-story.ts). An edit requested while a row was claimed stays due: the post may have been drawn before the
 * change (refreshSql).
 */
export async function markPosted(tx: Tx, posts: readonly PostedRow[]) {
  if (!posts.length) return;
  await tx.$executeRaw`
    UPDATE "Delivery" d SET status = 'posted', "messageId" = p.m, "threadId" = p.t, "webhookId" = p.w, "postedAs" = p.a, "lastError" = NULL,
      "claimedBy" = NULL, "claimedAt" = NULL, "updatedAt" = ${new Date()}::timestamp,
      -- due at once: from the claim, on the worker's clock
      "editDueAt" = CASE WHEN p.s THEN LEAST(d."editDueAt", COALESCE(d."claimedAt", ${new Date()}::timestamp)) ELSE d."editDueAt" END
    FROM unnest(${posts.map((p) => p.id)}::int[], ${posts.map((p) => p.messageId)}::text[], ${posts.map((p) => p.threadId)}::text[], ${posts.map((p) => p.webhookId)}::text[],
      ${posts.map((p) => p.postedAs ?? null)}::text[], ${posts.map((p) => p.stale === true)}::boolean[]) AS p(id, m, t, w, a, s)
    WHERE d.id = p.id`;
}

/**
 * The deliveries whose post a change to their story must redraw: those posted, and those claimed for posting, whose
 * post may be drawn before the change and sent after it (the worker reads a claimed batch's stories at once); their
 * request is kept when they are recorded as posted and then edited. A post not yet claimed will be drawn as it is.
 */
export const refreshSql = P.sql`(status = 'posted' OR (status = 'pending' AND "claimedAt" IS NOT NULL))`;

/**
 * Deletes that story's failed deliveries in these channels whose post was never made: a post merged into the story,
 * or a member's share of it (held-posts.ts), takes their place (one delivery a story and channel). One whose post was
 * made and then failed (deleted by a moderator) stays, and keeps the story out of that channel.
 */
export async function clearUnmadePosts(tx: Tx, storyId: number, guildId: string, channelId: string) {
  await tx.$executeRaw`
    DELETE FROM "Delivery" WHERE "storyId" = ${storyId} AND "guildId" = ${guildId} AND "channelId" = ${channelId} AND status = 'failed' AND "messageId" IS NULL`;
}

/**
 * A claimed post whose story was merged into `intoId` since it was planned: it becomes that story's post here (true:
 * post it), or, where that story has a post of its own in the channel, made or to be made, it is not made (false: the
 * row fails with the reason). Either way a channel never shows the merged story twice.
 */
export async function takeOverMergedPost(tx: Tx, row: Pick<ClaimedDelivery, 'id' | 'guildId' | 'channelId'>, intoId: number): Promise<boolean> {
  // That story's post here that Discord never took is no post: it would have left the channel without the story.
  await clearUnmadePosts(tx, intoId, row.guildId, row.channelId);
  const moved = await tx.$executeRaw`
    UPDATE "Delivery" d SET "storyId" = ${intoId}
    WHERE d.id = ${row.id} AND NOT EXISTS (
      SELECT 1 FROM "Delivery" e WHERE e."storyId" = ${intoId} AND e."guildId" = ${row.guildId} AND e."channelId" = ${row.channelId} AND e.id <> ${row.id})`;
  if (moved) return true;
  await markAttemptFailed(tx, row.id, `Merged into story #${intoId}, which has its own post in this channel.`, null);
  return false;
}

/** Whether a story's post in this channel is planned and not yet made (a post merged into it waits to link to it). */
export async function postOnItsWay(tx: Tx, storyId: number, guildId: string, channelId: string): Promise<boolean> {
  return (await tx.delivery.count({ where: { storyId, guildId, channelId, status: 'pending' } })) > 0;
}

/**
 * Records a failed attempt: retried at `retryAt`, or final (status failed) when `retryAt` is null. `postStands`: an
 * edit refused for good (missing permissions, an archived forum thread) leaves a made post in place, still a post.
 */
export async function markAttemptFailed(tx: Tx, id: number, reason: string, retryAt: Date | null, postStands = false, claimedBy?: string, attemptMade = true) {
  // `claimedBy`: a post's attempt, recorded only while this worker still holds the claim. Had a slow batch lost the row
  // to another process, clearing that process's claim would let a third take it as a fresh post, without looking
  // for the one already on its way.
  await tx.$executeRaw`
    UPDATE "Delivery" SET "lastError" = ${reason}, "claimedBy" = NULL, "claimedAt" = NULL, "updatedAt" = ${new Date()}::timestamp,
      -- an attempt held back before anything was sent gives back what its claim counted: the next is no retry of a
      -- post that may exist (looked for first, edited after)
      attempts = CASE WHEN ${attemptMade}::boolean THEN attempts ELSE GREATEST(attempts - 1, 0) END,
      -- a post not made needs no edit (its next attempt draws the story afresh), nor one given up (its edit failed for good)
      "editDueAt" = CASE WHEN status = 'pending' OR ${retryAt}::timestamp IS NULL THEN NULL ELSE "editDueAt" END,
      "nextAttemptAt" = COALESCE(${retryAt}::timestamp, "nextAttemptAt"),
      status = CASE WHEN ${retryAt}::timestamp IS NULL AND NOT (${postStands}::boolean AND status = 'posted') THEN 'failed' ELSE status END
    WHERE id = ${id} AND (${claimedBy ?? null}::text IS NULL OR "claimedBy" = ${claimedBy ?? null})`;
}

/**
 * A server's posts held back for want of a permission (their reason starts with `reasonPrefix`), in one channel or all,
 * are tried now: Gazette's permissions there changed (a role, a channel's overwrites), and what held them back
 * (post-permissions.ts) may be gone. Others waiting (Discord's errors, rate limits) keep their wait. Returns how many.
 */
export async function retryWaitingPosts(tx: Tx, where: { guildId: string; channelId?: string | undefined; reasonPrefix: string }, now: Date): Promise<number> {
  const prefix = `${where.reasonPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return tx.$executeRaw`
    UPDATE "Delivery" SET "nextAttemptAt" = ${now}
    WHERE "guildId" = ${where.guildId} AND (${where.channelId ?? null}::text IS NULL OR "channelId" = ${where.channelId ?? null}::text)
      AND status = 'pending' AND "lastError" LIKE ${prefix} AND "claimedBy" IS NULL AND "nextAttemptAt" > ${now}`;
}

/**
 * The one "story changed" operation: asks for the posts of these stories (in one guild, or in every guild when none
 * is given) to be redrawn no later than `dueAt`; earlier requests stand, so a burst of changes makes one edit.
 * Returns the posts that will be edited. Votes, tags, story edits and other outlets joining all call it.
 */
export async function requestStoryRefresh(tx: Tx, where: { storyIds: number[]; guildId?: string }, dueAt: Date) {
  if (!where.storyIds.length) return [];
  const guildId = where.guildId ?? null;
  // A post not yet claimed is held until the change commits (the worker's claim skips locked rows), so that it is not
  // claimed and drawn before the change is visible and sent after it, with no edit asked (a vote's tally lost on it
  // for good). First, in its own statement: one a worker is claiming now is waited for, and then marked below.
  await tx.$queryRaw`
    SELECT 1 FROM "Delivery" WHERE "storyId" = ANY(${where.storyIds}::int[]) AND (${guildId}::text IS NULL OR "guildId" = ${guildId}::text)
      AND status = 'pending' AND "claimedAt" IS NULL
    FOR UPDATE`;
  // Not in a server Gazette was removed from (a story it shares merged, say): the edit would be refused.
  return tx.$queryRaw<{ id: number; guildId: string; channelId: string }[]>`
    UPDATE "Delivery" SET "editDueAt" = LEAST(COALESCE("editDueAt", ${dueAt}), ${dueAt})
    WHERE "storyId" = ANY(${where.storyIds}::int[]) AND (${guildId}::text IS NULL OR "guildId" = ${guildId}::text) AND ${refreshSql}
      AND NOT EXISTS (SELECT 1 FROM "Guild" g WHERE g.id = "Delivery"."guildId" AND g."leftAt" IS NOT NULL)
    RETURNING id, "guildId", "channelId"`;
}

/** A post whose edit a worker has claimed, with the claim: its `editDueAt` while the edit is made. */
export interface ClaimedEdit {
  id: number;
  storyId: number;
  guildId: string;
  channelId: string;
  messageId: string;
  threadId: string | null;
  webhookId: string | null;
  postedAs: string | null;
  claim: Date;
  /** Earlier edits of this post that failed in a row. */
  editFailures: number;
}

/**
 * Claims posts whose edit is due. The claim moves the edit time a stale claim's length ahead rather than clearing it:
 * if the worker dies, or fails to read the stories, the edit falls due again instead of being lost (settleEdits
 * clears it once made). A request arriving meanwhile moves it earlier (requests are due within seconds), so it is
 * kept and makes another edit. With `shards`, none that another live process's shards should edit (as claimDuePosts).
 */
export async function claimDueEdits(prisma: Prisma, now: Date, limit = 20, shards?: ShardShare & { holder: string }, claimTimeoutMs = staleClaimMs): Promise<ClaimedEdit[]> {
  // As long as a post's claim (DELIVERY_CLAIM_TIMEOUT_MS): a batch slowed by rate limits past a shorter one was
  // claimed again by another process, and its edits sent twice.
  const claim = new Date(now.getTime() + claimTimeoutMs);
  return prisma.$queryRaw<ClaimedEdit[]>`
    UPDATE "Delivery" d SET "editDueAt" = ${claim}::timestamp
    FROM (
      SELECT id FROM "Delivery" d0 WHERE status = 'posted' AND "editDueAt" <= ${now} AND ${othersShards(shards, shards?.holder ?? '', now)}
      ORDER BY "editDueAt", id LIMIT ${limit} FOR UPDATE SKIP LOCKED
    ) due
    WHERE d.id = due.id
    RETURNING d.id, d."storyId", d."guildId", d."channelId", d."messageId", d."threadId", d."webhookId", d."postedAs", d."editDueAt" AS claim, d."editFailures"`;
}

/**
 * A claimed edit at the end of its batch: made or needless (`retryAt` null), or to try again at `retryAt`: after a
 * failure (`failed`), or because the channel's budget is spent.
 */
export interface SettledEdit {
  id: number;
  claim: Date;
  retryAt: Date | null;
  failed?: boolean;
}

/**
 * Ends a batch's claimed edits in one statement. One made (or needless) has its edit time cleared, unless a request
 * moved it off the claim meanwhile, since the edit may have been drawn before that change; one to retry is due again
 * at `retryAt`, or earlier if a request asked for that (the claim's own time is no request: taken for one, it cut every
 * retry's back-off to the claim's length). One made after another process took its claim over and finished (an edit
 * slower than the claim) may have landed after that newer edit: the post is edited once more.
 */
export async function settleEdits(tx: Tx, edits: readonly SettledEdit[], now = new Date()) {
  if (!edits.length) return;
  await tx.$executeRaw`
    UPDATE "Delivery" d SET "editDueAt" = CASE WHEN e.retry IS NOT NULL AND d."editDueAt" = e.claim THEN e.retry
        WHEN e.retry IS NOT NULL THEN LEAST(COALESCE(d."editDueAt", e.retry), e.retry)
        WHEN d."editDueAt" IS NULL AND d.status = 'posted' THEN ${now}::timestamp ELSE NULL END,
      "editFailures" = CASE WHEN e.failed THEN d."editFailures" + 1 WHEN e.retry IS NULL THEN 0 ELSE d."editFailures" END
    FROM unnest(${edits.map((e) => e.id)}::int[], ${edits.map((e) => e.claim.toISOString())}::timestamp[],
      ${edits.map((e) => e.retryAt?.toISOString() ?? null)}::timestamp[], ${edits.map((e) => !!e.failed)}::boolean[]) AS e(id, claim, retry, failed)
    WHERE d.id = e.id AND (e.retry IS NOT NULL OR d."editDueAt" = e.claim OR d."editDueAt" IS NULL)`;
}

/** When the next post or edit is due, so the worker can sleep until then. */
export async function nextDueAt(tx: Tx): Promise<Date | null> {
  const [post, edit] = await Promise.all([
    tx.delivery.findFirst({ where: { status: 'pending' }, orderBy: { nextAttemptAt: 'asc' }, select: { nextAttemptAt: true } }),
    tx.delivery.findFirst({ where: { status: 'posted', editDueAt: { not: null } }, orderBy: { editDueAt: 'asc' }, select: { editDueAt: true } }),
  ]);
  const times = [post?.nextAttemptAt, edit?.editDueAt].filter((d): d is Date => d instanceof Date);
  return times.length ? new Date(Math.min(...times.map((d) => d.getTime()))) : null;
}

