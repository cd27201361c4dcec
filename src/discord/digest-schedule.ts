// When a server's digest is due and what it covers, from its settings and its past runs (DigestRun rows). Pure, so
// that the runner (digest.ts) and `/config digest`, which says when the next one goes out, decide alike.
import { heldPostsKeptMs } from '../db/held-posts.js';
import { wallClockAt } from '../pipeline/orchestrator.js';

export interface DigestSettings {
  timezone: string;
  digestFrequency: 'daily' | 'weekly' | null;
  digestTime: string | null;
}

/** A past digest: claimed at createdAt, then posted (messageId) or refused (error). */
export interface DigestRunRecord {
  period: string;
  createdAt: Date;
  messageId: string | null;
  error: string | null;
}

const dayMs = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The period a digest covers now (the local date, or the local week's Monday), and whether it is due: its time has
 * come in the guild's zone. A missed one (the bot was down) is due until its period ends: a daily digest the same
 * day, a weekly one until Sunday (it was due only on Mondays, so a Monday down lost the week's).
 */
export function digestPeriod(settings: DigestSettings, now: Date): { period: string; due: boolean } | null {
  if (!settings.digestFrequency || !settings.digestTime) return null;
  const [hh = 0, mm = 0] = settings.digestTime.split(':').map(Number);
  const w = wallClockAt(now, settings.timezone);
  const reached = w.hour * 60 + w.minute >= hh * 60 + mm;
  const dateOf = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (settings.digestFrequency === 'daily') return { period: dateOf(new Date(Date.UTC(w.year, w.month - 1, w.day))), due: reached };
  const sinceMonday = (new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay() + 6) % 7;
  return { period: `week-of-${dateOf(new Date(Date.UTC(w.year, w.month - 1, w.day - sinceMonday)))}`, due: sinceMonday > 0 || reached };
}

/**
 * Where the digest posted now starts: at the previous digest posted, so that a digest posted late (the bot was down
 * at its time), a time moved later or a 25-hour day leaves no story out of every digest (held stories were promised
 * to "the next digest"). At most a week back (two for a weekly digest), and never before held posts are pruned; the
 * period's length when none was posted yet. `runs` are the guild's recent runs.
 */
export function digestSince(settings: DigestSettings, now: Date, runs: DigestRunRecord[]): Date {
  const weekly = settings.digestFrequency === 'weekly';
  const earliest = now.getTime() - Math.min((weekly ? 14 : 7) * dayMs, heldPostsKeptMs);
  const posted = runs.filter((r) => r.messageId !== null && r.createdAt < now).map((r) => r.createdAt.getTime());
  if (!posted.length) return new Date(now.getTime() - (weekly ? 7 : 1) * dayMs);
  return new Date(Math.max(earliest, ...posted));
}

/**
 * Never two digests closer than this after the schedule changed: a digest posted under another time zone, time or
 * frequency holds the next one back until then (within its day or week, so no day goes without one).
 */
export const digestMinGapMs = 12 * 3_600_000;

/** True when the current settings would have claimed `run` when it was claimed: not one made under another schedule. */
function underSchedule(settings: DigestSettings, run: DigestRunRecord): boolean {
  const p = digestPeriod(settings, run.createdAt);
  return p !== null && p.due && p.period === run.period;
}

export type DigestDecision =
  | { state: 'off' | 'later' | 'done' }
  | { state: 'waiting'; until: Date }
  /** `replacing`: the createdAt of a run of the same period made under another schedule, which the claim replaces. */
  | { state: 'due'; period: string; replacing: Date | null };

/**
 * Whether the digest goes out now. A period's key is its local date (or its week's Monday), so a zone moved west met
 * its day already claimed by the old zone's digest, and skipped it (up to 61 hours without one); one moved east could
 * post twice an hour apart. The rule: a run the current settings would not have made does not close this period, but
 * holds it back until digestMinGapMs after it. `runs` are the guild's recent runs, newest first.
 */
export function digestDecision(settings: DigestSettings, now: Date, runs: DigestRunRecord[]): DigestDecision {
  const current = digestPeriod(settings, now);
  if (!current) return { state: 'off' };
  if (!current.due) return { state: 'later' };
  const own = runs.find((r) => r.period === current.period);
  const ownCounts = own !== undefined && underSchedule(settings, own);
  // Posted or refused under this schedule; a claim without an outcome is left to claimDigest (it lapses).
  if (ownCounts && (own.messageId !== null || own.error !== null)) return { state: 'done' };
  const recent = runs.filter((r) => r.error === null && r !== (ownCounts ? own : undefined) && !underSchedule(settings, r) && now.getTime() - r.createdAt.getTime() < digestMinGapMs);
  if (recent.length) return { state: 'waiting', until: new Date(Math.max(...recent.map((r) => r.createdAt.getTime())) + digestMinGapMs) };
  return { state: 'due', period: current.period, replacing: own && !ownCounts ? own.createdAt : null };
}
