// `npm start` under a supervisor: stopping the npm process (docker stop, systemd, a process manager) must stop the
// bot cleanly too, not leave it running orphaned. The start script `exec`s node, so npm's signal reaches the bot.
import { spawn, type ChildProcess } from 'node:child_process';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../helpers/bot-process.js';
import { startDiscordStandIn, type DiscordStandIn } from '../helpers/discord/index.js';
import { startUnreadyDiscord } from '../helpers/unready-gateway.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start, stopped by a supervisor', () => {
  let discord: DiscordStandIn;
  let dataDir: string;
  let botPid = 0;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    discord = await startDiscordStandIn();
    discord.addGuild({ name: 'Regional News' });
    dataDir = await mkdtemp(join(tmpdir(), 'gazette-npm-start-'));
  });
  afterAll(async () => {
    // A test that failed half-way leaves nothing running: npm, and the bot it exec'd (or the bot started directly).
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (botPid && alive(botPid)) process.kill(botPid, 'SIGKILL');
    await discord.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stops the bot with a clean shutdown when the npm process gets SIGTERM', { timeout: 90_000 }, async () => {
    const npm = spawn('npm', ['start', '--silent'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, DATA_DIR: dataDir, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(npm);
    let output = '';
    npm.stdout.on('data', (d: Buffer) => (output += d.toString()));
    npm.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
    const logged = (msg: string) => output.split('\n').some((l) => l.includes(`"msg":"${msg}"`));

    await waitUntil(() => logged('Gazette is running'), 60_000, `the bot to start\n${output.slice(-2000)}`);
    // pino writes the bot's own pid on every line: that is the process that must not outlive npm.
    botPid = (JSON.parse(output.split('\n').find((l) => l.includes('"msg":"Gazette is running"'))!) as { pid: number }).pid;
    expect(botPid).not.toBe(npm.pid);

    npm.kill('SIGTERM');
    await exited;
    await waitUntil(() => !alive(botPid), 20_000, `the bot process to exit after npm\n${output.slice(-2000)}`);
    expect(logged('stopping: finishing deliveries in flight')).toBe(true);
  });

  /** The bot run directly (`node --import tsx src/main.ts`) on its own data directory, its output gathered. */
  function startBot(dir: string, onOutput: (bot: ChildProcess, output: string) => void = () => {}, apiUrl = discord.apiUrl) {
    const bot = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DISCORD_TOKEN: discord.token, DISCORD_API_URL: apiUrl, DATA_DIR: join(dataDir, dir), LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(bot);
    let output = '';
    bot.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      onOutput(bot, output);
    });
    bot.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => bot.once('exit', (code, signal) => resolve({ code, signal })));
    const logged = (msg: string) => output.split('\n').some((l) => l.includes(`"msg":"${msg}"`));
    return { bot, exited, logged, output: () => output.slice(-2000), lockGone: () => expect(access(join(dataDir, dir, '.gazette.lock'))).rejects.toThrow() };
  }

  // Without a handler from the first line, a signal during migrations killed the process halfway through writing the
  // data directory.
  it('opens the database, then stops cleanly without connecting, when SIGTERM comes while it is starting', { timeout: 90_000 }, async () => {
    let signalled = false;
    // The first line comes before the database is opened: the signal lands in the middle of start-up.
    const run = startBot('second', (bot, output) => {
      if (!signalled && output.includes('"msg":')) {
        signalled = true;
        bot.kill('SIGTERM');
      }
    });
    expect(await run.exited, run.output()).toEqual({ code: 0, signal: null });
    expect(run.logged('stop requested while starting: stopping as soon as the database is safe to close')).toBe(true);
    expect(run.logged('stopped before connecting to Discord: the database is closed')).toBe(true);
    expect(run.logged('Gazette is running')).toBe(false);
    // The data directory was closed, not abandoned: its lock is gone.
    await run.lockGone();
  });

  // Ctrl-C while the gateway never got ready waited for the login's 2-minute limit before anything stopped.
  it('cuts the Discord login off at once when Ctrl-C comes while it waits for the gateway', { timeout: 90_000 }, async () => {
    const unready = await startUnreadyDiscord();
    try {
      const run = startBot('fourth', undefined, unready.apiUrl);
      await waitUntil(() => unready.connections.length > 0, 60_000, `the bot to connect to the gateway\n${run.output()}`);
      const asked = Date.now();
      run.bot.kill('SIGINT');
      const late = new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 15_000).unref());
      expect(await Promise.race([run.exited, late]), run.output()).toEqual({ code: 0, signal: null });
      expect(Date.now() - asked).toBeLessThan(10_000);
      expect(run.logged('stopped before connecting to Discord: the database is closed'), run.output()).toBe(true);
      await run.lockGone();
    } finally {
      await unready.close();
    }
  });

  // Ctrl-C under `npm start` reaches node twice at once: from the terminal (one process group) and passed on by npm.
  it('stops cleanly when the stop signal arrives twice at once, as Ctrl-C under npm delivers it', { timeout: 90_000 }, async () => {
    const run = startBot('third');
    await waitUntil(() => run.logged('Gazette is running'), 60_000, 'the bot to start');
    run.bot.kill('SIGINT');
    // The second copy lands while the first is being handled (two sent together may merge into one).
    await waitUntil(() => run.logged('stopping: finishing deliveries in flight'), 10_000, 'the stop to begin');
    run.bot.kill('SIGINT');
    expect(await run.exited, run.output()).toEqual({ code: 0, signal: null });
    expect(run.logged('second signal: exiting without finishing')).toBe(false);
    await run.lockGone();
  });
});
