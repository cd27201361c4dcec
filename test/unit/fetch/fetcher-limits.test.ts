import type { LookupAddress } from 'node:dns';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startHttpServer } from '../../helpers/http-server.js';
import { makeFetcher, track } from './setup.js';

/** A TCP server that accepts connections and never says a word (no HTTP answer, no TLS handshake). */
async function silentTcpServer() {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return track({
    url: `http://127.0.0.1:${port}/`,
    origin: `http://127.0.0.1:${port}`,
    port,
    requests: [],
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  });
}

describe('timeouts', () => {
  it('gives up connecting when the handshake never completes', async () => {
    // TCP connects, but a TLS handshake with a silent server never finishes: the connect timeout's job.
    const server = await silentTcpServer();
    await expect(makeFetcher({ connectTimeoutMs: 200, timeoutMs: 5_000 })(`https://127.0.0.1:${server.port}/`)).rejects.toMatchObject({
      code: 'timeout',
      message: 'Could not connect to 127.0.0.1 within 0.2 s.',
    });
  });

  it('counts a DNS lookup that hangs against the connect timeout', async () => {
    const hanging = (): Promise<LookupAddress[]> => new Promise(() => undefined);
    await expect(makeFetcher({ connectTimeoutMs: 200, dnsLookup: hanging })('http://slow-dns.example/')).rejects.toMatchObject({
      code: 'timeout',
    });
  });

  it('gives up on a server that accepts the request and never answers', async () => {
    const server = await silentTcpServer();
    await expect(makeFetcher({ timeoutMs: 300 })(server.url)).rejects.toMatchObject({
      code: 'timeout',
      message: 'No answer within 0.3 s.',
    });
  });

  it('gives up on a body that trickles in past the total timeout', async () => {
    const server = track(
      await startHttpServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        const tick = setInterval(() => res.write('.'), 50);
        res.on('close', () => clearInterval(tick));
      }),
    );
    await expect(makeFetcher({ timeoutMs: 400 })(server.url)).rejects.toMatchObject({ code: 'timeout' });
  });

  it('stops when the caller aborts', async () => {
    const server = await silentTcpServer();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(makeFetcher()(server.url, { signal: controller.signal })).rejects.toMatchObject({ code: 'aborted' });
  });
});

/** A server whose every answer takes `delayMs`, counting how many requests it holds at once, per Host header. */
async function countingServer(delayMs: number) {
  const current = new Map<string, number>();
  const peak = new Map<string, number>();
  let overall = 0;
  let peakOverall = 0;
  const server = track(
    await startHttpServer((req, res) => {
      const host = (req.headers.host ?? '').split(':')[0] ?? '';
      current.set(host, (current.get(host) ?? 0) + 1);
      peak.set(host, Math.max(peak.get(host) ?? 0, current.get(host) ?? 0));
      peakOverall = Math.max(peakOverall, ++overall);
      setTimeout(() => {
        current.set(host, (current.get(host) ?? 1) - 1);
        overall--;
        res.end('ok');
      }, delayMs);
    }),
  );
  return { server, peak, peakOverall: () => peakOverall };
}

describe('per-host limit', () => {
  it('runs at most perHost requests at a time against one host', async () => {
    const { server, peak } = await countingServer(60);
    const fetcher = makeFetcher({ perHost: 2 });
    const results = await Promise.all(Array.from({ length: 7 }, (_, i) => fetcher(`${server.origin}/item/${i}`)));
    expect(results.every((r) => r.body === 'ok')).toBe(true);
    expect(peak.get('127.0.0.1')).toBe(2);
    expect(server.requests).toHaveLength(7);
  });

  it('keeps one queue per host, so two hosts run side by side', async () => {
    const { server, peak, peakOverall } = await countingServer(60);
    const dnsLookup = async (): Promise<LookupAddress[]> => [{ address: '127.0.0.1', family: 4 }];
    const fetcher = makeFetcher({ perHost: 1, dnsLookup });
    await Promise.all(
      ['a.example', 'b.example'].flatMap((host) => Array.from({ length: 3 }, () => fetcher(`http://${host}:${server.port}/`))),
    );
    expect(peak.get('a.example')).toBe(1);
    expect(peak.get('b.example')).toBe(1);
    expect(peakOverall()).toBe(2);
  });

  it('frees the slot of a failed request', async () => {
    const server = track(await startHttpServer((_req, res) => res.writeHead(500).end()));
    const fetcher = makeFetcher({ perHost: 1 });
    for (let i = 0; i < 3; i++) await expect(fetcher(server.url)).rejects.toMatchObject({ status: 500 });
    const ok = track(await startHttpServer((_req, res) => res.end('fine')));
    expect((await fetcher(ok.url)).body).toBe('fine');
  });
});
