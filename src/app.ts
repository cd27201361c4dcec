// Wires Gazette together from a validated config: database, pipeline, news service, bot, scheduler and, with
// METRICS_PORT, the /healthz and /metrics server. main.ts runs it as a process; tests and benchmarks build it with
// their own options.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import { finishStoring } from './db/articles.js';
import { databaseClock, keepClockInSync } from './db/database-clock.js';
import { countDueFeeds, outboxDepth, pingDatabase } from './db/health.js';
import { takeIdentifySlot as takeSlot } from './db/leases.js';
import { createAlertWorker, type AlertWorker } from './discord/alerts/alert-worker.js';
import { createBot, cutOffAnswerMs, type Bot } from './discord/bot.js';
import { createDigestRunner } from './discord/digest.js';
import { shardCheck } from './discord/metrics-hooks.js';
import { createSourceAlertSender } from './discord/source-alerts.js';
import { guildRegions } from './ingest/guild-views.js';
import { createNewsService } from './ingest/news-service.js';
import type { NewsService } from './ingest/types.js';
import type { Logger } from './logger.js';
import { createHealth, databaseCheck, schedulerCheck } from './metrics/health.js';
import { createMetrics, type Metrics } from './metrics/metrics.js';
import { startMetricsServer, type MetricsServer } from './metrics/metrics-server.js';
import { createCpuPool, createFetcher, createInlineCpu, createPipeline, createSummarizer, createTranslator, fetcherOptionsFromConfig } from './pipeline/orchestrator.js';
import { defaultStopGraceMs, ingestConcurrency, startScheduler, type Scheduler } from './scheduler/scheduler.js';
import { keepShardLeases, type ShardLeaseKeeper } from './scheduler/shard-leases.js';

export interface App {
  db: Database;
  news: NewsService;
  bot: Bot;
  scheduler: Scheduler;
  /** Personal alerts by DM (`/follow`): a round a minute; `alerts.runOnce()` runs one now. */
  alerts: AlertWorker;
  /** With METRICS_PORT: the counters and the server of /healthz and /metrics. */
  metrics?: Metrics | undefined;
  metricsServer?: MetricsServer | undefined;
  stop(): Promise<void>;
}

export interface AppOptions {
  config: Config;
  logger: Logger;
  /** An already open database (tests); otherwise opened from the config and migrated. */
  db?: Database;
  /** Start the cron jobs (default true); without them, `scheduler.pollOnce()` still polls on demand. */
  schedule?: boolean;
  registerCommands?: boolean;
  /** How long start-up waits for Discord's gateway to get ready (default 2 minutes; tests shorten it). */
  readyTimeoutMs?: number;
  /**
   * How long a stop lets polls and members' answers in flight finish before it cuts their downloads off (default
   * defaultStopGraceMs, 8 s; tests shorten it).
   */
  stopGraceMs?: number;
  /** How long votes' and tags' edits of a post are gathered before it is refreshed (default 3 s; tests shorten it). */
  voteEditDelayMs?: number;
  /**
   * A stop asked for while starting: a wait for another process's migration or the Discord login is cut off (or not
   * begun), what was opened is closed, and startApp rejects with the signal's reason. Migrations under way are finished
   * first: the data must not be left half-migrated.
   */
  stopSignal?: AbortSignal;
  /** This host's clock in ms (tests pass a skewed one); Gazette tells time by the database's (database-clock.ts). */
  hostNow?: () => number;
}

export async function startApp(options: AppOptions): Promise<App> {
  const { config, logger } = options;
  const token = config.DISCORD_TOKEN;
  if (!token) throw new Error('DISCORD_TOKEN is not set');
  const db = options.db ?? (await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, cacheMb: config.DATA_CACHE_MB, logger, stopSignal: options.stopSignal }));
  logger.info({ database: db.kind }, 'database ready');
  try {
    return await startOn(db, token, options);
  } catch (error) {
    // A failed start closes the database it opened: the embedded one's lock names this host, and a container
    // re-created under another hostname would refuse to start until someone deleted it by hand.
    if (!options.db) await db.close().catch((closeError: unknown) => logger.warn({ err: closeError }, 'could not close the database after a failed start'));
    throw error;
  }
}

