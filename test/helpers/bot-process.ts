// The bot as a real process, started as `npm start` starts it (scripts/start.mjs: the compiled bot, built first when a
// source changed), for tests of start-up, crashes, restarts and signals.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface BotProcess {
  child: ChildProcess;
  output: () => string;
  /** Standard error alone: what an operator reads, without the JSON log lines. */
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const start = join(root, 'scripts', 'start.mjs');

/**
 * What `npm start` sets besides the script it runs, read from package.json: its environment (GLIBC_TUNABLES, ADR 23)
 * and its V8 flags (memory, background threads), so that a process started here runs as self-hosters run the bot.
 */
export function npmStartSettings(): { env: Record<string, string>; v8Flags: string[] } {
  const words = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.split(' ');
  const env = Object.fromEntries(words.filter((w) => /^[A-Z_]+=/.test(w)).map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]));
  return { env, v8Flags: words.filter((w) => w.startsWith('--')) };
}
const startSettings = npmStartSettings();

// A child that outlived this process (a benchmark that ran out of memory, a test runner that crashed) went on posting,
// polling and holding its ports, and disturbed the next measurement: where util-linux's setpriv is (Linux), the kernel
// kills it when this process dies. setpriv then execs Node, so the child's pid is the bot's.
const setpriv = '/usr/bin/setpriv';
const [command, ...prefix] = existsSync(setpriv) ? [setpriv, '--pdeathsig', 'KILL', '--', process.execPath] : [process.execPath];

/** A child process whose standard output and error are collected, as the bot's and the proxy's are. */
function spawnWithOutput(args: string[], env: Record<string, string>, cwd: string): BotProcess {
  const child = spawn(command!, [...prefix, ...args], { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => {
    output += d.toString();
    stderr += d.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, output: () => output, stderr: () => stderr, exited };
}

/** Runs the bot from `cwd` (default: the repository; a `.env` there is read, so tests that must not see one pass a temp dir). */
export function startBotProcess(env: Record<string, string>, cwd = root): BotProcess {
  return spawnWithOutput([...startSettings.v8Flags, start], { ...startSettings.env, ...env }, cwd);
}

/** Runs `npm run rest-proxy` in front of `discordApiUrl`, without waiting for it (tests of how it fails to start). */
export function spawnRestProxy(discordApiUrl: string, cwd: string, env: Record<string, string> = {}): BotProcess {
  return spawnWithOutput([start, 'rest-proxy'], { DISCORD_API_URL: discordApiUrl, ...env }, cwd);
}

/** Runs `npm run rest-proxy` in front of `discordApiUrl` on a free port; `api` is what bots set as DISCORD_API_URL. */
export async function startRestProxyProcess(discordApiUrl: string, cwd: string, env: Record<string, string> = {}): Promise<{ proc: BotProcess; api: string }> {
  const proc = spawnRestProxy(discordApiUrl, cwd, { REST_PROXY_PORT: '0', ...env });
  const origin = () => /"origin":"([^"]+)"/.exec(proc.output())?.[1];
  await waitUntil(() => origin() !== undefined, 30_000, 'the REST proxy to listen', proc);
  return { proc, api: `${origin()!}/api` };
}

export async function waitUntil(check: () => boolean, timeoutMs: number, what: string, proc?: BotProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${proc ? `\n--- bot output ---\n${proc.output().slice(-4000)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Awaits `promise`, failing with the bot's recent output if it takes longer than `ms` or the bot exits first. */
export async function within<T>(promise: Promise<T>, ms: number, what: string, proc: BotProcess, allowExit = false): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const fail = (why: string) => new Error(`${why} while waiting for ${what}\n--- bot output ---\n${proc.output().slice(-4000)}`);
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(fail(`no result in ${ms} ms`)), ms))),
      ...(allowExit ? [] : [proc.exited.then(() => Promise.reject(fail('the bot exited')))]),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
