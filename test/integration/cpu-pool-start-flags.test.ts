// The pool's per-worker heap limit (PIPELINE_JOB_MEMORY_MB) in a process started with `npm start`'s V8 flags, which
// size the main thread's heap: V8 would let those flags override a worker's resourceLimits (pool.ts).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { npmStartSettings } from '../helpers/bot-process.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pool = new URL('../../src/pipeline/worker/pool.ts', import.meta.url).href;

/** Heap limits, in MB, of the main thread and of a pool worker given `memoryMb`, in a process run as `npm start` runs the bot. */
async function heapLimits(memoryMb: number): Promise<{ main: number; worker: number }> {
  const { env, v8Flags } = npmStartSettings();
  const script = `
    const { getHeapStatistics } = await import('node:v8');
    const { createCpuPool } = await import(${JSON.stringify(pool)});
    const pool = createCpuPool({ workers: 1, timeoutMs: 60_000, memoryMb: ${memoryMb} });
    const worker = await pool.run('test-heap-limit', {});
    await pool.close();
    process.stdout.write(JSON.stringify({ main: getHeapStatistics().heap_size_limit / 2 ** 20, worker }));`;
  const child = spawn(process.execPath, ['--import', 'tsx', ...v8Flags, '--input-type=module', '--eval', script], { cwd: root, env: { ...process.env, ...env, GAZETTE_WORKER_TEST_HOOKS: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the child process failed (${code}): ${err}`);
  return JSON.parse(out) as { main: number; worker: number };
}

describe("a pool worker's heap under npm start's V8 flags", () => {
  it('is the pool limit, while the main thread keeps the heap its flags give it', { timeout: 60_000 }, async () => {
    const { v8Flags } = npmStartSettings();
    const mainOldSpace = Number(v8Flags.find((f) => f.startsWith('--max-old-space-size='))!.split('=')[1]);
    const limits = await heapLimits(64);
    // A heap's limit is its old generation plus its young one (the pool gives a worker a sixteenth of the old, 4 MB at
    // least: 4 MB here).
    expect(limits.worker).toBeGreaterThanOrEqual(64);
    expect(limits.worker).toBeLessThanOrEqual(64 * 1.25);
    expect(limits.main).toBeGreaterThanOrEqual(mainOldSpace);
  });
});
