// A real `node:http` server on a loopback address and a free port, for tests that need the network to be real.
//
//   const server = await startHttpServer({
//     '/feed.xml': (req, res) => { res.setHeader('content-type', 'application/rss+xml'); res.end(xml); },
//     'POST /hook': async (req, res) => { res.statusCode = 204; res.end(); },
//   });
//   await fetcher(`${server.origin}/feed.xml`);
//   expect(server.requests[0]?.headers['user-agent']).toMatch(/Gazette/);
//   await server.close();
//
// Routes match the path without its query, as `"METHOD /path"` first, then `"/path"`; anything else gets a 404.
// A single function instead of a table handles every request. A handler that throws answers 500 (unless it has
// already started answering). `close()` also ends open and hanging connections, so tests never wait on them.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** May return anything (so `(req, res) => res.end(x)` works); a returned promise is awaited for errors. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => unknown;
export type RouteTable = Record<string, RequestHandler>;

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
}

export interface TestHttpServer {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  /** `http://127.0.0.1:PORT` (no trailing slash), to append paths to. */
  origin: string;
  port: number;
  /** Every request received, in order of arrival. */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export interface StartOptions {
  /** Loopback address to listen on; default 127.0.0.1 (use 127.0.0.2 or ::1 for a second "host"). */
  host?: string;
  /** Port to listen on; default 0 (a free one). Two servers may share a port on different addresses. */
  port?: number;
}

function route(routes: RouteTable | RequestHandler, req: IncomingMessage): RequestHandler | undefined {
  if (typeof routes === 'function') return routes;
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  return routes[`${req.method ?? 'GET'} ${path}`] ?? routes[path];
}

export async function startHttpServer(routes: RouteTable | RequestHandler, options: StartOptions = {}): Promise<TestHttpServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
    const handler = route(routes, req);
    if (!handler) {
      res.statusCode = 404;
      res.setHeader('content-type', 'text/plain');
      res.end('Not found');
      return;
    }
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((error: unknown) => {
        if (res.headersSent) res.destroy(error instanceof Error ? error : undefined);
        else {
          res.statusCode = 500;
          res.end(String(error));
        }
      });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closed: Promise<void> | undefined;
  return {
    url: `${origin}/`,
    origin,
    port,
    requests,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
