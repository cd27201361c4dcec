// The operator's port with real parts: a real HTTP server on a free port, a real (PGlite) database behind the
// database check and the scrape-time gauges. Time in the scheduler check is a clock the test sets, not a wait.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client.js';
import { countDueFeeds, outboxDepth, pingDatabase } from '../../../src/db/health.js';
import { addSource } from '../../../src/db/sources.js';
import { silentLogger } from '../../../src/logger.js';
import { createHealth, databaseCheck, schedulerCheck, type SchedulerHeartbeat } from '../../../src/metrics/health.js';
import { startMetricsServer, type MetricsServer } from '../../../src/metrics/metrics-server.js';
import { createMetrics, type Metrics } from '../../../src/metrics/metrics.js';
import { createTestDatabase } from '../../helpers/db.js';

const guildId = '300000000000000001';
const channelId = '300000000000000002';

/** One sample of a metric in exposition text, e.g. sample(text, 'gazette_outbox_depth{kind="post"}'). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('metrics server with a real database', () => {
  let db: Database;
  let metrics: Metrics;
  let server: MetricsServer;
  let now = new Date('2025-07-10T12:00:00Z');
  let heartbeat: SchedulerHeartbeat = { lastTickAt: now, deadline: new Date(now.getTime() + 60_000) };
  const get = (path: string) => fetch(`${server.origin}${path}`);

  beforeAll(async () => {
    db = await createTestDatabase();
    metrics = createMetrics({ logger: silentLogger });
    metrics.collectFrom({ dueFeeds: () => countDueFeeds(db.prisma, new Date()), outboxDepth: () => outboxDepth(db.prisma) });
    const health = createHealth({
      database: databaseCheck(() => pingDatabase(db.prisma)),
      shards: () => ({ ok: true, detail: 'shards 0 of 1 ready' }),
      scheduler: () => schedulerCheck(heartbeat, now),
    });
    server = await startMetricsServer({ port: 0, host: '127.0.0.1', metrics, health, logger: silentLogger });
  });
  afterAll(async () => {
    await server.close();
    await db.close().catch(() => {}); // closed already by the last test
  });

  it('answers /healthz with 200 and each check while everything is well', async () => {
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { status: string; failed: string[]; checks: Record<string, { ok: boolean }> };
    expect(body).toMatchObject({ status: 'ok', failed: [], checks: { database: { ok: true }, shards: { ok: true }, scheduler: { ok: true } } });
  });

  it('serves the Prometheus text with the counts made and gauges read from the database', async () => {
    const source = await addSource(db.prisma, { guildId, actorId: guildId, url: 'https://example.org/feed.xml', kind: 'feed', channelId, intervalMinutes: 15 });
    await db.prisma.feed.update({ where: { id: source.feedId }, data: { nextFetchAt: new Date(Date.now() - 60_000) } });
    const story = await db.prisma.story.create({ data: { title: 'Talks resume', summary: 'Talks resume.' } });
    await db.prisma.delivery.create({ data: { storyId: story.id, guildId, channelId, nonce: 'metrics-1' } });
    await db.prisma.delivery.create({ data: { storyId: story.id, guildId, channelId: '300000000000000003', nonce: 'metrics-2', status: 'posted', editDueAt: new Date() } });

    metrics.observePollLag(42);
    metrics.countFetch('ok');
    metrics.countFetch('timeout');
    metrics.countArticlesStored(3);
    metrics.countDelivery('post', 'sent');
    metrics.countDelivery('edit', 'failed');
    metrics.countDiscord429('user');
    metrics.countRateLimitWait(false);
    metrics.observeInteraction('news search', 0.08);

    const res = await get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(sample(text, 'gazette_poll_lag_seconds_count')).toBe(1);
    expect(sample(text, 'gazette_poll_lag_seconds_bucket{le="60"}')).toBe(1);
    expect(sample(text, 'gazette_poll_lag_seconds_bucket{le="30"}')).toBe(0);
    expect(sample(text, 'gazette_due_feeds')).toBe(1);
    expect(sample(text, 'gazette_feed_fetches_total{result="ok"}')).toBe(1);
    expect(sample(text, 'gazette_feed_fetches_total{result="not-modified"}')).toBe(0);
    expect(sample(text, 'gazette_feed_fetches_total{result="timeout"}')).toBe(1);
    expect(sample(text, 'gazette_articles_stored_total')).toBe(3);
    expect(sample(text, 'gazette_outbox_depth{kind="post"}')).toBe(1);
    expect(sample(text, 'gazette_outbox_depth{kind="edit"}')).toBe(1);
    expect(sample(text, 'gazette_deliveries_sent_total{action="post"}')).toBe(1);
    expect(sample(text, 'gazette_deliveries_sent_total{action="edit"}')).toBe(0);
    expect(sample(text, 'gazette_deliveries_failed_total{action="edit"}')).toBe(1);
    expect(sample(text, 'gazette_discord_429_total{scope="user"}')).toBe(1);
    expect(sample(text, 'gazette_discord_rate_limit_waits_total{global="false"}')).toBe(1);
    expect(sample(text, 'gazette_interaction_duration_seconds_bucket{le="0.1",command="news search"}')).toBe(1);
    expect(sample(text, 'gazette_interaction_duration_seconds_bucket{le="0.05",command="news search"}')).toBe(0);
    expect(text).toContain('# TYPE gazette_discord_shard_ping_seconds gauge');
    // Node's default metrics, event-loop delay among them.
    expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
    expect(text).toContain('# TYPE nodejs_eventloop_lag_p99_seconds gauge');
    expect(text).toContain('# TYPE process_cpu_seconds_total counter');
  });

  it('answers 404 for other paths and 405 for other methods', async () => {
    expect((await get('/')).status).toBe(404);
    expect((await fetch(`${server.origin}/metrics`, { method: 'POST' })).status).toBe(405);
  });

  it('turns /healthz to 503 naming the scheduler once its poll job missed two ticks', async () => {
    heartbeat = { lastTickAt: new Date('2025-07-10T12:00:00Z'), deadline: new Date('2025-07-10T12:01:00Z') };
    now = new Date('2025-07-10T12:01:00Z');
    expect((await get('/healthz')).status).toBe(200); // exactly at the deadline: still healthy
    now = new Date('2025-07-10T12:01:01Z');
    const res = await get('/healthz');
    expect(res.status).toBe(503);
    const body = (await res.json()) as { status: string; failed: string[]; checks: Record<string, { ok: boolean; detail?: string }> };
    expect(body.status).toBe('failing');
    expect(body.failed).toEqual(['scheduler']);
    expect(body.checks.scheduler!.detail).toMatch(/no tick since 2025-07-10T12:00:00.000Z/);
    expect(body.checks.database!.ok).toBe(true);
    heartbeat = { lastTickAt: now, deadline: new Date(now.getTime() + 60_000) };
    expect((await get('/healthz')).status).toBe(200);
  });

  it('turns /healthz to 503 naming the database when it stops answering, and still serves /metrics', async () => {
    await db.close();
    const res = await get('/healthz');
    expect(res.status).toBe(503);
    const body = (await res.json()) as { failed: string[]; checks: Record<string, { ok: boolean; detail?: string }> };
    expect(body.failed).toEqual(['database']);
    expect(body.checks.database!.detail).toBeTruthy();
    const scrape = await get('/metrics');
    expect(scrape.status).toBe(200);
    const text = await scrape.text();
    // The database gauges say they do not know this time; the counters are still there.
    expect(sample(text, 'gazette_due_feeds')).toBeNaN();
    expect(sample(text, 'gazette_outbox_depth{kind="post"}')).toBeUndefined();
    expect(sample(text, 'gazette_articles_stored_total')).toBe(3);
  });
});

describe('health checks and metric labels', () => {
  it('fails a check that throws or does not answer in time, with the reason', async () => {
    const health = createHealth(
      {
        fine: () => ({ ok: true }),
        broken: () => {
          throw new Error('connection refused');
        },
        stuck: () => new Promise(() => {}),
      },
      { timeoutMs: 50 },
    );
    const report = await health.run();
    expect(report.ok).toBe(false);
    expect(report.failed.sort()).toEqual(['broken', 'stuck']);
    expect(report.checks.broken).toEqual({ ok: false, detail: 'connection refused' });
    expect(report.checks.stuck!.detail).toMatch(/no answer within 50 ms/);
  });

  it('passes the scheduler check when no cron runs (polls on demand)', () => {
    expect(schedulerCheck(undefined, new Date()).ok).toBe(true);
  });

  it('keeps the interaction histogram to a bounded set of command labels', async () => {
    const metrics = createMetrics({ logger: silentLogger, defaultMetrics: false });
    for (let i = 0; i < 210; i++) metrics.observeInteraction(`command ${i}`, 0.01);
    const { body } = await metrics.scrape();
    expect(sample(body, 'gazette_interaction_duration_seconds_count{command="command 199"}')).toBe(1);
    expect(sample(body, 'gazette_interaction_duration_seconds_count{command="command 200"}')).toBeUndefined();
    expect(sample(body, 'gazette_interaction_duration_seconds_count{command="other"}')).toBe(10);
  });
});
