// Two processes' worth of node-cron tasks sharing one database: each time slot runs in exactly one of them.
import cron from 'node-cron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client.js';
import { databaseRunCoordinator } from '../../../src/scheduler/run-coordinator.js';
import { createTestDatabase } from '../../helpers/db.js';

describe('database run coordinator', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('lets one of two schedulers run each slot of a distributed task', async () => {
    const runs: { holder: string; slot: string }[] = [];
    const tasks = ['process-a', 'process-b'].map((holder) =>
      cron.schedule('* * * * * *', (ctx) => void runs.push({ holder, slot: ctx.date.toISOString() }), {
        name: 'poll-feeds',
        noOverlap: true,
        distributed: true,
        runCoordinator: databaseRunCoordinator(db.prisma, holder),
        distributedLease: 60_000,
      }),
    );
    // Until three slots have run, however slowly the machine ticks (a fixed sleep could see too few), with a deadline.
    const slotsRun = () => new Set(runs.map((r) => r.slot)).size;
    const deadline = Date.now() + 20_000;
    try {
      while (slotsRun() < 3) {
        if (Date.now() > deadline) throw new Error(`only ${slotsRun()} slots ran in 20 s`);
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      await Promise.all(tasks.map((t) => t.destroy()));
    }
    const slots = new Set(runs.map((r) => r.slot));
    expect(runs).toHaveLength(slots.size); // never two runs for one slot
  });
});
