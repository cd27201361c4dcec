// Start-up when Discord's API answers but its gateway does not: a WebSocket server that accepts and never says HELLO,
// or closes each connection at once (discord.js then reconnects without end). Start-up must fail within its limit,
// naming the gateway, with the client destroyed (no connection left open, no reconnecting afterwards).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { silentLogger } from '../../src/logger.js';
import { createTestDatabase } from '../helpers/db.js';

interface FakeDiscord {
  apiUrl: string;
  gatewayUrl: string;
  connections: WebSocket[];
  close(): Promise<void>;
}

/** GET /gateway/bot answers with a gateway on the same port that `onConnection` serves; everything else is a 404. */
async function fakeDiscord(onConnection: (socket: WebSocket) => void): Promise<FakeDiscord> {
  let gatewayUrl = '';
  const server: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url?.startsWith('/api/v10/gateway/bot')) {
      res.end(JSON.stringify({ url: gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } }));
      return;
    }
    res.statusCode = 404;
    res.end(JSON.stringify({ message: 'Not found', code: 0 }));
  });
  const wss = new WebSocketServer({ server, path: '/gateway' });
  const connections: WebSocket[] = [];
  wss.on('connection', (socket) => {
    connections.push(socket);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  gatewayUrl = `ws://${origin}/gateway`;
  return {
    apiUrl: `http://${origin}/api`,
    gatewayUrl,
    connections,
    async close() {
      for (const socket of wss.clients) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

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
      const discord = await fakeDiscord((socket) => {
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
});
