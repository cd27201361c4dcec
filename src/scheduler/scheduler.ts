// node-cron jobs: poll due feeds, post digests, prune leases. Each job runs with noOverlap, and — when several bot
// processes share a PostgreSQL database — in one process only (a database-backed RunCoordinator).
import cron, { type ScheduledTask } from 'node-cron';
import type { Prisma } from '../db/client.js';
import { claimDueFeeds, claimEnd, postponeFeed } from '../db/feeds.js';
import { dueFeedTimes } from '../db/health.js';
import { claimDailyRun, dailyRunClaimMs, finishDailyRun, holdDailyRun, pruneLeases } from '../db/leases.js';
import { pruneSentAlerts } from '../db/alerts.js';
import { pruneDigestRuns } from '../db/digests.js';
import { heldPostsKeptMs, pruneHeldPosts } from '../db/held-posts.js';
import { analyzeOutbox, pruneArticleBodies, pruneArticleKeys, vacuumAnalyze } from '../db/maintenance.js';
import { refreshSearchDocuments } from '../db/search-refresh.js';
import { pruneSiteWaits } from '../db/site-waits.js';
import { tableStatistics } from '../db/table-statistics.js';
import type { NewsService } from '../ingest/types.js';
import type { Logger } from '../logger.js';
import type { SchedulerHeartbeat } from '../metrics/health.js';
import type { Metrics } from '../metrics/metrics.js';
import { databaseRunCoordinator } from './run-coordinator.js';

/** A feed a poll claimed, with the end of its claim: the ingest lets go of that claim, not one made since by another. */
interface ClaimedFeed {
  id: number;
  claim: Date;
}

/** How long a stop lets work in flight finish: 8 s, so that the rest of a stop fits in the 10 s a container gets. */
export const defaultStopGraceMs = 8_000;

export interface SchedulerOptions {
  prisma: Prisma;
  news: NewsService;
  logger: Logger;
  /** This process's name in leases. */
  holder: string;
  /** How long stop() lets jobs in flight finish (ms; default defaultStopGraceMs). */
  stopGraceMs?: number;
  /** Called after a poll planned deliveries, to wake the delivery worker. */
  onDeliveriesPlanned: () => void;
  /** Posts due digests; called every minute. */
  runDigests?: () => Promise<void>;
  /** Tells log channels about sources that paused, recovered or went quiet; called every minute. */
  runSourceAlerts?: () => Promise<unknown>;
  /** Feeds ingested at the same time (default: ingestConcurrency(1)). */
  concurrency?: number;
  /** The most feeds one poll ingests (default 1,000); it stops sooner when no feed is due. */
  feedsPerPoll?: number;
  now?: () => Date;
  /** Start the cron jobs (default true); tests drive `pollOnce` themselves. */
  startCron?: boolean;
  /** When to look for due feeds (default every 30 s); each feed's own interval decides whether it is due. */
  pollCron?: string;
  /** How long a poll's claim on a feed holds; a process that dies mid-poll delays that feed by this much. */
  pollClaimMs?: number;
  /**
   * When to ask whether the daily maintenance is due (default hourly); it runs at 04:00 local time, or at the first
   * hour after 26 hours without it (src/db/leases.ts claimDailyRun).
   */
  maintenanceCron?: string;
  /** Clustering window: lookup keys older than this are pruned nightly. */
  clusterWindowHours?: number;
  /** Keep article texts this many days (0: forever); the nightly maintenance empties older ones. */
  retentionDays?: number;
  /** Poll lag is observed here (one extra read of the due feeds per poll, only with metrics). */
  metrics?: Metrics | undefined;
}

export interface Scheduler {
  /** One polling round now: claims due feeds and ingests them. Returns how many feeds were polled. */
  pollOnce(): Promise<number>;
  /**
   * When the poll job last ticked in this process — ran, or skipped because another process has the slot — and when
   * two of its intervals are over, and the poll running now if any; undefined without the cron.
   */
  heartbeat(): SchedulerHeartbeat | undefined;
  /** Whether this process runs the nightly database maintenance now (its VACUUM holds an embedded database a while). */
  maintaining(): boolean;
  stop(): Promise<void>;
}

