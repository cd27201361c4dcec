// Closing a fetcher (the bot stopping) cuts off the fetches in flight, says so in their own code, and refuses any
// fetch after it; and a fetch leaves nothing behind on signals that outlive it (on Node 20 a signal made with
// AbortSignal.any from one that lives as long as the process is kept by it: one entry per fetch, never freed).
import { getEventListeners } from 'node:events';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startHttpServer } from '../../helpers/http-server.js';
import { makeFetcher, track } from './setup.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('closing the fetcher', () => {
  it('cuts off a fetch in flight as stopped, and refuses any fetch after it', async () => {
    const held: ServerResponse[] = [];
    const server = track(await startHttpServer((_req, res) => void held.push(res)));
    const fetcher = makeFetcher({ timeoutMs: 30_000 });
    const inFlight = fetcher(server.url).catch((e: unknown) => e);
    await vi.waitFor(() => expect(held).toHaveLength(1));
    await fetcher.close();
    expect(await inFlight).toMatchObject({ code: 'stopped', message: 'The fetch was cut off: Gazette is stopping.' });
    await expect(fetcher(server.url)).rejects.toMatchObject({ code: 'stopped' });
    for (const res of held) res.destroy();
  });

  it('leaves nothing of a fetch on a signal that outlives it', async () => {
    const server = track(
      await startHttpServer((req, res) => {
        res.statusCode = req.url === '/missing' ? 404 : 200;
        res.end('<html><body>hello</body></html>');
      }),
    );
    const fetcher = makeFetcher();
    const caller = new AbortController(); // a caller's signal that lives on, as the fetcher's own close did
    const any = vi.spyOn(AbortSignal, 'any');
    for (let i = 0; i < 3; i++) {
      await fetcher(server.url);
      await fetcher(server.url, { signal: caller.signal });
      await expect(fetcher(`${server.origin}/missing`, { signal: caller.signal })).rejects.toMatchObject({ status: 404 });
    }
    expect(any).not.toHaveBeenCalled();
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
  });
});
