// A Discord whose API answers but whose gateway never gets ready (a firewall or proxy that lets HTTPS through but not
// WebSockets): GET /gateway/bot names a WebSocket server on the same port that `onConnection` serves; every other
// request is a 404. For tests of start-up against it, in this process or in a bot process.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface UnreadyDiscord {
  apiUrl: string;
  gatewayUrl: string;
  /** Every WebSocket connection the gateway accepted, in order. */
  connections: WebSocket[];
  close(): Promise<void>;
}

/** By default the gateway accepts each connection and never says HELLO. */
export async function startUnreadyDiscord(onConnection: (socket: WebSocket) => void = () => {}): Promise<UnreadyDiscord> {
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
