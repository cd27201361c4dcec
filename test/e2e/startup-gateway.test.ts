// Start-up when Discord's API answers but its gateway does not: a WebSocket server that accepts and never says HELLO,
// or closes each connection at once (discord.js then reconnects without end). Start-up must fail within its limit,
// naming the gateway, with the client destroyed (no connection left open, no reconnecting afterwards).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { silentLogger } from '../../src/logger.js';
import { createTestDatabase } from '../helpers/db.js';
import { startDiscordStandIn } from '../helpers/discord/index.js';
import { startUnreadyDiscord } from '../helpers/unready-gateway.js';

describe('start-up against a gateway that never gets ready', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  const cases: [string, (socket: WebSocket) => void][] = [
    ['accepts and never says HELLO', () => {}],
    ['closes every connection at once', (socket) => socket.close(4000, 'going away')],
  ];
  for (const [what, onConnection] of cases) {
    it(`fails within its limit, naming the gateway, when it ${what}`, async () => {
      const closes: number[] = [];
      const discord = await startUnreadyDiscord((socket) => {
        socket.on('close', (code) => closes.push(code));
        onConnection(socket);
      });
      try {
        const config = loadConfig({ DISCORD_TOKEN: 'MTAw.fake.token', DISCORD_API_URL: discord.apiUrl, LOG_LEVEL: 'silent' });
        const started = Date.now();
        await expect(startApp({ config, logger: silentLogger, db, schedule: false, registerCommands: false, readyTimeoutMs: 1_500 })).rejects.toThrow(
          `Discord's gateway (${discord.gatewayUrl}/) did not get ready within 2 s`,
        );
        expect(Date.now() - started).toBeLessThan(6_000);
        expect(discord.connections.length).toBeGreaterThan(0);
        // Destroyed: the connection waiting for HELLO is closed by the client (1000), not left to discord.js's 60 s
        // HELLO timeout.
        if (what.includes('HELLO')) await expect.poll(() => closes[0], { timeout: 1_000 }).toBe(1000);
      } finally {
        await discord.close();
      }
    });
  }

  // An operator's Ctrl-C during the login waited out the whole limit (2 minutes by default) before anything stopped.
  it('cuts the login off at once when a stop is asked for, the client destroyed', async () => {
    const closes: number[] = [];
    const discord = await startUnreadyDiscord((socket) => socket.on('close', (code) => closes.push(code)));
    try {
      const config = loadConfig({ DISCORD_TOKEN: 'MTAw.fake.token', DISCORD_API_URL: discord.apiUrl, LOG_LEVEL: 'silent' });
      const stop = new AbortController();
      const starting = startApp({ config, logger: silentLogger, db, schedule: false, registerCommands: false, stopSignal: stop.signal });
      await expect.poll(() => discord.connections.length, { timeout: 10_000 }).toBeGreaterThan(0);
      const asked = Date.now();
      stop.abort();
      await expect(starting).rejects.toBe(stop.signal.reason);
      expect(Date.now() - asked).toBeLessThan(3_000);
      await expect.poll(() => closes[0], { timeout: 1_000 }).toBe(1000);
    } finally {
      await discord.close();
    }
  });
});

describe('start-up when Discord refuses the slash commands', () => {
  // A DISCORD_DEV_GUILD_ID naming a server the bot is not in: logged in, then refused. The start fails saying which
  // setting, and the client it logged in with is gone, not left connected beside a closed database.
  it('fails naming DISCORD_DEV_GUILD_ID, with the client disconnected', async () => {
    const discord = await startDiscordStandIn();
    const db = await createTestDatabase();
    try {
      const config = loadConfig({ DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, DISCORD_DEV_GUILD_ID: '123456789012345678', LOG_LEVEL: 'silent' });
      await expect(startApp({ config, logger: silentLogger, db, schedule: false })).rejects.toThrow(
        /^Discord refused to register the slash commands in the server DISCORD_DEV_GUILD_ID names \(123456789012345678\): Unknown Guild\. Is the bot in that server/,
      );
      expect(discord.gatewaySessions().length).toBeGreaterThan(0);
      await expect.poll(() => discord.gatewaySessions().filter((s) => s.connected).length, { timeout: 5_000 }).toBe(0);
    } finally {
      await discord.close();
      await db.close();
    }
  });
});
