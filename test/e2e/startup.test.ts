// How `npm start` fails when it cannot run: one clear line and exit code 1.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnRestProxy, startBotProcess } from '../helpers/bot-process.js';

describe('starting without what the bot needs', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'gazette-start-'));
  });
  afterAll(() => rm(cwd, { recursive: true, force: true }));

  it('says how to get a token when there is none, beside every other bad setting', async () => {
    const bot = startBotProcess({ DATA_DIR: join(cwd, 'data'), LOG_LEVEL: 'loud', SUMMARIZER_URL: 'http://127.0.0.1:1/v1' }, cwd);
    expect(await bot.exited).toEqual({ code: 1, signal: null });
    const lines = bot.output().trim().split('\n');
    expect(lines[0]).toBe('Invalid configuration:');
    expect(lines.slice(1).map((l) => l.match(/^ {2}- (\w+):/)?.[1]).sort()).toEqual(['DISCORD_TOKEN', 'LOG_LEVEL', 'SUMMARIZER_MODEL']);
    expect(bot.output()).toMatch(/ {2}- DISCORD_TOKEN: is not set: create a bot at https:\/\/discord\.com\/developers\/applications/);
  });

  it('lists every invalid setting before doing anything', async () => {
    const bot = startBotProcess({ DISCORD_TOKEN: 'x', DISCORD_API_URL: 'nope', LOG_LEVEL: 'loud' }, cwd);
    expect(await bot.exited).toEqual({ code: 1, signal: null });
    expect(bot.output()).toMatch(/Invalid configuration:\n {2}- DISCORD_API_URL: .+\n {2}- LOG_LEVEL: .+/);
  });

  // Data directory locked, port taken, token refused: the JSON log line was all there was, its reason inside a stack.
  it('says in one sentence on standard error why start-up failed, and keeps the full error in the log', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const bot = startBotProcess({ DISCORD_TOKEN: 'x', DISCORD_API_URL: 'http://127.0.0.1:9/api', DATA_DIR: join(cwd, 'metrics-data'), METRICS_PORT: String(port) }, cwd);
      expect(await bot.exited, bot.output()).toEqual({ code: 1, signal: null });
      expect(bot.stderr().trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^Gazette could not start: listen EADDRINUSE: address already in use .*${port}`))]);
      const fatal = bot.output().split('\n').find((l) => l.includes('"msg":"Gazette could not start"'));
      expect((JSON.parse(fatal!) as { err: { stack: string } }).err.stack).toMatch(/EADDRINUSE/);
    } finally {
      taken.close();
    }
  });

  it('says in one sentence on standard error why the REST proxy could not start', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const proxy = spawnRestProxy('http://127.0.0.1:9/api', cwd, { REST_PROXY_PORT: String(port) });
      expect(await proxy.exited, proxy.output()).toEqual({ code: 1, signal: null });
      expect(proxy.stderr().trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^The REST proxy could not start: listen EADDRINUSE: address already in use .*${port} \\(the full error is in the log above\\)$`))]);
    } finally {
      taken.close();
    }
  });

  it('says in one sentence, naming DATABASE_URL, that the PostgreSQL server cannot be reached', async () => {
    const bot = startBotProcess({ DISCORD_TOKEN: 'x', DATABASE_URL: 'postgresql://gazette:secret@127.0.0.1:1/gazette' }, cwd);
    expect(await bot.exited, bot.output()).toEqual({ code: 1, signal: null });
    expect(bot.stderr().trim().split('\n')).toEqual([
      'Gazette could not start: The PostgreSQL server in DATABASE_URL cannot be reached at 127.0.0.1:1: check its host and port, and that the server is running and accepts connections from here. (the full error is in the log above)',
    ]);
  });
});
