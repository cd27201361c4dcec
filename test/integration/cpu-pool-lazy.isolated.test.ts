// The pipeline's worker pool starts its threads with the work, not with the pool: the bot's start does not pay for a
// loaded worker (~35–50 MB) before its first poll, and a worker ended with nothing queued is replaced by the next job.
import type * as WorkerThreads from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { createCpuPool, type CpuRunner } from '../../src/pipeline/orchestrator.js';

// Counts the worker threads the pool creates; they are real threads.
const started = vi.hoisted(() => ({ count: 0 }));
vi.mock('node:worker_threads', async (importOriginal) => {
  const real = await importOriginal<typeof WorkerThreads>();
  class CountedWorker extends real.Worker {
    constructor(...args: ConstructorParameters<typeof real.Worker>) {
      super(...args);
      started.count++;
    }
  }
  return { ...real, Worker: CountedWorker };
});

const discover = (pool: CpuRunner) => pool.run('discover', { html: '<html></html>', url: 'https://site.example/' });

describe('pipeline worker pool start', () => {
  let pool: CpuRunner | undefined;
  afterEach(async () => {
    delete process.env.GAZETTE_WORKER_TEST_HOOKS;
    await pool?.close();
    started.count = 0;
  });

  it('starts no worker until a job comes, then only as many as there are jobs', async () => {
    pool = createCpuPool({ workers: 2, timeoutMs: 10_000, memoryMb: 128, logger: silentLogger });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(started.count).toBe(0);
    expect(await discover(pool)).toBeInstanceOf(Array);
    expect(started.count).toBe(1);
    expect(await discover(pool)).toBeInstanceOf(Array); // the idle worker takes it
    expect(started.count).toBe(1);
    await Promise.all([discover(pool), discover(pool)]);
    expect(started.count).toBe(2);
  }, 30_000);

  it('replaces an ended worker when the next job comes', async () => {
    process.env.GAZETTE_WORKER_TEST_HOOKS = '1';
    pool = createCpuPool({ workers: 1, timeoutMs: 500, memoryMb: 64, logger: silentLogger });
    const spin = (pool.run as (kind: string, input: unknown) => Promise<unknown>)('test-spin', {});
    await expect(spin).rejects.toThrow('The page took too long to read');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(started.count).toBe(1);
    expect(await discover(pool)).toBeInstanceOf(Array);
    expect(started.count).toBe(2);
  }, 30_000);
});
