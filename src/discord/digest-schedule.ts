// When a server's digest is due and what it covers, from its settings and its past runs (DigestRun rows). Pure, so
// that the runner (digest.ts) and `/config digest`, which says when the next one goes out, decide alike.
import { heldPostsKeptMs } from '../db/held-posts.js';
import { wallClockAt } from '../pipeline/orchestrator.js';
import { parseClock } from '../text/time-of-day.js';

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
  // An unreadable time is no schedule (as unreadable quiet hours are none), not a digest at some guessed hour.
  const time = settings.digestTime === null ? undefined : parseClock(settings.digestTime);
  if (!settings.digestFrequency || time === undefined) return null;
  const w = wallClockAt(now, settings.timezone);
  const reached = w.hour * 60 + w.minute >= time;
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
  return new Date(Math.max(earliest, ...posted) - commitMarginMs);
}

/**
 * How far a digest reaches back before the previous one. A story's first-seen and held times are taken before its
 * store transaction commits: with several connections (a PostgreSQL server), a digest reading between the two missed
 * it, and the next began after its time. A story stored in that minute may be listed by both.
 */
const commitMarginMs = 60_000;

export type DigestDecision =
  | { state: 'off' | 'later' | 'done' }
  /** `period`: the DigestRun key to claim, the period's own or, once only, the one the old zone's run left it. */
  | { state: 'due'; period: string };

/**
 * Whether the digest goes out now. The rule: one digest per local day (or week) by the server's current clock, so a
 * period is done once a digest was posted or refused during it, whatever the time of day, time zone or frequency it
 * was made under. A change of time therefore never posts a second digest, and a zone moved east finds its day's
 * digest already out. A zone moved west met its day's key already used by the old zone's digest, posted on the day
 * before by the new clock (Tokyo's 2 May is New York's 1 May): that day still gets its digest, under a second key
 * (a posted run is never overwritten). `runs` are the guild's recent runs, newest first.
 */
export function digestDecision(settings: DigestSettings, now: Date, runs: DigestRunRecord[]): DigestDecision {
  const current = digestPeriod(settings, now);
  if (!current) return { state: 'off' };
  if (!current.due) return { state: 'later' };
  const ended = (r: DigestRunRecord) => r.messageId !== null || r.error !== null;
  if (runs.some((r) => ended(r) && digestPeriod(settings, r.createdAt)?.period === current.period)) return { state: 'done' };
  // A claim without an outcome is left to claimDigest (it lapses); an ended run of this key was made before the period
  // began by the current clock (see above).
  const own = runs.find((r) => r.period === current.period);
  return { state: 'due', period: own && ended(own) ? `${current.period} ${settings.timezone}` : current.period };
}

/**
 * The time a run claimed (or found posted) at `at` for the period current at `roundStart` is stamped with: `at`, or,
 * when `at` is already in the next period (a round begun at 23:59 reaching this server after midnight), that period's
 * last second. A run counts for the period its time falls in (digestDecision), so a stamp past midnight took the next
 * day's (or week's) digest for done, and it was never posted.
 */
export function runStamp(settings: DigestSettings, at: Date, roundStart: Date): Date {
  const period = digestPeriod(settings, roundStart)?.period;
  if (at <= roundStart || digestPeriod(settings, at)?.period === period) return at;
  const w = wallClockAt(at, settings.timezone);
  const lastSecond = new Date(at.getTime() - ((w.hour * 60 + w.minute) * 60 + w.second + 1) * 1000);
  // A day that does not begin at midnight (a clock change there) falls back to the round's start.
  return digestPeriod(settings, lastSecond)?.period === period ? lastSecond : roundStart;
}
