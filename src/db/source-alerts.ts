// What a guild's log channel should hear about its sources (issue 11, ADR 15): a source that paused itself after
// failed fetches, one that works or publishes again, and one that has published nothing for longer than its own
// history makes usual. Finding and claiming are one transaction; a claim is a short lease on the source, so two
// processes never send the same message at once, and lastAlertAt/lastAlertKind are set only once the message went
// out (recordSourceAlertSent): a process that dies between the claim and the post leaves the alert to be retried when
// the lease lapses, not a day later. Only src/discord sends it.
import { randomUUID } from 'node:crypto';
import { Prisma as P } from '../generated/prisma/client.js';
import type { Prisma } from './client.js';
import { selfPauseReasonPrefix } from './feeds.js';
import { tryAcquireLease } from './leases.js';
import type { Tx } from './tx.js';

export type SourceAlertKind = 'paused' | 'recovered' | 'stale';

export interface SourceAlert {
  kind: SourceAlertKind;
  sourceId: number;
  guildId: string;
  /** Where the message goes (the guild's log channel). */
  logChannelId: string;
  /** Where the source posts. */
  channelId: string;
  url: string;
  title: string | null;
  /** paused: the reason recorded with the pause. */
  reason: string | null;
  /** recovered: what it recovered from. */
  recoveredFrom: 'paused' | 'stale' | null;
  /** stale: its newest article and the gap it usually keeps (the 90th percentile of its recent gaps). */
  lastArticleAt: Date | null;
  usualGapMs: number | null;
  /** When it was claimed: recorded as lastAlertAt once sent. */
  claimedAt: Date;
  /** The source's lastAlertAt when claimed: the same on every attempt at this message (its nonce), and what
   *  recordSourceAlertSent compares against. */
  previousAlertAt: Date | null;
}

/** How long a claim holds: an alert claimed by a process that died before posting it is claimed again after this. */
export const sourceAlertLeaseMs = 2 * 60_000;
const leaseKey = (sourceId: number) => `source-alert:${sourceId}`;

/** A problem (a pause, a silence) is told at most once a day per source; a recovery answers the message before it. */
export const alertIntervalMs = 86_400_000;
/** Silence shorter than this is never "stale", however regular the source (a quiet weekend is not news). */
export const staleFloorMs = 2 * 86_400_000;
/** How many times its usual gap a source may stay silent. */
export const staleFactor = 3;
/** How much history is read, and how little is enough to know what is usual. */
const historySize = 50;
const minGaps = 4;

export interface Staleness {
  lastArticleAt: Date;
  usualGapMs: number;
  thresholdMs: number;
  stale: boolean;
}

/**
 * Gaps shorter than this are not gaps in a source's rhythm: undated articles stored by one fetch (a new source's
 * first, thirty items within seconds) made the usual gap nearly nothing, so two quiet days raised a false alert saying
 * articles "usually come no more than less than a minute apart".
 */
const minGapMs = 60_000;

/**
 * Whether a source is quiet for longer than usual, from the times of its articles (any order): the usual gap is the
 * 90th percentile of the gaps between them (a minute or longer), and the silence since the newest must exceed
 * max(3 × that, 2 days). Undefined when there is too little history to say what is usual.
 */
export function staleness(times: readonly Date[], now: Date): Staleness | undefined {
  const sorted = times.map((t) => t.getTime()).sort((a, b) => a - b);
  const gaps = sorted
    .slice(1)
    .map((t, i) => t - sorted[i]!)
    .filter((gap) => gap >= minGapMs)
    .sort((a, b) => a - b);
  if (gaps.length < minGaps) return undefined;
  const usualGapMs = gaps[Math.ceil(gaps.length * 0.9) - 1]!;
  const thresholdMs = Math.max(staleFactor * usualGapMs, staleFloorMs);
  const last = sorted[sorted.length - 1]!;
  return { lastArticleAt: new Date(last), usualGapMs, thresholdMs, stale: now.getTime() - last > thresholdMs };
}

interface Row {
  id: number;
  guildId: string;
  logChannelId: string;
  channelId: string;
  feedId: number;
  pausedReason: string | null;
  lastAlertAt: Date | null;
  lastAlertKind: string | null;
  url: string;
  title: string | null;
}

/**
 * Sources of guilds that have a log channel, with their feed; each query adds its own conditions. Not those of a guild
 * Gazette has left: Discord would refuse the message, one more invalid request each.
 */
const fromSources = P.sql`
  SELECT s.id, s."guildId", g."logChannelId", s."channelId", s."feedId", s."pausedReason", s."lastAlertAt", s."lastAlertKind", f.url, f.title
  FROM "Source" s JOIN "Guild" g ON g.id = s."guildId" JOIN "Feed" f ON f.id = s."feedId"
  WHERE g."logChannelId" IS NOT NULL AND g."leftAt" IS NULL`;

/**
 * Finds what to tell log channels now and claims it: at most `limit` messages, pauses and recoveries first. The
 * silence check reads every healthy source's recent history, so the caller asks for it only now and then (`stale`).
 */
