// node-cron's RunCoordinator backed by the database: node-cron asks before each run with a key naming the task
// and its time slot, and exactly one process sharing the database gets a yes.
import type { RunCoordinator } from 'node-cron';
import type { Prisma } from '../db/client.js';
import { tryAcquireLease } from '../db/leases.js';

export function databaseRunCoordinator(prisma: Prisma, holder: string, now: () => Date = () => new Date()): RunCoordinator {
  return {
    shouldRun: (key, ttlMs) => tryAcquireLease(prisma, key, holder, ttlMs, now()),
    // The lease stays until it expires: a slower process that reaches the same slot later must still see it taken.
  };
}
