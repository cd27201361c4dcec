// `npm run bench -- startup [--runs 3] [--plain-malloc]`: how long the bot takes from `node` to "Gazette is running" (migrations applied,
// logged in to a local Discord stand-in, commands registered), its CPU time and peak resident memory at that moment,
// on a new data directory (the first start) and on the same one again; compiled (`npm start`, dist/) against the
// sources run through tsx (`npm run dev`). The process's own numbers, read from /proc: Linux only.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuilt } from '../scripts/ensure-built.mjs';
import { cpuSeconds, peakRssMb } from './lib/proc-usage.js';
import { npmStartSettings } from '../test/helpers/bot-process.js';
import { startDiscordStandIn } from '../test/helpers/discord/index.js';

const root = join(import.meta.dirname, '..');
// The environment and flags `npm start` sets (GLIBC_TUNABLES: see ADR 23), so both ways start as it does.
const { env: startEnv, v8Flags } = npmStartSettings();
const ways = {
  compiled: [...v8Flags, join(root, 'scripts', 'start.mjs')],
  tsx: ['--import', import.meta.resolve('tsx'), ...v8Flags, join(root, 'src', 'main.ts')],
};

interface Sample {
  ms: number;
  cpuMs: number;
  peakRssMb: number;
}

async function startOnce(args: string[], env: Record<string, string>): Promise<Sample> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: env.DATA_DIR, env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  try {
    return await new Promise<Sample>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "Gazette is running" in 60 s:\n${output.slice(-2000)}`)), 60_000);
      child.on('exit', (code) => reject(new Error(`the bot exited (${code}):\n${output.slice(-2000)}`)));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      child.stdout.on('data', (d: Buffer) => {
        output += d.toString();
        if (!output.includes('Gazette is running')) return;
        clearTimeout(timer);
        resolve({ ms: Math.round(performance.now() - started), cpuMs: Math.round(cpuSeconds(child.pid) * 1000), peakRssMb: peakRssMb(child.pid!) });
      });
    });
  } finally {
    child.kill('SIGKILL');
    await new Promise((r) => (child.exitCode === null && child.signalCode === null ? child.once('exit', r) : r(null)));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

export async function run(args: string[]): Promise<void> {
  // --plain-malloc: without the start script's environment, to see what it saves.
  const { values } = parseArgs({ args, options: { runs: { type: 'string', default: '3' }, 'plain-malloc': { type: 'boolean', default: false } } });
  const runs = Number(values.runs);
  const processEnv = values['plain-malloc'] ? {} : startEnv;
  await ensureBuilt();
  const discord = await startDiscordStandIn();
  discord.addGuild({ name: 'Bench' });
  const results: Record<string, Record<string, Sample>> = {};
  try {
    for (const [way, argv] of Object.entries(ways)) {
      const first: Sample[] = [];
      const later: Sample[] = [];
      for (let i = 0; i < runs; i++) {
        const dataDir = await mkdtemp(join(tmpdir(), 'gazette-startup-'));
        const env = { ...processEnv, DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, DATA_DIR: dataDir };
        try {
          first.push(await startOnce(argv, env));
          later.push(await startOnce(argv, env));
        } finally {
          await rm(dataDir, { recursive: true, force: true });
        }
      }
      const summary = (xs: Sample[]) => ({ ms: median(xs.map((x) => x.ms)), cpuMs: median(xs.map((x) => x.cpuMs)), peakRssMb: Math.max(...xs.map((x) => x.peakRssMb)) });
      results[way] = { firstStart: summary(first), laterStart: summary(later) };
    }
  } finally {
    await discord.close();
  }
  process.stdout.write(`${JSON.stringify({ task: 'startup', runs, note: 'medians; peakRssMb is the largest of the runs', ...results })}\n`);
}
