// What /healthz answers: named checks (database, shards, scheduler), each ok or failing with a reason in words.
// The checks themselves are plain functions handed in by the app, so this module knows neither Prisma nor discord.js.

export interface CheckResult {
  ok: boolean;
  /** Why it fails, or a short note when it passes. */
  detail?: string | undefined;
}

export type Check = () => CheckResult | Promise<CheckResult>;

export interface HealthReport {
  ok: boolean;
  /** Names of the failing checks. */
  failed: string[];
  checks: Record<string, CheckResult>;
}

export interface Health {
  run(): Promise<HealthReport>;
}

/** Runs every check at once; a check that throws or takes longer than `timeoutMs` fails with the reason. */
export function createHealth(checks: Record<string, Check>, options: { timeoutMs?: number } = {}): Health {
  const timeoutMs = options.timeoutMs ?? 2_000;
  return {
    async run() {
      const entries = await Promise.all(Object.entries(checks).map(async ([name, check]) => [name, await runCheck(check, timeoutMs)] as const));
      const failed = entries.filter(([, result]) => !result.ok).map(([name]) => name);
      return { ok: failed.length === 0, failed, checks: Object.fromEntries(entries) };
    },
  };
}

async function runCheck(check: Check, timeoutMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, detail: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(check), timeout]);
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** When the scheduler's poll job last ticked, and the second tick due after it (so one missed tick is tolerated). */
export interface SchedulerHeartbeat {
  lastTickAt: Date;
  /** Two tick intervals after the last tick: the second scheduled tick after it. */
  deadline: Date;
  /** A poll running now: when it last moved (began, claimed feeds, finished one), and how long it may stand still. */
  poll?: { movedAt: Date; limitMs: number } | undefined;
}

/**
 * The scheduler is healthy while its poll job ticked within two of its tick intervals, or while a running poll has
 * moved (claimed feeds, finished one) within its claim on feeds (ticks during a poll are skipped, so they say nothing
 * about the poll; one standing still that long is stuck, on the database or a promise that never settles; a long
 * poll that keeps moving, after downtime, is not). Without a cron (polls run on
 * demand, as in tests and benchmarks) there is nothing to tick, which is not a failure.
 */
export function schedulerCheck(heartbeat: SchedulerHeartbeat | undefined, now: Date): CheckResult {
  if (!heartbeat) return { ok: true, detail: 'no cron: polls run on demand' };
  const { poll } = heartbeat;
  if (poll) {
    const since = poll.movedAt.toISOString();
    if (now.getTime() - poll.movedAt.getTime() <= poll.limitMs) return { ok: true, detail: `polling, last progress ${since}` };
    return { ok: false, detail: `a poll has made no progress since ${since}, longer than its ${Math.round(poll.limitMs / 1000)} s claim on feeds: stuck` };
  }
  if (now.getTime() <= heartbeat.deadline.getTime()) return { ok: true, detail: `last tick ${heartbeat.lastTickAt.toISOString()}` };
  return { ok: false, detail: `no tick since ${heartbeat.lastTickAt.toISOString()} (expected by ${heartbeat.deadline.toISOString()})` };
}

/** A database check: passes when `query` answers. */
export function databaseCheck(query: () => Promise<unknown>, options: { busy?: () => string | undefined; patienceMs?: number } = {}): Check {
  const patienceMs = options.patienceMs ?? 1_500;
  const answeredOk: CheckResult = { ok: true };
  return async () => {
    const answered = query().then(() => answeredOk);
    if (!options.busy) return answered;
    // The embedded database runs one statement at a time, and the nightly VACUUM holds it for a while: a probe that
    // restarted the bot then would only start the maintenance over. Not answering while it runs is not a failure.
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), patienceMs)));
    try {
      const first = await Promise.race([answered, waited]);
      if (first) return first;
      const busy = options.busy();
      if (!busy) return answered;
      answered.catch(() => {});
      return { ok: true, detail: `busy: ${busy}` };
    } finally {
      clearTimeout(timer);
    }
  };
}
