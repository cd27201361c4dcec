// `npm run bench -- pipeline [--feeds 24] [--per-feed 50] [--data <reuters21578 dir>] [--workers N] [--from <data dir>]`
// The whole pipeline — poll → fetch → parse → fetch page → extract → summarize → tag → dedupe/cluster → store → plan
// deliveries — on ≥ 1,000 articles served by a local HTTP server, with the embedded database (DATABASE_URL uses a
// server; DATA_CACHE_MB sizes the embedded one's cache) and the CPU stages in worker threads as the bot runs them
// (PIPELINE_WORKERS, or --workers; 0 = on the main thread). The measured part runs compiled, in a process of its own
// started as `npm start` starts the bot (bench/lib/pipeline-measure.ts): its articles per second, CPU time and peak RSS
// (workers are threads in it) are printed as one JSON line. `--from` starts on a copy of an embedded database's data
// directory instead of a new one (a grown installation: its cache sized to its data, its tables full).
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuilt } from '../scripts/ensure-built.mjs';
import { npmStartSettings } from '../test/helpers/bot-process.js';

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      feeds: { type: 'string', default: '24' },
      'per-feed': { type: 'string', default: '50' },
      data: { type: 'string', default: '../shared/bench/geo/reuters21578' },
      workers: { type: 'string' },
      from: { type: 'string' },
    },
  });
  statSync(values.data); // read by the sites' process: a path that is not there is said here, in words (bench/index.ts)
  await ensureBuilt();
  const sites = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/pipeline-server.ts', values.data, values.feeds, values['per-feed']], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [origin, total] = (await new Promise<string>((resolve) => sites.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())))).split(' ');
  try {
    const { env, v8Flags } = npmStartSettings();
    const measured = spawn(process.execPath, [...v8Flags, 'dist/bench/lib/pipeline-measure.js', origin!, total!, values.feeds, values.workers ?? '', values.from ? resolve(values.from) : ''], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const code = await new Promise<number | null>((resolve) => measured.once('exit', resolve));
    if (code !== 0) throw new Error(`the measured process failed (exit code ${code})`);
  } finally {
    sites.kill();
  }
}