export async function claimSourceAlerts(prisma: Prisma, now: Date, options: { stale: boolean; limit?: number }): Promise<SourceAlert[]> {
  const limit = options.limit ?? 25;
  const dayAgo = new Date(now.getTime() - alertIntervalMs);
  return prisma.$transaction(async (tx) => {
    const found: { row: Row; alert: SourceAlert }[] = [];
    // Paused by itself and nothing said about it for a day; not told about this pause yet (a pause after a moderator
    // resumed it is a new one: resuming and pausing both touch updatedAt, claiming does not).
    const paused = await tx.$queryRaw<Row[]>`${fromSources}
      AND s.paused AND starts_with(s."pausedReason", ${selfPauseReasonPrefix})
      AND (s."lastAlertAt" IS NULL OR s."lastAlertAt" <= ${dayAgo})
      AND (s."lastAlertKind" IS DISTINCT FROM 'paused' OR s."updatedAt" > s."lastAlertAt")
      ORDER BY s.id LIMIT ${limit}`;
    for (const row of paused) found.push({ row, alert: { ...alertOf(row, 'paused', now), reason: row.pausedReason } });
    // Told it paused, and it has fetched since; told it was quiet, and an article has come since.
    const recovered = await tx.$queryRaw<Row[]>`${fromSources}
      AND NOT s.paused AND (
        (s."lastAlertKind" = 'paused' AND f."lastSuccessAt" > s."lastAlertAt")
        OR (s."lastAlertKind" = 'stale' AND EXISTS (SELECT 1 FROM "Article" a WHERE a."feedId" = s."feedId" AND a."createdAt" > s."lastAlertAt"))
      )
      ORDER BY s.id LIMIT ${limit}`;
    for (const row of recovered) found.push({ row, alert: { ...alertOf(row, 'recovered', now), recoveredFrom: row.lastAlertKind === 'paused' ? 'paused' : 'stale' } });
    if (options.stale) found.push(...(await staleAlerts(tx, now, dayAgo)));

    // A holder of its own per claim: this process asking again within the lease must not take its own claim back.
    const holder = randomUUID();
    const claimed: SourceAlert[] = [];
    // One message per source at a time: a source told it paused, resumed since and quiet, is found recovered and quiet
    // at once; the second message's record would fail its compare-and-set, and it would be sent again a day later.
    const told = new Set<number>();
    for (const { row, alert } of found) {
      if (claimed.length >= limit) break;
      if (told.has(row.id)) continue;
      told.add(row.id);
      if (!(await tryAcquireLease(tx, leaseKey(row.id), holder, sourceAlertLeaseMs, now))) continue;
      // Read again once the lease is ours: another process may have sent and recorded it since it was found here.
      const unchanged = await tx.$queryRaw<unknown[]>`
        SELECT 1 FROM "Source" WHERE id = ${row.id} AND "lastAlertAt" IS NOT DISTINCT FROM ${row.lastAlertAt}::timestamp`;
      if (unchanged.length) claimed.push(alert);
    }
    return claimed;
  });
}

/**
 * The alert went out (or Discord refused it for good): the source is told, until its next problem or recovery. A
 * compare-and-set, so an alert claimed again after its lease lapsed and sent twice is recorded once.
 */
export async function recordSourceAlertSent(prisma: Prisma, alert: SourceAlert): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`
      UPDATE "Source" SET "lastAlertAt" = ${alert.claimedAt}, "lastAlertKind" = ${alert.kind}
      WHERE id = ${alert.sourceId} AND "lastAlertAt" IS NOT DISTINCT FROM ${alert.previousAlertAt}::timestamp`;
    // Free at once, so a recovery right after a pause is not held back by the pause's lease.
    await tx.jobLease.deleteMany({ where: { key: leaseKey(alert.sourceId) } });
  });
}

/** Healthy sources (fetching fine, not paused, not told yet) whose silence is longer than their history makes usual. */
async function staleAlerts(tx: Tx, now: Date, dayAgo: Date): Promise<{ row: Row; alert: SourceAlert }[]> {
  // A single article page never publishes again; a failing feed is quiet for another reason, told when it pauses.
  const candidates = await tx.$queryRaw<Row[]>`${fromSources}
    AND NOT s.paused AND f.kind <> 'article' AND f."consecutiveFailures" = 0 AND f."lastSuccessAt" IS NOT NULL
    AND (s."lastAlertAt" IS NULL OR s."lastAlertAt" <= ${dayAgo}) AND s."lastAlertKind" IS DISTINCT FROM 'stale'
    ORDER BY s.id`;
  if (!candidates.length) return [];
  const feedIds = [...new Set(candidates.map((c) => c.feedId))];
  // An article's time is when it was published, but never later than when Gazette stored it (a date in the future
  // is a publisher's mistake); a backfill stored at once still shows the source's real rhythm this way.
  const history = await tx.$queryRaw<{ feedId: number; at: Date }[]>`
    SELECT "feedId", at FROM (
      SELECT "feedId", LEAST(COALESCE("publishedAt", "createdAt"), "createdAt") AS at,
        row_number() OVER (PARTITION BY "feedId" ORDER BY LEAST(COALESCE("publishedAt", "createdAt"), "createdAt") DESC) AS n
      FROM "Article" WHERE "feedId" = ANY(${feedIds}::int[])
    ) h WHERE n <= ${historySize}`;
  const byFeed = new Map<number, Date[]>();
  for (const h of history) byFeed.set(h.feedId, [...(byFeed.get(h.feedId) ?? []), h.at]);
  const stale: { row: Row; alert: SourceAlert }[] = [];
  for (const row of candidates) {
    const verdict = staleness(byFeed.get(row.feedId) ?? [], now);
    if (verdict?.stale) stale.push({ row, alert: { ...alertOf(row, 'stale', now), lastArticleAt: verdict.lastArticleAt, usualGapMs: verdict.usualGapMs } });
  }
  return stale;
}

function alertOf(row: Row, kind: SourceAlertKind, now: Date): SourceAlert {
  return {
    kind,
    sourceId: row.id,
    guildId: row.guildId,
    logChannelId: row.logChannelId,
    channelId: row.channelId,
    url: row.url,
    title: row.title,
    reason: null,
    recoveredFrom: null,
    lastArticleAt: null,
    usualGapMs: null,
    claimedAt: now,
    previousAlertAt: row.lastAlertAt,
  };
}