async function startOn(db: Database, token: string, options: AppOptions): Promise<App> {
  const { config, logger } = options;
  // The database's time, which every process sharing it agrees on (docs/adr/0030-database-clock.md); read first,
  // before anything that would need closing if the database did not answer.
  const clock = databaseClock(db.prisma, { hostNow: options.hostNow });
  const clockSync = await keepClockInSync(clock, logger);
  const now = clock.now;
  const fetcher = createFetcher(fetcherOptionsFromConfig(config, logger));
  const summarizer = createSummarizer({ url: config.SUMMARIZER_URL, model: config.SUMMARIZER_MODEL, apiKey: config.SUMMARIZER_API_KEY, timeoutMs: config.SUMMARIZER_TIMEOUT_MS, logger });
  const cpu =
    config.PIPELINE_WORKERS > 0
      ? createCpuPool({ workers: config.PIPELINE_WORKERS, timeoutMs: config.PIPELINE_JOB_TIMEOUT_MS, memoryMb: config.PIPELINE_JOB_MEMORY_MB, logger })
      : createInlineCpu();
  const pipeline = createPipeline({ fetcher, summarizer, logger, cpu });
  const translator =
    config.TRANSLATE_URL && config.TRANSLATE_MODEL
      ? createTranslator({ url: config.TRANSLATE_URL, model: config.TRANSLATE_MODEL, apiKey: config.TRANSLATE_API_KEY, timeoutMs: config.TRANSLATE_TIMEOUT_MS, logger })
      : undefined;
  const regionsFor = (guildId: string) => guildRegions(db.prisma, guildId);
  const metrics = config.METRICS_PORT === undefined ? undefined : createMetrics({ logger });
  const news = createNewsService({
    prisma: db.prisma,
    pipeline,
    logger,
    now,
    clusterWindowHours: config.CLUSTER_WINDOW_HOURS,
    maxFailures: config.SOURCE_MAX_FAILURES,
    postsPerChannelHour: config.MAX_POSTS_PER_CHANNEL_HOUR,
    defaultPollMinutes: config.DEFAULT_POLL_MINUTES,
    allowFileUrls: config.ALLOW_FILE_SOURCES,
    membersReachPrivateNetworks: config.ALLOW_PRIVATE_NETWORKS_FOR_MEMBERS,
    storyEditsAcrossServers: config.STORY_EDITS_ACROSS_SERVERS,
    metrics,
  });
  // Hostname and pid say which process it is in logs and leases; the random part keeps two containers on host
  // networking (one hostname, both pid 1) from taking each other's leases as their own.
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const shards = config.SHARD_COUNT === undefined ? undefined : { count: config.SHARD_COUNT, ids: config.SHARD_IDS };
  // The processes running the other shards could not open the embedded database (one process at a time): said, since
  // those shards' servers would go unanswered. Not refused: a test, or one process of a pair started first, runs so.
  if (config.SHARD_IDS && shards && config.SHARD_IDS.length < shards.count && db.kind === 'pglite') {
    logger.warn({ shardIds: config.SHARD_IDS, shardCount: shards.count }, 'SHARD_IDS leaves shards to other processes, but those need a PostgreSQL server (DATABASE_URL): the embedded database opens in one process only');
  }
  // Processes that split the shards (SHARD_IDS) take turns to identify through the database they share.
  const takeIdentifySlot = config.SHARD_IDS ? (bucket: number) => takeSlot(db.prisma, bucket, holder) : undefined;
  // One grace for the whole stop: the bot's answers in flight and the scheduler's jobs are cut off together.
  const stopGraceMs = options.stopGraceMs ?? defaultStopGraceMs;
  const bot = createBot(
    { prisma: db.prisma, logger, config, news, now, regionsFor, metrics, translator, voteEditDelayMs: options.voteEditDelayMs },
    { token, apiUrl: config.DISCORD_API_URL, globalRequestsPerSecond: config.DISCORD_GLOBAL_RATE_LIMIT, applicationId: config.DISCORD_APPLICATION_ID, devGuildId: config.DISCORD_DEV_GUILD_ID, workerId: holder, registerCommands: options.registerCommands, claimTimeoutMs: config.DELIVERY_CLAIM_TIMEOUT_MS, holdForInteractionsMs: config.DELIVERY_HOLD_MS, shards, takeIdentifySlot, readyTimeoutMs: options.readyTimeoutMs, stopGraceMs },
  );
  // Served before logging in, so an orchestrator sees the process (503 until its shards are ready) during a long
  // start of many shards.
  const started: { scheduler?: Scheduler } = {};
  let metricsServer: MetricsServer | undefined;
  let shardLeases: ShardLeaseKeeper | undefined;
  try {
    if (metrics && config.METRICS_PORT !== undefined) {
      metrics.collectFrom({ dueFeeds: () => countDueFeeds(db.prisma, now()), outboxDepth: () => outboxDepth(db.prisma), clockOffsetSeconds: () => clock.offsetMs() / 1000 });
      const health = createHealth({
        database: databaseCheck(() => pingDatabase(db.prisma), { busy: () => (started.scheduler?.maintaining() ? 'the nightly database maintenance (VACUUM) is running' : undefined) }),
        shards: shardCheck(bot.client),
        scheduler: () => (started.scheduler ? schedulerCheck(started.scheduler.heartbeat(), now()) : { ok: false, detail: 'not started yet' }),
      });
      metricsServer = await startMetricsServer({ port: config.METRICS_PORT, metrics, health, logger });
    }
    await bot.start(options.stopSignal);
    // Once its shards are ready and its delivery worker runs: taken before logging in, the leases made the other
    // processes leave these guilds' posts to one still logging in (posting needs no gateway), and to one that never
    // got ready, restarting, for as long as it kept retrying.
    shardLeases = config.SHARD_IDS ? keepShardLeases({ prisma: db.prisma, shardIds: config.SHARD_IDS, holder, logger, now }) : undefined;
  } catch (error) {
    // The bot destroyed its client (or never logged in); what else holds the process open goes too.
    await shardLeases?.stop();
    await metricsServer?.close();
    await fetcher.close();
    await cpu.close();
    clockSync.stop();
    throw error;
  }
  const scheduler = (started.scheduler = startScheduler({
    prisma: db.prisma,
    news,
    logger,
    holder,
    now,
    onDeliveriesPlanned: () => bot.delivery.wake(),
    concurrency: ingestConcurrency(config.PIPELINE_WORKERS),
    runDigests: createDigestRunner({ prisma: db.prisma, client: bot.client, logger, now }),
    runSourceAlerts: createSourceAlertSender({ prisma: db.prisma, client: bot.client, logger, now }),
    startCron: options.schedule !== false,
    pollCron: config.POLL_CRON,
    pollClaimMs: config.POLL_CLAIM_TIMEOUT_MS,
    // Its downloads are cut off when the bot's answers are, the second left for those answers included (bot.ts).
    stopGraceMs: stopGraceMs - cutOffAnswerMs,
    clusterWindowHours: config.CLUSTER_WINDOW_HOURS,
    retentionDays: config.RETENTION_DAYS,
    metrics,
  }));
  const alerts = createAlertWorker({ prisma: db.prisma, client: bot.client, logger, now, regionsFor });
  if (options.schedule !== false) alerts.start();
  return {
    db,
    news,
    bot,
    scheduler,
    alerts,
    metrics,
    metricsServer,
    async stop() {
      // Order matters: no more scrapes or new polls, then finish the deliveries in flight, then close connections.
      // Members' commands in flight are finished (new ones refused) meanwhile, within the same grace period, so that
      // the stop still fits in a container's 10 s; the database they write to closes only after them. Downloads still
      // running after the grace period (a poll's, or a command's own read such as /source add's) are cut off before
      // the client goes, so that a command waiting on one can still tell the member ("Gazette is stopping…").
      await metricsServer?.close();
      const answered = bot.stopAnswering();
      // No new batch of posts from now on; the one in flight has the grace (bot.stop waits for the same).
      const delivered = bot.delivery.stop(stopGraceMs);
      // Alerts too, at once: asked after the scheduler's wait for a poll, its rounds went on claiming DMs meanwhile.
      const alerted = alerts.stop(stopGraceMs);
      await scheduler.stop();
      await alerted;
      await answered;
      await delivered;
      await fetcher.close();
      await bot.stop();
      await shardLeases?.stop();
      await cpu.close();
      clockSync.stop();
      await finishStoring(db.prisma);
      if (!options.db) await db.close();
    },
  };
}
