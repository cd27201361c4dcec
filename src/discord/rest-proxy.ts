// `npm run rest-proxy`: one HTTP proxy in front of Discord's API for all the bot processes of one token, so they
// share one rate-limit budget instead of each spending its own (issue 10). It is discord.js's own proxy
// (@discordjs/proxy over @discordjs/rest, which paces requests by Discord's rate-limit headers and queues what would
// exceed them); each bot's own Authorization header is passed on. Bots point DISCORD_API_URL at
// http://REST_PROXY_HOST:REST_PROXY_PORT/api; the proxy forwards to its own DISCORD_API_URL (Discord by default).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { proxyRequests } from '@discordjs/proxy';
import { REST } from 'discord.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

export interface RestProxy {
  server: Server;
  /** e.g. http://127.0.0.1:8080 */
  origin: string;
  close(): Promise<void>;
}

export async function startRestProxy(config: Pick<Config, 'DISCORD_API_URL' | 'REST_PROXY_HOST' | 'REST_PROXY_PORT'>, logger: Logger): Promise<RestProxy> {
  const rest = new REST({ api: config.DISCORD_API_URL });
  rest.on('rateLimited', (info) => logger.info({ route: info.route, method: info.method, global: info.global, retryAfterMs: info.retryAfter, scope: info.scope }, 'waiting for a Discord rate limit'));
  const handle = proxyRequests(rest);
  const server = createServer((req, res) => {
    Promise.resolve(handle(req, res)).catch((error: unknown) => {
      logger.error({ err: error, method: req.method, url: req.url }, 'proxying a request failed');
      if (!res.headersSent) res.statusCode = 502;
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.REST_PROXY_PORT, config.REST_PROXY_HOST, () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const origin = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  logger.info({ origin, upstream: config.DISCORD_API_URL }, 'REST proxy listening');
  return {
    server,
    origin,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
