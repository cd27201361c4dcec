// A start that fails closes the embedded database it opened and releases its data directory's lock: a lock left behind
// names this host, and a container re-created with another hostname would refuse to start until someone deleted it.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { lockFileName } from '../../src/db/data-dir-lock.js';
import { silentLogger } from '../../src/logger.js';
import { startDiscordStandIn, type DiscordStandIn } from '../helpers/discord/index.js';

describe('a start that fails', { timeout: 120_000 }, () => {
  let discord: DiscordStandIn;
  let dataDir: string;
  beforeAll(async () => {
    discord = await startDiscordStandIn();
    discord.addGuild({ name: 'Regional News' });
    dataDir = await mkdtemp(join(tmpdir(), 'gazette-failed-start-'));
  });
  afterAll(async () => {
    await discord.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const start = (env: Record<string, string>) =>
    startApp({ config: loadConfig({ DISCORD_API_URL: discord.apiUrl, DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env }), logger: silentLogger, schedule: false, registerCommands: false, readyTimeoutMs: 10_000 });
  const lockLeft = () => existsSync(join(dataDir, lockFileName));

  it('releases the data directory when Discord refuses the token, and the next start opens it', async () => {
    await expect(start({ DISCORD_TOKEN: 'MTAw.wrong.token' })).rejects.toThrow(/token/i);
    expect(lockLeft()).toBe(false);
    const app = await start({ DISCORD_TOKEN: discord.token });
    await app.stop();
    expect(lockLeft()).toBe(false);
  });

  it('releases the data directory when the metrics port is taken', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    try {
      await expect(start({ DISCORD_TOKEN: discord.token, METRICS_PORT: String((taken.address() as AddressInfo).port) })).rejects.toThrow(/EADDRINUSE/);
      expect(lockLeft()).toBe(false);
    } finally {
      taken.close();
    }
  });

  it('releases the data directory when a migration fails', async () => {
    // The first migration forgotten but its tables still there: applying it again fails on its first CREATE (a later
    // migration may apply twice without an error: one that only changes a key does).
    const db = await openDatabase({ dataDir });
    await db.prisma.$executeRawUnsafe(`DELETE FROM "_prisma_migrations" WHERE migration_name = (SELECT min(migration_name) FROM "_prisma_migrations")`);
    await db.close();
    await expect(openDatabase({ dataDir })).rejects.toThrow();
    expect(lockLeft()).toBe(false);
    // Failing again for the same reason, not because this process still holds the directory.
    await expect(openDatabase({ dataDir })).rejects.not.toThrow(/open in another Gazette process/);
  });
});
