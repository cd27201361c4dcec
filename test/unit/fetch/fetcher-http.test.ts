import { brotliCompressSync, constants, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { startHttpServer } from '../../helpers/http-server.js';
import { DEFAULT_USER_AGENT } from '../../../src/pipeline/fetch/options.js';
import { makeFetcher, track } from './setup.js';

const RSS = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Новости</title></channel></rss>';

describe('conditional GET', () => {
  it('returns validators on 200, then sends them and reports 304 as not modified', async () => {
    const server = track(
      await startHttpServer({
        '/feed.xml': (req, res) => {
          if (req.headers['if-none-match'] === '"v1"' && req.headers['if-modified-since'] === 'Mon, 06 Jan 2025 10:00:00 GMT') {
            res.statusCode = 304;
            res.setHeader('etag', '"v1"');
            res.end();
            return;
          }
          res.setHeader('content-type', 'application/rss+xml; charset=utf-8');
          res.setHeader('etag', '"v1"');
          res.setHeader('last-modified', 'Mon, 06 Jan 2025 10:00:00 GMT');
          res.end(RSS);
        },
      }),
    );
    const fetcher = makeFetcher();
    const first = await fetcher(`${server.origin}/feed.xml`);
    expect(first).toMatchObject({
      status: 200,
      notModified: false,
      contentType: 'application/rss+xml',
      body: RSS,
      etag: '"v1"',
      lastModified: 'Mon, 06 Jan 2025 10:00:00 GMT',
      url: `${server.origin}/feed.xml`,
      requestedUrl: `${server.origin}/feed.xml`,
    });
    const second = await fetcher(`${server.origin}/feed.xml`, { etag: first.etag, lastModified: first.lastModified });
    expect(second).toMatchObject({
      status: 304,
      notModified: true,
      body: '',
      etag: '"v1"',
      lastModified: 'Mon, 06 Jan 2025 10:00:00 GMT',
    });
    expect(server.requests[0]?.headers['if-none-match']).toBeUndefined();
    expect(server.requests[1]?.headers['if-none-match']).toBe('"v1"');
  });

  it('sends the Gazette User-Agent, a feed-first Accept and the encodings it decodes', async () => {
    const server = track(await startHttpServer((_req, res) => res.end('ok')));
    await makeFetcher()(server.url);
    const headers = server.requests[0]?.headers ?? {};
    expect(headers['user-agent']).toBe(DEFAULT_USER_AGENT);
    expect(headers['accept']).toMatch(/^application\/rss\+xml, application\/atom\+xml/);
    expect(headers['accept']).toContain('text/html');
    expect(headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('lets the userAgent option override the default', async () => {
    const server = track(await startHttpServer((_req, res) => res.end('ok')));
    await makeFetcher({ userAgent: 'Custom/1.0' })(server.url);
    expect(server.requests[0]?.headers['user-agent']).toBe('Custom/1.0');
  });
});

describe('compression', () => {
  const text = `<html><body>${'Ёжик в тумане. '.repeat(500)}</body></html>`;
  const cases: Array<[string, (b: Buffer) => Buffer]> = [
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ];
  for (const [encoding, compress] of cases) {
    it(`decodes a ${encoding} body`, async () => {
      const server = track(
        await startHttpServer((_req, res) => {
          res.setHeader('content-type', 'text/html; charset=utf-8');
          res.setHeader('content-encoding', encoding);
          res.end(compress(Buffer.from(text)));
        }),
      );
      const result = await makeFetcher()(server.url);
      expect(result.body).toBe(text);
      expect(result.contentType).toBe('text/html');
    });
  }

  it('decodes raw deflate, which some servers send as "deflate"', async () => {
    const server = track(
      await startHttpServer((_req, res) => {
        res.setHeader('content-encoding', 'deflate');
        res.end(deflateRawSync(Buffer.from(text)));
      }),
    );
    expect((await makeFetcher()(server.url)).body).toBe(text);
  });

  it('reports a body that is not what its encoding says as a decoding error', async () => {
    const server = track(
      await startHttpServer((_req, res) => {
        res.setHeader('content-encoding', 'gzip');
        res.end('this is not gzip at all');
      }),
    );
    await expect(makeFetcher()(server.url)).rejects.toMatchObject({ code: 'decoding' });
  });
});

describe('size cap', () => {
  it('stops a compression bomb once the decompressed size passes the cap', async () => {
    // 16 MB of zeros gzip to ~16 KB: small on the wire, far over a 1 MB cap once inflated.
    const bomb = gzipSync(Buffer.alloc(16 * 1024 * 1024), { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const server = track(
      await startHttpServer((_req, res) => {
        res.setHeader('content-type', 'text/html');
        res.setHeader('content-encoding', 'gzip');
        res.end(bomb);
      }),
    );
    await expect(makeFetcher({ maxBytes: 1024 * 1024 })(server.url)).rejects.toMatchObject({
      code: 'too-large',
      message: 'The page is larger than 1 MB once decompressed.',
    });
  });

  it('stops a brotli bomb the same way', async () => {
    const bomb = brotliCompressSync(Buffer.alloc(16 * 1024 * 1024), { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } });
    const server = track(
      await startHttpServer((_req, res) => {
        res.setHeader('content-encoding', 'br');
        res.end(bomb);
      }),
    );
    await expect(makeFetcher({ maxBytes: 256 * 1024 })(server.url)).rejects.toMatchObject({ code: 'too-large' });
  });

  it('stops a huge streamed page without reading it all', async () => {
    let written = 0;
    let stopped = false;
    const server = track(
      await startHttpServer((_req, res) => {
        res.setHeader('content-type', 'text/html');
        const chunk = Buffer.alloc(64 * 1024, 'a');
        const write = (): void => {
          while (written < 50 * 1024 * 1024) {
            written += chunk.length;
            if (!res.write(chunk)) {
              res.once('drain', write);
              return;
            }
          }
          res.end();
        };
        res.on('close', () => (stopped = true));
        write();
      }),
    );
    await expect(makeFetcher({ maxBytes: 256 * 1024 })(server.url)).rejects.toMatchObject({
      code: 'too-large',
      message: 'The page is larger than 256 KB.',
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(stopped).toBe(true);
    expect(written).toBeLessThan(50 * 1024 * 1024);
  });

  it('refuses a declared Content-Length over the cap before reading', async () => {
    const server = track(
      await startHttpServer((_req, res) => {
        res.setHeader('content-length', String(2 * 1024 * 1024));
        res.write(Buffer.alloc(1024));
      }),
    );
    await expect(makeFetcher({ maxBytes: 1024 * 1024 })(server.url)).rejects.toMatchObject({ code: 'too-large' });
  });
});

describe('redirects', () => {
  it('follows a chain of relative and absolute redirects and reports the final URL', async () => {
    const server = track(
      await startHttpServer({
        '/a': (_req, res) => res.writeHead(301, { location: '/b' }).end(),
        '/b': (_req, res) => res.writeHead(302, { location: 'c?x=1' }).end(),
        '/c': (req, res) => res.writeHead(307, { location: `http://${req.headers.host}/final` }).end(),
        '/final': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('arrived'),
      }),
    );
    const result = await makeFetcher()(`${server.origin}/a`);
    expect(result).toMatchObject({ status: 200, body: 'arrived', url: `${server.origin}/final`, requestedUrl: `${server.origin}/a` });
    expect(server.requests.map((r) => r.url)).toEqual(['/a', '/b', '/c?x=1', '/final']);
  });

  it('detects a loop', async () => {
    const server = track(
      await startHttpServer({
        '/a': (_req, res) => res.writeHead(302, { location: '/b' }).end(),
        '/b': (_req, res) => res.writeHead(302, { location: '/a' }).end(),
      }),
    );
    await expect(makeFetcher()(`${server.origin}/a`)).rejects.toMatchObject({ code: 'redirect-loop' });
    expect(server.requests).toHaveLength(2);
  });

  it('gives up after maxRedirects', async () => {
    const server = track(
      await startHttpServer((req, res) => {
        const n = Number((req.url ?? '').split('/')[1] ?? 0);
        res.writeHead(302, { location: `/${n + 1}` }).end();
      }),
    );
    await expect(makeFetcher({ maxRedirects: 3 })(`${server.origin}/0`)).rejects.toMatchObject({
      code: 'too-many-redirects',
      message: 'Gave up after 3 redirects.',
    });
    expect(server.requests).toHaveLength(4);
  });

  it('never follows a redirect to a file: URL', async () => {
    const server = track(await startHttpServer((_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end()));
    await expect(makeFetcher({ allowFileUrls: true })(server.url)).rejects.toMatchObject({ code: 'unsupported-scheme' });
  });
});

describe('HTTP errors', () => {
  it.each([
    [404, 'The server answered 404 Not Found.'],
    [500, 'The server answered 500 Internal Server Error.'],
    [410, 'The server answered 410 Gone.'],
  ])('maps %i to a readable message', async (status, message) => {
    const server = track(await startHttpServer((_req, res) => res.writeHead(status).end('nope')));
    await expect(makeFetcher()(server.url)).rejects.toMatchObject({ name: 'FetchError', code: 'http-status', status, message });
  });

  it('carries Retry-After of a 429 in milliseconds', async () => {
    const server = track(await startHttpServer((_req, res) => res.writeHead(429, { 'retry-after': '120' }).end()));
    await expect(makeFetcher()(server.url)).rejects.toMatchObject({
      code: 'http-status',
      status: 429,
      retryAfter: 120_000,
      message: 'The server answered 429 Too Many Requests. It asks to wait 120 s before trying again.',
    });
  });

  it('refuses binary content', async () => {
    const server = track(await startHttpServer((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end('PNG')));
    await expect(makeFetcher()(server.url)).rejects.toMatchObject({ code: 'unsupported-content' });
  });

  it('reports a refused connection', async () => {
    const server = await startHttpServer(() => undefined);
    await server.close();
    await expect(makeFetcher()(server.url)).rejects.toMatchObject({ code: 'connection', message: '127.0.0.1 refused the connection.' });
  });

  it('rejects bad and unsupported URLs without echoing them', async () => {
    const fetcher = makeFetcher();
    await expect(fetcher('not a url :// secret')).rejects.toMatchObject({ code: 'bad-url', message: 'That is not a valid web address.' });
    await expect(fetcher('ftp://example.com/feed')).rejects.toMatchObject({ code: 'unsupported-scheme' });
  });
});

describe('a connection closed before any answer', () => {
  it('is asked once more on a new connection (a kept-alive socket the server had just closed), and only once', async () => {
    let calls = 0;
    const server = track(
      await startHttpServer((req, res) => {
        calls++;
        if (calls === 1) return void req.socket.destroy();
        res.end('fine');
      }),
    );
    const result = await makeFetcher()(`${server.origin}/ok`);
    expect([result.body, calls]).toEqual(['fine', 2]);
    const always = track(await startHttpServer((req) => void req.socket.destroy()));
    await expect(makeFetcher()(`${always.origin}/never`)).rejects.toMatchObject({ code: 'connection' });
    expect(always.requests).toHaveLength(2);
  });
});

describe('credentials in URLs', () => {
  it('sends them as basic auth and keeps them out of results, messages and logs', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
    const server = track(
      await startHttpServer({ '/private.xml': (_req, res) => res.writeHead(404).end(), '/ok': (_req, res) => res.end('fine') }),
    );
    const fetcher = makeFetcher({ logger });
    const error: unknown = await fetcher(`http://reader:s3cret@127.0.0.1:${server.port}/private.xml`).catch((e: unknown) => e);
    expect(server.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from('reader:s3cret').toString('base64')}`);
    expect((error as Error).message).toBe('The server answered 404 Not Found.');

    const result = await fetcher(`http://reader:s3cret@127.0.0.1:${server.port}/ok`);
    expect(result.url).toBe(`${server.origin}/ok`);
    expect(result.requestedUrl).toBe(`${server.origin}/ok`);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.join('')).not.toContain('s3cret');
  });

  it('sends a password with a % that starts no escape as written, and decodes the escapes there are', async () => {
    const server = track(await startHttpServer((_req, res) => res.end('fine')));
    // The URL parser keeps "50%off" as is; decoding it threw a URIError, and the member heard it was Gazette's fault.
    await makeFetcher()(`http://re%61der:50%off%20now@127.0.0.1:${server.port}/ok`);
    expect(server.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from('reader:50%off now').toString('base64')}`);
  });

  it('does not forward them to another origin on a redirect', async () => {
    const other = track(await startHttpServer((_req, res) => res.end('elsewhere'), { host: '127.0.0.2' }));
    const server = track(
      await startHttpServer({
        '/a': (_req, res) => res.writeHead(302, { location: '/b' }).end(),
        '/b': (_req, res) => res.writeHead(302, { location: other.url }).end(),
      }),
    );
    await makeFetcher()(`http://reader:s3cret@127.0.0.1:${server.port}/a`);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([expect.stringMatching(/^Basic /), expect.stringMatching(/^Basic /)]);
    expect(other.requests[0]?.headers.authorization).toBeUndefined();
  });
});
