// The operator's port (METRICS_PORT): GET /healthz (200 or 503 with each check in JSON) and GET /metrics
// (Prometheus text). Nothing else is served; nothing here changes state.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';
import type { Health } from './health.js';
import type { Metrics } from './metrics.js';

export interface MetricsServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Address to listen on; default every interface, so Prometheus and an orchestrator can reach it. */
  host?: string | undefined;
  metrics: Metrics;
  health: Health;
  logger: Logger;
}

export interface MetricsServer {
  port: number;
  /** `http://127.0.0.1:PORT` when listening on every interface, to append paths to. */
  origin: string;
  close(): Promise<void>;
}

export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const log = options.logger.child({ component: 'metrics-server' });

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Only GET and HEAD.\n', { allow: 'GET, HEAD' });
    if (path === '/healthz') {
      const report = await options.health.run();
      if (!report.ok) log.warn({ failed: report.failed, checks: report.checks }, 'health check failing');
      const body = JSON.stringify({ status: report.ok ? 'ok' : 'failing', failed: report.failed, checks: report.checks });
      return send(res, report.ok ? 200 : 503, 'application/json; charset=utf-8', `${body}\n`);
    }
    if (path === '/metrics') {
      const { contentType, body } = await options.metrics.scrape();
      return send(res, 200, contentType, body);
    }
    send(res, 404, 'text/plain; charset=utf-8', 'Not found: try /healthz or /metrics.\n');
  }

  const server = createServer((req, res) => {
    answer(req, res).catch((error: unknown) => {
      log.error({ err: error, url: req.url }, 'metrics request failed');
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error.\n');
      else res.destroy();
    });
  });
  // Scrapes are short; a client that keeps a connection open must not hold up closing.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => log.error({ err: error }, 'metrics server error'));
  const address = server.address() as AddressInfo;
  const host = options.host === undefined || options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  log.info({ port: address.port }, 'serving /healthz and /metrics');
  return {
    port: address.port,
    origin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store', ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}
