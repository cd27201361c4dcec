// The measured part of `npm run bench -- pipeline` (bench/pipeline.ts starts it): compiled with the bot (it is in
// tsconfig.build.json) and run as `npm start` runs the bot, with its V8 and malloc settings, so that the CPU time and
// peak memory it reports are the bot's own, not tsx's (through tsx the same run held ~50 MB more and compiled
// TypeScript in the worker too). Arguments: the news server's origin, the number of articles it serves, feeds, and
// the pipeline's worker threads ('' for PIPELINE_WORKERS), and a data directory to start from a copy of ('' for a new
// one). Prints one JSON line.
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { recordFetchSuccess } from '../../src/db/feeds.js';
import { addSource } from '../../src/db/sources.js';
import { createNewsService } from '../../src/ingest/news-service.js';
import { silentLogger } from '../../src/logger.js';
import { createCpuPool, createFetcher, createPipeline, createSummarizer } from '../../src/pipeline/orchestrator.js';
import { ingestConcurrency, startScheduler } from '../../src/scheduler/scheduler.js';

const [origin, total, feedCount, workerCount, from] = process.argv.slice(2);
const feeds = Number(feedCount);

// A data directory on disk, as `npm start` uses (an in-memory PGlite would also hold its write-ahead log in RAM),
// created and migrated by `npm run db:migrate` in its own process: creating a database (initdb) is a one-off
// that would otherwise dominate this process's peak memory.
const dataDir = await mkdtemp(join(tmpdir(), 'gazette-bench-'));
if (from) await cp(from, dataDir, { recursive: true, filter: (path) => !path.endsWith('.gazette.lock') });
const config = loadConfig();
if (!config.DATABASE_URL) {
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/db-migrate.ts'], { env: { ...process.env, DATA_DIR: dataDir }, stdio: 'ignore' });
}
const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir, cacheMb: config.DATA_CACHE_MB });
// The cache the embedded database started with: DATA_CACHE_MB, or sized to the data when unset (embedded-cache.ts).
const cacheMb = db.kind === 'pglite' ? parseInt((await db.prisma.$queryRawUnsafe<{ shared_buffers: string }[]>('SHOW shared_buffers'))[0]!.shared_buffers, 10) : undefined;
// A database started --from another has feeds of its own: not due in this run, which polls the bench's feeds alone.
await db.prisma.feed.updateMany({ data: { nextFetchAt: new Date(Date.now() + 86_400_000) } });
for (let f = 0; f < feeds; f++) {
  const source = await addSource(db.prisma, { guildId: '100000000000000001', actorId: 'bench', url: `${origin}/feed-${f}.xml`, kind: 'feed', channelId: '200000000000000001', intervalMinutes: 15 });
  // As if fetched before: everything in the feeds now is new and goes through the whole pipeline.
  await recordFetchSuccess(db.prisma, source.feedId, new Date(), { seenKeys: [], nextFetchAt: new Date() });
}
const fetcher = createFetcher({ timeoutMs: 20_000, connectTimeoutMs: 5_000, maxBytes: 5 << 20, maxRedirects: 5, perHost: 2, allowPrivateNetworks: true, allowFileUrls: false });
const workers = workerCount ? Number(workerCount) : config.PIPELINE_WORKERS;
const pool = workers > 0 ? createCpuPool({ workers, timeoutMs: config.PIPELINE_JOB_TIMEOUT_MS, memoryMb: config.PIPELINE_JOB_MEMORY_MB }) : undefined;
const pipeline = createPipeline({ fetcher, summarizer: createSummarizer(), logger: silentLogger, cpu: pool });
const news = createNewsService({
  prisma: db.prisma,
  pipeline,
  logger: silentLogger,
  clusterWindowHours: 72,
  maxFailures: 5,
  defaultPollMinutes: 15,
  maxItemsPerFetch: 1000,
});
const scheduler = startScheduler({ prisma: db.prisma, news, logger: silentLogger, holder: 'bench', onDeliveriesPlanned: () => {}, startCron: false, feedsPerPoll: feeds, concurrency: ingestConcurrency(workers) });

// The bot starts its workers when it starts, long before a poll: the clock starts once they have loaded the pipeline's
// code, as it starts after this process has loaded its own.
await pool?.run('discover', { html: '<html></html>', url: origin! });
// What this run adds (a database started --from another holds rows already).
const counts = async () => Promise.all([db.prisma.article.count(), db.prisma.story.count(), db.prisma.delivery.count()]);
const before = await counts();
const cpu0 = process.cpuUsage();
const started = performance.now();
await scheduler.pollOnce();
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpu0);
const [stored, stories, deliveries] = (await counts()).map((n, i) => n - before[i]!) as [number, number, number];
const result = {
  task: 'pipeline',
  articles: Number(total),
  stored,
  stories,
  deliveries,
  seconds: Number(seconds.toFixed(2)),
  articlesPerSecond: Number((stored / seconds).toFixed(1)),
  cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
  articlesPerCpuSecond: Number((stored / ((cpu.user + cpu.system) / 1e6)).toFixed(1)),
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  database: db.kind,
  workers,
  ...(cacheMb !== undefined ? { cacheMb } : {}),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
await fetcher.close();
await scheduler.stop();
await pool?.close();
await db.close();
await rm(dataDir, { recursive: true, force: true });
