// The scheduler's side of health and metrics with a real database: the poll job's heartbeat in two processes that
// share the database (both tick, though each slot runs in one), and poll lag observed when due feeds are claimed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client.js';
import { addSource } from '../../../src/db/sources.js';
import type { IngestReport, NewsService } from '../../../src/ingest/types.js';
import { silentLogger } from '../../../src/logger.js';
import { pingDatabase } from '../../../src/db/health.js';
import { createHealth, databaseCheck, schedulerCheck } from '../../../src/metrics/health.js';
import { createMetrics } from '../../../src/metrics/metrics.js';
import { nearestHour, startScheduler, type Scheduler } from '../../../src/scheduler/scheduler.js';
import { createTestDatabase } from '../../helpers/db.js';

/** Ingests nothing, and remembers which feeds it was asked to ingest. */
function recordingNews(ingested: number[]): NewsService {
  const ingestFeed = async (feedId: number): Promise<IngestReport> => {
    ingested.push(feedId);
    return { feedId, status: 'ok', newArticles: 0, duplicates: 0, newStories: 0, deliveries: 0, newPosts: [], problems: [] };
  };
  return { ingestFeed } as Partial<NewsService> as NewsService;
}

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('scheduler heartbeat and poll lag', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('beats on every tick of the poll job in each process, elected or not, and is healthy until two ticks are missed', async () => {
    const schedulers: Scheduler[] = ['process-a', 'process-b'].map((holder) =>
      startScheduler({ prisma: db.prisma, news: recordingNews([]), logger: silentLogger, holder, onDeliveriesPlanned: () => {}, pollCron: '* * * * * *' }),
    );
    try {
      const first = schedulers.map((s) => s.heartbeat()!.lastTickAt.getTime());
      await until(() => schedulers.every((s, i) => s.heartbeat()!.lastTickAt.getTime() > first[i]!), 'both processes to tick');
      for (const s of schedulers) {
        const beat = s.heartbeat()!;
        // Every second: the deadline is the second tick after the last one.
        const allowance = beat.deadline.getTime() - beat.lastTickAt.getTime();
        expect(allowance).toBeGreaterThan(1000);
        expect(allowance).toBeLessThanOrEqual(2000);
        expect(schedulerCheck(beat, beat.lastTickAt).ok).toBe(true);
        expect(schedulerCheck(beat, new Date(beat.deadline.getTime() + 1)).ok).toBe(false);
      }
    } finally {
      await Promise.all(schedulers.map((s) => s.stop()));
    }
  });

  // The scheduler's clock is the database's (ADR 30); node-cron counts its next ticks on the host's. A host 45 s behind
  // the database put every deadline 45 s before the last tick, and /healthz failed most of the time.
  it('puts the deadline on its own clock when the host clock differs from the database’s', async () => {
    const scheduler = startScheduler({ prisma: db.prisma, news: recordingNews([]), logger: silentLogger, holder: 'skewed', onDeliveriesPlanned: () => {}, pollCron: '* * * * * *', now: () => new Date(Date.now() + 45_000) });
    try {
      const beat = scheduler.heartbeat()!;
      const allowance = beat.deadline.getTime() - beat.lastTickAt.getTime();
      expect(allowance).toBeGreaterThan(1000);
      expect(allowance).toBeLessThanOrEqual(2100);
      expect(schedulerCheck(beat, beat.lastTickAt).ok).toBe(true);
    } finally {
      await scheduler.stop();
    }
  });

  it('fails once a poll has run longer than its claim on feeds, though the cron still ticks over it', async () => {
    // A poll stuck for good: its ingest waits on something that never answers (released at the end of the test).
    let release = () => {};
    const stuck = new Promise<void>((resolve) => (release = resolve));
    const started: number[] = [];
    const news = {
      ingestFeed: async (feedId: number) => {
        started.push(feedId);
        await stuck;
        return { feedId, status: 'ok', newArticles: 0, duplicates: 0, newStories: 0, deliveries: 0, newPosts: [], problems: [] };
      },
    } as Partial<NewsService> as NewsService;
    await addSource(db.prisma, { guildId: '310000000000000003', actorId: '310000000000000003', url: 'https://example.org/stuck.xml', kind: 'feed', channelId: '310000000000000004', intervalMinutes: 15 });
    const claimMs = 3_000;
    const scheduler = startScheduler({ prisma: db.prisma, news, logger: silentLogger, holder: 'stuck', onDeliveriesPlanned: () => {}, pollCron: '* * * * * *', pollClaimMs: claimMs, stopGraceMs: 50 });
    try {
      await until(() => started.length > 0, 'the poll to start');
      // Within its claim the poll is healthy, even past the deadline of the tick that started it. Judged as of just
      // past that deadline (once it has really passed), not as of whenever this wakes: on a loaded machine a late
      // wake-up could land past the claim too. The tick's deadline is at most 2 s after the poll began (the tick
      // beats before its job runs), so that moment is always inside the 3 s claim.
      let beat = scheduler.heartbeat()!;
      await until(() => Date.now() > (beat = scheduler.heartbeat()!).deadline.getTime() + 100, 'the tick deadline to pass');
      const pastDeadline = new Date(beat.deadline.getTime() + 100);
      expect(beat.poll).toMatchObject({ limitMs: claimMs });
      expect(pastDeadline.getTime() - beat.poll!.movedAt.getTime()).toBeLessThan(claimMs);
      expect(schedulerCheck(beat, pastDeadline)).toMatchObject({ ok: true });
      // Standing still past its claim, by the real clock: a wait only ever ends late, so this cannot come too early.
      await until(() => Date.now() > beat.poll!.movedAt.getTime() + claimMs + 100, 'the claim time to pass');
      const verdict = schedulerCheck(scheduler.heartbeat(), new Date());
      expect(verdict.ok).toBe(false);
      expect(verdict.detail).toContain('made no progress since');
    } finally {
      await scheduler.stop();
      release();
    }
  });

  it('fails when its job cannot take the poll’s lease, though the cron ticks and the database answers', async () => {
    // The lease is taken by a query the database refuses (as a read-only standby or a full disk would).
    const refusing = new Proxy(db.prisma, {
      get: (target, name) => (name === '$queryRaw' ? () => Promise.reject(new Error('cannot execute INSERT in a read-only transaction')) : Reflect.get(target, name)),
    });
    const scheduler = startScheduler({ prisma: refusing, news: recordingNews([]), logger: silentLogger, holder: 'read-only', onDeliveriesPlanned: () => {}, pollCron: '* * * * * *' });
    try {
      const deadline = scheduler.heartbeat()!.deadline.getTime();
      await until(() => Date.now() > deadline + 1_100, 'a tick past the first deadline');
      expect(schedulerCheck(scheduler.heartbeat(), new Date()).ok).toBe(false);
    } finally {
      await scheduler.stop();
    }
  });

  it('has no heartbeat without a cron (polls on demand)', () => {
    const scheduler = startScheduler({ prisma: db.prisma, news: recordingNews([]), logger: silentLogger, holder: 'x', onDeliveriesPlanned: () => {}, startCron: false });
    expect(scheduler.heartbeat()).toBeUndefined();
  });

  it('observes how long each claimed feed waited past its due time', async () => {
    const now = new Date('2025-07-10T12:00:00Z');
    const guildId = '310000000000000001';
    const feeds = [];
    for (const [i, waited] of [90, 400].entries()) {
      const source = await addSource(db.prisma, { guildId, actorId: guildId, url: `https://example.org/lag-${i}.xml`, kind: 'feed', channelId: '310000000000000002', intervalMinutes: 15 });
      await db.prisma.feed.update({ where: { id: source.feedId }, data: { nextFetchAt: new Date(now.getTime() - waited * 1000) } });
      feeds.push(source.feedId);
    }
    const metrics = createMetrics({ logger: silentLogger, defaultMetrics: false });
    const ingested: number[] = [];
    const scheduler = startScheduler({ prisma: db.prisma, news: recordingNews(ingested), logger: silentLogger, holder: 'x', onDeliveriesPlanned: () => {}, startCron: false, now: () => now, metrics });
    expect(await scheduler.pollOnce()).toBe(2);
    expect(ingested.sort()).toEqual(feeds.sort());
    const { body } = await metrics.scrape();
    expect(body).toContain('gazette_poll_lag_seconds_count 2\n');
    expect(body).toContain('gazette_poll_lag_seconds_sum 490\n');
    expect(body).toContain('gazette_poll_lag_seconds_bucket{le="120"} 1\n');
    // Claimed now: nothing is due until the claim runs out.
    expect(await scheduler.pollOnce()).toBe(0);
    expect((await metrics.scrape()).body).toContain('gazette_poll_lag_seconds_count 2\n');
  });

  it('counts a feed claimed late in a long poll as waiting until it was claimed', async () => {
    let clock = new Date('2025-07-01T12:00:00Z').getTime();
    const guildId = '310000000000000003';
    for (const [i, waited] of [400, 90].entries()) {
      const source = await addSource(db.prisma, { guildId, actorId: guildId, url: `https://example.org/late-${i}.xml`, kind: 'feed', channelId: '310000000000000004', intervalMinutes: 15 });
      await db.prisma.feed.update({ where: { id: source.feedId }, data: { nextFetchAt: new Date(clock - waited * 1000) } });
    }
    const metrics = createMetrics({ logger: silentLogger, defaultMetrics: false });
    // One feed at a time, each read taking five minutes: the second is claimed five minutes into the poll.
    const slow = { ingestFeed: async (feedId: number) => ((clock += 300_000), { feedId, status: 'ok', newArticles: 0, duplicates: 0, newStories: 0, deliveries: 0, newPosts: [], problems: [] }) } as Partial<NewsService> as NewsService;
    const scheduler = startScheduler({ prisma: db.prisma, news: slow, logger: silentLogger, holder: 'x', onDeliveriesPlanned: () => {}, startCron: false, now: () => new Date(clock), metrics, concurrency: 1 });
    expect(await scheduler.pollOnce()).toBe(2);
    const { body } = await metrics.scrape();
    expect(body).toContain('gazette_poll_lag_seconds_count 2\n');
    expect(body).toContain('gazette_poll_lag_seconds_sum 790\n');
  });

  it('calls the embedded database busy, not down, while the nightly maintenance holds it', async () => {
    // A transaction held open stands for the VACUUM: the embedded database runs one statement at a time.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const holding = new Promise<void>((resolve) => (entered = resolve));
    const held = db.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1`;
      entered();
      await released;
    }, { timeout: 30_000 });
    await holding;
    let maintaining = true;
    const health = createHealth({ database: databaseCheck(() => pingDatabase(db.prisma), { busy: () => (maintaining ? 'maintenance' : undefined), patienceMs: 300 }) }, { timeoutMs: 1_000 });
    try {
      expect(await health.run()).toMatchObject({ ok: true, checks: { database: { ok: true, detail: 'busy: maintenance' } } });
      maintaining = false;
      expect(await health.run()).toMatchObject({ ok: false, failed: ['database'] });
    } finally {
      release();
      await held;
    }
    expect(await health.run()).toMatchObject({ ok: true, checks: { database: { ok: true } } });
  });

  it('takes a tick a moment before 04:00 on the database’s clock for the maintenance hour', () => {
    expect(nearestHour(new Date(2026, 11, 7, 3, 59, 59, 990))).toBe(4);
    expect(nearestHour(new Date(2026, 11, 7, 4, 0, 0, 20))).toBe(4);
    expect(nearestHour(new Date(2026, 11, 7, 3, 0, 0, 0))).toBe(3);
  });
});
