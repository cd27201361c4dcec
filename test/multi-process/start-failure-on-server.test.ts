// A bot on a PostgreSQL server it can use, whose Discord API cannot be reached, says so, not that the database cannot
// be: the PostgreSQL sentence is chosen where the database is opened, not from any socket error code at start-up
// (discord.js throws the same ECONNREFUSED logging in). Needs a PostgreSQL server: `npm run test:multi-process` starts
// a throwaway one (scripts/with-postgres.sh).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase } from '../../src/db/scratch-database.js';
import { startBotProcess } from '../helpers/bot-process.js';

describe('a failed start beside a PostgreSQL server that works', () => {
  let scratch: { url: string; drop(): Promise<void> };
  let cwd: string;
  beforeAll(async () => {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (!serverUrl) throw new Error('No PostgreSQL server: run `npm run test:multi-process`, which starts one (scripts/with-postgres.sh).');
    scratch = await createScratchDatabase(serverUrl, 'gazette_start_failure');
    cwd = await mkdtemp(join(tmpdir(), 'gazette-start-')); // outside the repository: a developer .env must not leak in
  });
  afterAll(async () => {
    await scratch?.drop();
    await rm(cwd, { recursive: true, force: true });
  });

  it('does not blame the database when the Discord API cannot be reached', async () => {
    // Port 9 (discard) is closed here: the login's first request is refused, as a connection to a server would be.
    const bot = startBotProcess({ DISCORD_TOKEN: 'x', DISCORD_API_URL: 'http://127.0.0.1:9/api', DATABASE_URL: scratch.url }, cwd);
    expect(await bot.exited, bot.output()).toEqual({ code: 1, signal: null });
    expect(bot.output()).toContain('"msg":"database ready"');
    const said = bot.stderr().trim().split('\n');
    expect(said).toEqual([expect.stringMatching(/^Gazette could not start: .*ECONNREFUSED/)]);
    expect(said[0]).not.toMatch(/PostgreSQL|DATABASE_URL/);
  });
});
