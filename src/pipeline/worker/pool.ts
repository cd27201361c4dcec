// Worker threads for the pipeline's CPU work (worker/jobs.ts), so nothing a source sends can block the event loop or
// exhaust the bot's heap. Each job gets a deadline and each worker a heap limit; a job that breaks either ends its
// worker (which is replaced) and fails in words a moderator can read in the source's health.
// Workers start with the first job, not with the pool: a loaded worker holds ~35–50 MB (its own V8 heap with the
// pipeline's code and tables), which the bot's start does not need, and its first poll comes later.
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { UserError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { formatSeconds } from '../fetch/errors.js';
import type { JobMessage, WorkerMessage } from './cpu-worker.js';
import type { CpuRunner } from './cpu-runner.js';
import { errorFromData } from './job-errors.js';
import type { CpuJobInput, CpuJobKind, CpuJobOutput } from './jobs.js';

export interface CpuPoolOptions {
  /** Worker threads (at least 1). */
  workers: number;
  /** How long one job may run before its worker is ended. */
  timeoutMs: number;
  /** Heap limit of each worker (V8 old generation), in MB. */
  memoryMb: number;
  logger?: Logger | undefined;
}

/** A job ended for using too much time or memory; the message is meant for the source's health. */
export class JobLimitError extends UserError {
  constructor(
    readonly limit: 'time' | 'memory',
    message: string,
  ) {
    super('limit', message);
    this.name = 'JobLimitError';
  }
}

/** The pool was closed (the bot stopping) before the job ended: that says nothing of the source it was for. */
export class PipelineStoppedError extends Error {
  constructor() {
    super('The pipeline is shut down');
    this.name = 'PipelineStoppedError';
  }
}

interface Job {
  id: number;
  kind: string;
  input: unknown;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  ended: boolean;
  job?: Job | undefined;
  timer?: NodeJS.Timeout | undefined;
  crash?: Error | undefined;
}

// Workers that die before they are ready this many times in a row mean the worker cannot start at all.
const maxStartFailures = 3;

/**
 * Lets each worker's `resourceLimits` apply. Where `--max-old-space-size` or `--max-semi-space-size` is set, as
 * `npm start` sets them for the main thread (ADR 10), V8 gives every new isolate those sizes instead of the limits Node
 * passes for a worker (nodejs/node#43991): each worker could grow to 256 MB, and PIPELINE_JOB_MEMORY_MB ended no job
 * below that. V8 reads them only as it creates an isolate, so the main thread keeps its sizes; cleared (0: unset)
 * before a worker starts, they leave its heap to its resourceLimits.
 */
function leaveWorkerHeapsToTheirLimits(): void {
  setFlagsFromString('--max-old-space-size=0');
  setFlagsFromString('--max-semi-space-size=0');
}

export function createCpuPool(options: CpuPoolOptions): CpuRunner {
  const size = Math.max(1, Math.floor(options.workers));
  const slots = new Set<Slot>();
  const queue: Job[] = [];
  let nextId = 1;
  let startFailures = 0;
  let closed = false;

  function spawn(): void {
    leaveWorkerHeapsToTheirLimits();
    const worker = new Worker(new URL('./boot.mjs', import.meta.url), {
      execArgv: [],
      // The young generation as large as the main thread's (`--max-semi-space-size=4`: 8 MB) for the default 128 MB:
      // the jobs' garbage dies young either way, and a larger one is resident memory (ADR 10).
      resourceLimits: { maxOldGenerationSizeMb: options.memoryMb, maxYoungGenerationSizeMb: Math.min(16, Math.max(4, Math.floor(options.memoryMb / 16))) },
    });
    const slot: Slot = { worker, ready: false, ended: false };
    slots.add(slot);
    worker.on('message', (message: WorkerMessage) => onMessage(slot, message));
    worker.on('error', (error) => {
      slot.crash = error;
    });
    worker.on('exit', (code) => onExit(slot, code));
    refresh();
  }

  function onMessage(slot: Slot, message: WorkerMessage): void {
    if (message.type === 'ready') {
      slot.ready = true;
      startFailures = 0;
    } else if (slot.job && message.id === slot.job.id) {
      const job = slot.job;
      clearTimeout(slot.timer);
      slot.job = undefined;
      if (message.type === 'done') job.resolve(message.value);
      else job.reject(errorFromData(message.error));
    }
    dispatch();
  }

  function onExit(slot: Slot, code: number): void {
    if (slot.ended) return;
    const crash = slot.crash;
    const outOfMemory = (crash as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
    const error = outOfMemory
      ? new JobLimitError('memory', `The page needs too much memory to read (over ${options.memoryMb} MB)`)
      : new Error(`A pipeline worker stopped unexpectedly (${crash ? crash.message : `exit code ${code}`})`);
    if (!slot.ready && !outOfMemory) startFailures++;
    options.logger?.warn({ err: crash, code, job: slot.job?.kind }, outOfMemory ? 'pipeline job ran out of memory' : 'pipeline worker stopped');
    end(slot, error);
  }

  /** Ends a worker, fails its job, and starts a replacement. */
  function end(slot: Slot, error: Error): void {
    slot.ended = true;
    slots.delete(slot);
    clearTimeout(slot.timer);
    slot.job?.reject(error);
    slot.job = undefined;
    void slot.worker.terminate();
    if (closed) return;
    if (startFailures >= maxStartFailures) {
      for (const job of queue.splice(0)) job.reject(new Error(`Pipeline workers cannot start: ${error.message}`));
      startFailures = 0;
      return;
    }
    // Replaced now only when jobs wait for it; otherwise the next job starts one.
    if (queue.length > 0) spawn();
    dispatch();
  }

  function dispatch(): void {
    for (const slot of slots) {
      if (!slot.ready || slot.job || slot.ended) continue;
      const job = queue.shift();
      if (!job) break;
      slot.job = job;
      slot.timer = setTimeout(() => {
        options.logger?.warn({ job: job.kind, timeoutMs: options.timeoutMs }, 'pipeline job timed out');
        end(slot, new JobLimitError('time', `The page took too long to read (over ${formatSeconds(options.timeoutMs)})`));
      }, options.timeoutMs);
      slot.worker.postMessage({ id: job.id, kind: job.kind, input: job.input } satisfies JobMessage);
    }
    refresh();
  }

  function busy(): number {
    let n = 0;
    for (const slot of slots) if (slot.job) n++;
    return n;
  }

  // Idle workers do not keep the process alive; busy ones, and any when jobs wait, do.
  function refresh(): void {
    for (const slot of slots) {
      if (slot.job || queue.length > 0) slot.worker.ref();
      else slot.worker.unref();
    }
  }

  return {
    run<K extends CpuJobKind>(kind: K, input: CpuJobInput<K>): Promise<CpuJobOutput<K>> {
      if (closed) return Promise.reject(new PipelineStoppedError());
      return new Promise((resolve, reject) => {
        queue.push({ id: nextId++, kind, input, resolve: resolve as (value: unknown) => void, reject });
        // One more worker while jobs outnumber the workers there are (busy or starting), up to the pool's size.
        while (slots.size < size && slots.size < busy() + queue.length) spawn();
        dispatch();
      });
    },
    async close() {
      closed = true;
      const stopping = new PipelineStoppedError();
      for (const job of queue.splice(0)) job.reject(stopping);
      const ending = [...slots].map((slot) => {
        slot.ended = true;
        clearTimeout(slot.timer);
        slot.job?.reject(stopping);
        return slot.worker.terminate();
      });
      slots.clear();
      await Promise.all(ending);
    },
  };
}