/**
 * How many feeds a poll ingests at once: one per pipeline worker thread (the main thread counts as one when the
 * pipeline runs inline, PIPELINE_WORKERS=0), and one more whose fetch or store overlaps them. More only queue on the
 * workers and the database while holding their transactions, and the posts and interactions waiting behind them slow
 * down: with four at once on a 2-core machine (one worker) the scale bench's interaction p99 was 100–262 ms, with two
 * 63–171 ms, at the same posts a second (docs/benchmarks.md).
 */
/**
 * The hour of the day nearest to `at` (local time): an hourly tick at 04:00 by the host's clock, read on the database's
 * clock a moment behind, is 03:59, and the nightly maintenance ran at 05:00 instead.
 */
export const nearestHour = (at: Date) => new Date(at.getTime() + 1_800_000).getHours();

export const ingestConcurrency = (pipelineWorkers: number) => Math.max(1, pipelineWorkers) + 1;

export function startScheduler(options: SchedulerOptions): Scheduler {
  const { prisma, news, logger } = options;
  const now = options.now ?? (() => new Date());
  const concurrency = options.concurrency ?? ingestConcurrency(1);
  const coordinator = databaseRunCoordinator(prisma, options.holder, now);
  const common = { noOverlap: true, distributed: true, runCoordinator: coordinator, logger: cronLogger(logger) } as const;
  const outbox = tableStatistics(prisma, logger, analyzeOutbox, 'outbox');
  const pollClaimMs = options.pollClaimMs ?? 10 * 60_000;
  let stopping = false;

  /** When the running poll last moved: began, claimed feeds, finished one (for /healthz). */
  let pollMovedAt: Date | undefined;
  const moved = () => {
    if (pollMovedAt) pollMovedAt = now();
  };

  // The feeds each running poll has claimed and not started. A stop lets go of them at once, for another process or
  // the next start: held, each waited out its claim (ten minutes by default) at every restart, and a stop whose
  // ingests outlast its grace let go of none before the database closed.
  const queues = new Set<ClaimedFeed[]>();
  const letGo = (queue: ClaimedFeed[]) =>
    Promise.all(queue.splice(0).map((feed) => postponeFeed(prisma, feed.id, now(), feed.claim).catch((error: unknown) => logger.warn({ err: error, feedId: feed.id }, 'letting go of a claimed feed failed'))));

  async function pollOnce(): Promise<number> {
    const at = now();
    const most = options.feedsPerPoll ?? 1_000;
    // Feeds are claimed a few at a time, as workers free up, until none is due: a fixed batch per tick capped polling
    // at 40 feeds a minute however many processes ran (one wins each tick), and the last feeds of a large batch could
    // outwait their claim and be taken by another process's poll as well.
    // Each feed with the claim it was taken with: the ingest lets go of that claim, not one made since by another.
    const queue: ClaimedFeed[] = [];
    queues.add(queue);
    let polled = 0;
    let claimedAll = false;
    let claiming: Promise<void> | undefined;
    const claimMore = async () => {
      const limit = Math.min(concurrency, most - polled - queue.length);
      const dueAt = options.metrics ? await dueFeedTimes(prisma, at, limit) : undefined;
      // Due as of the poll's start; claimed from now, as a long poll's later claims must hold their full time.
      const claimedAt = now();
      const ids = await claimDueFeeds(prisma, at, limit, pollClaimMs, claimedAt);
      moved();
      for (const id of ids) {
        const due = dueAt?.get(id);
        // Waited until now: a feed claimed late in a long poll (a backlog after downtime) waited that long.
        if (due) options.metrics?.observePollLag((claimedAt.getTime() - due.getTime()) / 1000);
      }
      if (ids.length < limit) claimedAll = true;
      const claim = claimEnd(claimedAt, pollClaimMs);
      queue.push(...ids.map((id) => ({ id, claim })));
    };
    const nextFeed = async (): Promise<ClaimedFeed | undefined> => {
      // Stopping: feeds claimed and not started are let go below.
      while (!queue.length && !claimedAll && !stopping && polled < most) {
        claiming ??= claimMore()
          .catch((error: unknown) => {
            // The database failed: this poll ends with the feeds it has; the next tick claims again.
            logger.error({ err: error }, 'claiming due feeds failed');
            claimedAll = true;
          })
          .finally(() => (claiming = undefined));
        await claiming;
      }
      if (stopping) return undefined;
      const feed = queue.shift();
      if (feed) polled++;
      return feed;
    };
    let planned = 0;
    const worker = async () => {
      for (let feed = await nextFeed(); feed; feed = await nextFeed()) {
        const feedId = feed.id;
        try {
          planned += (await news.ingestFeed(feedId, { claim: feed.claim })).deliveries;
        } catch (error) {
          // Feed problems are recorded by ingestFeed; this is the database or a bug. Keep polling the others.
          logger.error({ err: error, feedId }, 'ingest failed');
        }
        moved();
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    queues.delete(queue);
    // Claimed as the stop came (the claim's answer arrived after it): let go as the stop lets go of the rest.
    await letGo(queue);
    if (planned) {
      options.onDeliveriesPlanned();
      outbox.grew(planned);
    }
    return polled;
  }

  const tasks: ScheduledTask[] = [];
  let maintaining = false;
  if (options.startCron === false) return { pollOnce, heartbeat: () => undefined, maintaining: () => false, stop: () => outbox.idle() };
  // Jobs running when the bot stops are let finish, for a while: cut off, a digest between its claim and its post
  // would be lost for the day, and a poll would log errors against a closed database.
  const running = new Set<Promise<unknown>>();
  const job = (name: string, fn: () => Promise<unknown>) => () => {
    const run = fn().catch((e: unknown) => logger.error({ err: e }, `${name} failed`));
    running.add(run);
    void run.finally(() => running.delete(run));
    return run;
  };
  // Often (every 30 s by default): each feed's own interval decides whether it is due, so polls spread out.
  // The poll running now, for /healthz: a tick skipped because it still runs (execution:overlap) proves only that
  // the cron ticks, not that the poll moves, so a poll hung on the database would look healthy forever. Instead a
  // running poll is judged by when it last moved, against the claim time: standing still that long, it is stuck.
  const pollJob = job('poll', async () => {
    pollMovedAt = now();
    try {
      return await pollOnce();
    } finally {
      pollMovedAt = undefined;
      // A long poll outlasts the deadline of the tick that started it; the next tick is due from its end.
      heartbeat = beat(poll, now());
    }
  });
  const poll = cron.schedule(options.pollCron ?? '*/30 * * * * *', pollJob, { ...common, name: 'poll-feeds', distributedLease: 10 * 60_000 });
  let heartbeat = beat(poll, now());
  poll.on('execution:started', () => {
    heartbeat = beat(poll, now());
  });
  // A tick another process won beats too; one skipped because its lease could not be taken (the database refusing
  // writes while it still answers reads) does not: no poll starts anywhere from this process then.
  poll.on('execution:skipped', (context: { reason?: string }) => {
    if (context.reason === 'not-elected') heartbeat = beat(poll, now());
  });
  tasks.push(
    poll,
    cron.schedule(options.maintenanceCron ?? '0 * * * *', job('maintenance', maintainIfDue), { ...common, name: 'maintenance' }),
  );

  // Asked every hour rather than scheduled at 04:00 alone: a cron tick missed at that minute (the bot stopped, or its
  // event loop busy) would skip a day, and a bot that never runs at night would never vacuum its embedded database.
  async function maintainIfDue(): Promise<void> {
    const at = now();
    const key = 'maintenance:daily';
    if (!(await claimDailyRun(prisma, key, options.holder, at, nearestHour(at) === 4))) return;
    // The claim holds an hour and is renewed while the run goes on: the first night of RETENTION_DAYS over a large
    // archive may take longer, and the next hourly tick must not start a second run beside it.
    const renew = setInterval(() => void holdDailyRun(prisma, key, options.holder, new Date(now().getTime() + dailyRunClaimMs)).catch(() => undefined), dailyRunClaimMs / 6);
    maintaining = true;
    try {
      await maintain(at);
    } finally {
      maintaining = false;
      clearInterval(renew);
    }
    await finishDailyRun(prisma, key, options.holder, at);
  }

  async function maintain(at: Date): Promise<void> {
    const t = at.getTime();
    const leases = await pruneLeases(prisma, new Date(t - 86_400_000));
    const keys = await pruneArticleKeys(prisma, new Date(t - (options.clusterWindowHours ?? 72) * 3_600_000));
    const bodies = options.retentionDays ? await pruneArticleBodies(prisma, new Date(t - options.retentionDays * 86_400_000)) : 0;
    // A story reaches a new server within its window, or as a new source's backfill of recent articles: a month is ample.
    const sentAlerts = await pruneSentAlerts(prisma, new Date(t - 30 * 86_400_000));
    const held = await pruneHeldPosts(prisma, new Date(t - heldPostsKeptMs));
    // A digest reads back two weeks at most; two months leave `/config show` its warning about a refused one.
    const digestRuns = await pruneDigestRuns(prisma, new Date(t - 60 * 86_400_000));
    const siteWaits = await pruneSiteWaits(prisma, at);
    // Every night, but with work only after an upgrade that changed how search documents are written (until then older
    // stories keep theirs); otherwise one scan of the stories that finds none in an older form.
    const searchDocuments = await refreshSearchDocuments(prisma);
    await vacuumAnalyze(prisma);
    logger.info({ leases, keys, bodies, sentAlerts, held, digestRuns, siteWaits, searchDocuments }, 'database maintenance done');
  }
  if (options.runDigests) {
    const runDigests = options.runDigests;
    tasks.push(cron.schedule('* * * * *', job('digests', runDigests), { ...common, name: 'digests' }));
  }
  if (options.runSourceAlerts) {
    const runSourceAlerts = options.runSourceAlerts;
    tasks.push(cron.schedule('* * * * *', job('source alerts', runSourceAlerts), { ...common, name: 'source-alerts' }));
  }

  return {
    pollOnce,
    heartbeat: () => ({ ...heartbeat, poll: pollMovedAt && { movedAt: pollMovedAt, limitMs: pollClaimMs } }),
    maintaining: () => maintaining,
    async stop() {
      stopping = true;
      await Promise.all([...queues].map(letGo));
      await Promise.all(tasks.map((t) => t.destroy()));
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, options.stopGraceMs ?? defaultStopGraceMs)));
      await Promise.race([Promise.allSettled([...running]), grace]);
      clearTimeout(timer);
      if (running.size) logger.warn({ jobs: running.size }, 'stopping with jobs still running');
      await outbox.idle();
    },
  };
}

/**
 * A tick now; healthy until the second scheduled tick after it (one missed tick is tolerated, two are not). node-cron
 * counts its ticks on the host's clock and `at` is the scheduler's (the database's, ADR 30): the deadline is moved onto
 * the scheduler's, or a host 45 s behind the database put it before the tick, and /healthz failed.
 */
function beat(task: ScheduledTask, at: Date): SchedulerHeartbeat {
  const [, second] = task.getNextRuns(2);
  return { lastTickAt: at, deadline: second ? new Date(second.getTime() + at.getTime() - Date.now()) : new Date(8.64e15) };
}

function cronLogger(logger: Logger) {
  const log = logger.child({ component: 'cron' });
  return {
    info: (m: string) => log.debug(m),
    warn: (m: string) => log.warn(m),
    error: (m: string | Error, err?: Error) => log.error({ err: err ?? m }, typeof m === 'string' ? m : 'cron error'),
    debug: (m: string | Error) => log.trace(String(m)),
  };
}
