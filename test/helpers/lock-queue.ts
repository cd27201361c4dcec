// Races that need two connections, made to happen every time. On a PostgreSQL server (`scripts/with-postgres.sh npx
// vitest run <file>`) another transaction holds what `hold` locks while `first` starts and waits on it, then
// `second` starts (and waits too if it must): `second` has begun, its reads done, before `first` commits. The
// embedded database runs one transaction at a time, so there the two simply run one after the other, and a test
// expects the same outcome from both.
import { expect } from 'vitest';
import type { Database } from '../../src/db/client.js';
import type { Tx } from '../../src/db/tx.js';

async function lockWaiters(db: Database): Promise<number> {
  const [row] = await db.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`;
  return row!.n;
}

const tick = () => new Promise((r) => setTimeout(r, 25));

/** Until `count` transactions of this database wait on a lock (PostgreSQL server); fails after 10 s. */
export async function untilLockWaiters(db: Database, count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (let n = await lockWaiters(db); n < count; n = await lockWaiters(db)) {
    if (Date.now() > deadline) throw new Error(`${n} of ${count} transactions waiting on locks after 10 s`);
    await tick();
  }
}

/**
 * Runs `hold` in a transaction of its own and keeps it open, its locks held, until the returned `release` is called
 * (which waits for that transaction to end).
 */
export async function holdInAnotherTransaction(db: Database, hold: (tx: Tx) => Promise<unknown>): Promise<() => Promise<void>> {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let held!: () => void;
  const holding = new Promise<void>((r) => (held = r));
  const holder = db.prisma.$transaction(async (tx) => (await hold(tx), held(), await released), { timeout: 30_000 });
  await holding;
  return async () => {
    release();
    await holder;
  };
}

export async function queuedBehindLock<A, B>(db: Database, hold: (tx: Tx) => Promise<unknown>, first: () => Promise<A>, second: () => Promise<B>): Promise<[PromiseSettledResult<A>, PromiseSettledResult<B>]> {
  if (db.kind !== 'postgres') return [await settle(first()), await settle(second())];
  const release = await holdInAnotherTransaction(db, hold);
  const a = settle(first());
  for (let i = 0; i < 200 && (await lockWaiters(db)) < 1; i++) await tick();
  expect(await lockWaiters(db)).toBe(1);
  const b = settle(second());
  // `second` waits too, unless nothing stands in its way (then it may be done already).
  let done = false;
  void b.then(() => (done = true));
  for (let i = 0; i < 200 && !done && (await lockWaiters(db)) < 2; i++) await tick();
  await release();
  return [await a, await b];
}

function settle<T>(p: Promise<T>): Promise<PromiseSettledResult<T>> {
  return p.then(
    (value) => ({ status: 'fulfilled', value }),
    (reason: unknown) => ({ status: 'rejected', reason }),
  );
}
