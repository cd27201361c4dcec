// `npm run rest-proxy`: one HTTP proxy in front of Discord's API for all the bot processes of one token, so they
// share one rate-limit budget instead of each spending its own (issue 10). It is discord.js's own proxy handler
// (@discordjs/proxy over @discordjs/rest, which paces requests by Discord's rate-limit headers and queues what would
// exceed them) with the body buffered (forwardTo, below); each bot's own Authorization header is passed on. Bots
// point DISCORD_API_URL at http://REST_PROXY_HOST:REST_PROXY_PORT/api; the proxy forwards to its own DISCORD_API_URL.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { populateErrorResponse, populateSuccessfulResponse } from '@discordjs/proxy';
// @discordjs/rest's own ES module, the copy @discordjs/proxy loads: discord.js re-exports its CommonJS copy, whose
// DiscordAPIError populateErrorResponse did not recognise (instanceof across the two copies), so every refusal from
// Discord (404, 401, 403) reached the bots as an empty 502.
import { DefaultRestOptions, RateLimitError, REST, type RequestMethod, type RouteLike } from '@discordjs/rest';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { proxiedBucketHeaders } from './delivery/channel-budgets.js';
import { slidingWindowGate } from './sliding-window-gate.js';
import { onceForCreations, UncertainCreationError } from './creation-requests.js';
import { readCapped } from '../read-capped.js';
import { renameRefused } from './rename-refused.js';

export interface RestProxy {
  server: Server;
  /** e.g. http://127.0.0.1:8080 */
  origin: string;
  close(): Promise<void>;
}

/** Discord's largest request (a message with files) with room to spare; a larger body is refused, not buffered. */
const maxBodyBytes = 30 * 1024 * 1024;

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const body = await readCapped(req as AsyncIterable<Buffer>, maxBodyBytes);
  if (!body) throw new BodyTooLarge();
  return body.length ? body : undefined;
}

/**
 * @discordjs/proxy's `proxyRequests`, with one difference: the request body is read into memory before it is queued.
 * That handler passes the incoming stream on, and @discordjs/rest retries a request after a 429 or a 5xx with the
 * same, already consumed stream: the retry went out empty, and a bot was told its post was made when Discord had
 * refused it (found by `npm run bench -- scale`).
 */
function forwardTo(rest: REST) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const headers: Record<string, string> = {};
    if (req.headers['content-type']) headers['Content-Type'] = req.headers['content-type'];
    if (req.headers.authorization) headers.authorization = req.headers.authorization;
    const reason = req.headers['x-audit-log-reason'];
    if (typeof reason === 'string') headers['x-audit-log-reason'] = reason;
    // A bot that stops waiting (its own request timeout) has given the request up: one still queued here behind a
    // rate limit is dropped, not sent once the bucket refills. The bot looks for an unconfirmed forum or webhook post
    // and makes it again (creation-requests.ts); sent here as well, it would be made twice.
    const givenUp = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) givenUp.abort();
    });
    try {
      const body = await readBody(req);
      const response = await rest.queueRequest({
        signal: givenUp.signal,
        fullRoute: url.pathname.replace(/^\/api(\/v\d+)?/, '') as RouteLike,
        method: (req.method ?? 'GET') as RequestMethod,
        body,
        passThroughBody: true,
        auth: false, // each bot's own Authorization header is passed on
        query: url.searchParams,
        headers,
      });
      passBucketState(response, res);
      await populateSuccessfulResponse(res, response);
    } catch (error) {
      if (givenUp.signal.aborted) return; // nobody is listening for the answer
      if (error instanceof BodyTooLarge) res.statusCode = 413;
      // Passed on as Discord's own status (or a gateway timeout): the bot's side does not resend it either.
      else if (error instanceof UncertainCreationError) res.statusCode = error.status ?? 504;
      else if (error instanceof RateLimitError) refuseAsDiscordDid(res, error);
      else if (!populateErrorResponse(res, error)) {
        // Discord could not be reached (connection refused, DNS): not an answer. Left at its default 200 by the
        // `end()` below, an edit or an interaction's answer read as done.
        res.statusCode = 502;
        throw error;
      }
    } finally {
      res.end();
    }
  };
}

/**
 * A rate limit this proxy will not wait out (a rename over Discord's sublimit): passed on as Discord's 429, with the
 * wait Discord asked for. @discordjs/proxy's own answer gives the bucket's reset instead, which for a sublimit is
 * about nothing, so the bot's discord.js would not see a sublimit and would try the rename again at once.
 */
function refuseAsDiscordDid(res: ServerResponse, error: RateLimitError): void {
  const seconds = Math.max(error.retryAfter, error.timeToReset) / 1000;
  res.statusCode = 429;
  res.setHeader('Retry-After', String(seconds));
  res.setHeader('Content-Type', 'application/json');
  res.write(JSON.stringify({ message: 'You are being rate limited.', retry_after: seconds, global: error.global }));
}

/**
 * @discordjs/proxy drops Discord's `X-RateLimit-*` headers, so that each bot's discord.js does not pace itself a second
 * time on top of the proxy. The delivery worker still needs to know that a channel's message bucket is spent, to put
 * that channel's posts back rather than send them to wait here (channel-budgets.ts): the two it reads are passed on
 * under names discord.js does not act on.
 */
function passBucketState(response: { headers: Headers }, res: ServerResponse) {
  const remaining = response.headers.get('x-ratelimit-remaining');
  const resetAfter = response.headers.get('x-ratelimit-reset-after');
  if (remaining === null || resetAfter === null) return;
  res.setHeader(proxiedBucketHeaders.remaining, remaining);
  res.setHeader(proxiedBucketHeaders.resetAfter, resetAfter);
}

// Counted from when each request was answered (sliding-window-gate.ts); the 10 ms are for the two clocks' milliseconds.
const globalWindowMs = 1_010;

function hasAuthorization(headers: unknown): boolean {
  if (!headers || typeof headers !== 'object') return false;
  if (headers instanceof Headers) return headers.has('authorization');
  return Object.keys(headers).some((name) => name.toLowerCase() === 'authorization');
}

export async function startRestProxy(config: Pick<Config, 'DISCORD_API_URL' | 'DISCORD_GLOBAL_RATE_LIMIT' | 'REST_PROXY_HOST' | 'REST_PROXY_PORT'>, logger: Logger): Promise<RestProxy> {
  // Every request made with the bot's token counts against its global limit (interaction callbacks, sent without it,
  // do not).
  const globalGate = slidingWindowGate(config.DISCORD_GLOBAL_RATE_LIMIT, globalWindowMs);
  const rest = new REST({
    api: config.DISCORD_API_URL,
    globalRequestsPerSecond: config.DISCORD_GLOBAL_RATE_LIMIT,
    // Waited out here, a refused rename would hold the bot's request until its own timeout, and its delivery round.
    rejectOnRateLimit: renameRefused,
    // Creations are sent once here too: the bot behind the proxy decides what to do when one is not confirmed.
    makeRequest: onceForCreations(async (url, init) => {
      if (!hasAuthorization(init.headers)) return DefaultRestOptions.makeRequest(url, init);
      const answered = await globalGate();
      try {
        return await DefaultRestOptions.makeRequest(url, init);
      } finally {
        answered();
      }
    }),
  });
  rest.on('rateLimited', (info) => logger.info({ route: info.route, method: info.method, global: info.global, retryAfterMs: info.retryAfter, scope: info.scope }, 'waiting for a Discord rate limit'));
  const handle = forwardTo(rest);
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
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
