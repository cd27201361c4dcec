// The nightly maintenance (VACUUM, pruning) must run once a day in one process, even when the bot was not running,
// or was busy, at 04:00: PGlite has no autovacuum, and a bot that never runs at night would otherwise never get it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { Database } from '../../../src/db/client.js';
import { claimDailyRun, finishDailyRun } from '../../../src/db/leases.js';
import { recordSiteWait } from '../../../src/db/site-waits.js';
import type { NewsService } from '../../../src/ingest/types.js';
import { startScheduler } from '../../../src/scheduler/scheduler.js';
import { createTestDatabase } from '../../helpers/db.js';

const hours = (n: number) => n * 3_600_000;

describe('the daily maintenance', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('is claimed at 04:00 once its last run is 12 hours old, at other hours once it is 26 hours old', async () => {
    const key = 'maintenance:claim-test';
    const t0 = new Date('2026-03-01T10:00:00Z');
    const at = (h: number) => new Date(t0.getTime() + hours(h));
    expect(await claimDailyRun(db.prisma, key, 'a', t0, false)).toBe(true); // never run: any hour will do
    expect(await claimDailyRun(db.prisma, key, 'b', at(0.5), false)).toBe(false); // running
    await finishDailyRun(db.prisma, key, 'a', t0);
    expect(await claimDailyRun(db.prisma, key, 'a', at(1), false)).toBe(false); // the same process, an hour later
    expect(await claimDailyRun(db.prisma, key, 'b', at(11), true)).toBe(false);
    expect(await claimDailyRun(db.prisma, key, 'b', at(21), false)).toBe(false);
    expect(await claimDailyRun(db.prisma, key, 'b', at(21), true)).toBe(true);
    await finishDailyRun(db.prisma, key, 'b', at(21));
    expect(await claimDailyRun(db.prisma, key, 'a', at(21 + 25), false)).toBe(false);
    expect(await claimDailyRun(db.prisma, key, 'a', at(21 + 27), false)).toBe(true);
  });

  // After a night the bot was down, it ran at 09:00; the next night's 04:00 takes it back, 19 hours on. With 20
  // hours needed it ran at 11:00 the next day, then 13:00, …, through the daytime for about ten days.
  it('goes back to 04:00 the night after a run at another hour', async () => {
    const key = 'maintenance:drift';
    const nine = new Date('2026-03-02T09:00:00Z');
    expect(await claimDailyRun(db.prisma, key, 'a', nine, false)).toBe(true);
    await finishDailyRun(db.prisma, key, 'a', nine);
    const fourNextNight = new Date('2026-03-03T04:00:00Z');
    expect(await claimDailyRun(db.prisma, key, 'a', fourNextNight, true)).toBe(true);
  });

  it('is tried again at the next hour when a run never finished (it failed, or a restart cut it off)', async () => {
    const key = 'maintenance:unfinished';
    const t0 = new Date('2026-03-01T04:00:00Z');
    expect(await claimDailyRun(db.prisma, key, 'a', t0, true)).toBe(true); // and then the process died
    expect(await claimDailyRun(db.prisma, key, 'b', new Date(t0.getTime() + hours(1)), false)).toBe(true);
  });

  it('runs once across two processes ticking every second, and again when a day has passed without it', { timeout: 90_000 }, async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const done = () => lines.filter((l) => l.includes('database maintenance done')).length;
    // 10:00 local time: not the preferred hour, so only "26 hours without it" can start a run.
    let clock = new Date(2026, 2, 1, 10, 0, 0);
    // Each maintenance tick that runs (one process per slot) reads the clock once, first thing: how many ticks ran.
    let ticks = 0;
    const now = () => {
      ticks++;
      return clock;
    };
    const news = {} as NewsService;
    // A site's wait over an hour ago, and one going on: the run forgets the first and keeps the second.
    await recordSiteWait(db.prisma, 'over.example', new Date(clock.getTime() - hours(1)));
    await recordSiteWait(db.prisma, 'waiting.example', new Date(clock.getTime() + hours(1)));
    const schedulers = ['process-a', 'process-b'].map((holder) =>
      startScheduler({ prisma: db.prisma, news, logger, holder, onDeliveriesPlanned: () => {}, now, pollCron: '0 0 0 1 1 *', maintenanceCron: '* * * * * *' }),
    );
    let stopped = false;
    try {
      const until = async (check: () => boolean, what: string) => {
        const deadline = Date.now() + 20_000;
        while (!check()) {
          if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (${done()} runs, ${ticks} clock reads)`);
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      await until(() => done() >= 1, 'the first run');
      // Two more ticks, each one refused: the run holds until 26 hours after it.
      const afterFirst = ticks;
      await until(() => ticks >= afterFirst + 2, 'two more ticks');
      expect(done()).toBe(1);
      expect((await db.prisma.siteWait.findMany({ orderBy: { host: 'asc' } })).map((w) => w.host)).toEqual(['waiting.example']);
      clock = new Date(clock.getTime() + hours(27));
      await until(() => done() >= 2, 'the run a day later');
      const afterSecond = ticks;
      await until(() => ticks >= afterSecond + 2, 'two more ticks');
      // Stopped, the processes have finished any run they began: one begun by a tick that should have been refused
      // would be counted now.
      await Promise.all(schedulers.map((s) => s.stop()));
      stopped = true;
      expect(done()).toBe(2);
    } finally {
      if (!stopped) await Promise.all(schedulers.map((s) => s.stop()));
    }
  });
});
