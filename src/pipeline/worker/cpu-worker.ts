// A pipeline worker thread: runs the CPU jobs of worker/jobs.ts one at a time, answering each with its value or its
// error as data. The pool (pool.ts) enforces the deadline and the memory limit by ending the whole thread.
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { errorToData } from './job-errors.js';
import { cpuJobs, type CpuJobKind } from './jobs.js';

export interface JobMessage {
  id: number;
  kind: string;
  input: unknown;
}

export type WorkerMessage = { type: 'ready' } | { type: 'done'; id: number; value: unknown } | { type: 'failed'; id: number; error: ReturnType<typeof errorToData> };

// Hostile-job stand-ins for the pool's own tests only: they exist when the test that creates the pool sets this
// variable, and no production code path sends these kinds.
const testHooks: Record<string, (input: unknown) => unknown> =
  process.env.GAZETTE_WORKER_TEST_HOOKS === '1'
    ? {
        'test-spin': () => {
          for (;;);
        },
        'test-allocate': () => {
          const hoard: number[][] = [];
          for (;;) hoard.push(Array.from({ length: 100_000 }, (_, i) => i * 1.5));
        },
        // The heap this worker may grow to, in MB: whether the pool's limit is the one in force.
        'test-heap-limit': () => getHeapStatistics().heap_size_limit / 2 ** 20,
      }
    : {};

const port = parentPort;
if (!port) throw new Error('cpu-worker.ts runs as a worker thread only');

port.on('message', (message: JobMessage) => {
  let reply: WorkerMessage;
  try {
    const jobs = Object.hasOwn(cpuJobs, message.kind) ? (cpuJobs as Record<string, (input: unknown) => unknown>) : testHooks;
    const job = Object.hasOwn(jobs, message.kind) ? jobs[message.kind as CpuJobKind] : undefined;
    if (!job) throw new Error(`Unknown pipeline job: ${message.kind}`);
    reply = { type: 'done', id: message.id, value: job(message.input) };
  } catch (error) {
    reply = { type: 'failed', id: message.id, error: errorToData(error) };
  }
  port.postMessage(reply);
});
port.postMessage({ type: 'ready' } satisfies WorkerMessage);
