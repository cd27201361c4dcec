// Hostile bodies (issue "Hostile input can't stall or crash the bot", item 3): long Content-Encoding lists, bombs
// behind two encodings and bodies that decode slowly end quickly, each with its own plain words.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_CONTENT_ENCODINGS, readBody } from '../../../src/pipeline/fetch/body.js';
import { startHttpServer } from '../../helpers/http-server.js';
import { makeFetcher, track } from './setup.js';

const page = '<html><body><p>Hello</p></body></html>';

/** A server that answers every request with `body` under `Content-Encoding: encoding`. */
async function encodedServer(encoding: string, body: Buffer) {
  return track(
    await startHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': encoding });
      res.end(body);
    }),
  );
}

async function* once(buffer: Buffer): AsyncGenerator<Buffer> {
  yield buffer;
}

describe('content encodings', () => {
  it('refuses thousands of listed encodings at once, without building a decoder for each', async () => {
    const server = await encodedServer(Array.from({ length: 3000 }, () => 'gzip').join(','), gzipSync(page));
    const failure = await makeFetcher()(server.url).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'too-many-encodings' });
    expect((failure as Error).message).toMatch(/too many content encodings/);
    expect((failure as Error).message).not.toMatch(/connection/i);
  });

  it(`undoes up to ${MAX_CONTENT_ENCODINGS} encodings and refuses one more`, async () => {
    const twice = await encodedServer('gzip, gzip', gzipSync(gzipSync(page)));
    expect((await makeFetcher()(twice.url)).body).toBe(page);
    const thrice = await encodedServer('gzip, gzip, gzip', gzipSync(gzipSync(gzipSync(page))));
    await expect(makeFetcher()(thrice.url)).rejects.toMatchObject({
      code: 'too-many-encodings',
      message: 'The server sent too many content encodings (3); at most 2 are undone.',
    });
  });

  it('checks the count before decoding anything (readBody on its own)', async () => {
    await expect(readBody(once(Buffer.from('x')), 'br,'.repeat(5000), 1024)).rejects.toMatchObject({
      code: 'too-many-encodings',
    });
  });
});

describe('an error answer whose body trickles', () => {
  it('is that answer, with its Retry-After, not a silent server', async () => {
    const server = track(
      await startHttpServer((_req, res) => {
        res.writeHead(503, { 'content-type': 'text/html', 'retry-after': '120' });
        const drip = setInterval(() => res.write('<p>busy</p>'), 200);
        res.on('close', () => clearInterval(drip));
      }),
    );
    await expect(makeFetcher({ timeoutMs: 1_000 })(server.url)).rejects.toMatchObject({ code: 'http-status', status: 503, retryAfter: 120_000 });
  });
});

describe('oversized headers', () => {
  it('are said to be too large, not a failed connection to try again', async () => {
    const server = track(
      await startHttpServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html', 'x-padding': 'x'.repeat(100_000) });
        res.end(page);
      }),
    );
    await expect(makeFetcher()(server.url)).rejects.toMatchObject({ code: 'too-large', message: expect.stringMatching(/sent response headers larger than Gazette reads/) });
  });
});

describe('size cap after decompression', () => {
  it('reports a bomb behind two gzip layers as too large, not as a failed connection', async () => {
    const bomb = gzipSync(gzipSync(Buffer.alloc(8 * 1024 * 1024, 32)));
    const server = await encodedServer('gzip, gzip', bomb);
    await expect(makeFetcher({ maxBytes: 1024 * 1024 })(server.url)).rejects.toMatchObject({
      code: 'too-large',
      message: 'The page is larger than 1 MB once decompressed.',
    });
  });

  it('reports a bomb as too large from readBody too, whatever the stages throw while torn down', async () => {
    const bomb = gzipSync(gzipSync(Buffer.alloc(8 * 1024 * 1024, 32)));
    await expect(readBody(once(bomb), 'gzip, gzip', 64 * 1024)).rejects.toMatchObject({ code: 'too-large' });
  });
});

describe('deadline', () => {
  it('ends a body that is all here but slow to decode, as too slow', async () => {
    // 128 MB of zeros behind two gzip layers: a few KB on the wire, over a second of decoding; the cap is no help.
    const bomb = gzipSync(gzipSync(Buffer.alloc(128 * 1024 * 1024), { level: 1 }));
    const server = await encodedServer('gzip, gzip', bomb);
    await expect(makeFetcher({ maxBytes: 512 * 1024 * 1024, timeoutMs: 300 })(server.url)).rejects.toMatchObject({
      code: 'timeout',
      message: 'The page was too slow: it did not arrive and unpack within 0.3 s.',
    });
  });

  it('stops readBody when the signal fires mid-decode', async () => {
    const bomb = gzipSync(Buffer.alloc(128 * 1024 * 1024), { level: 1 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('deadline')), 50);
    await expect(readBody(once(bomb), 'gzip', 512 * 1024 * 1024, controller.signal)).rejects.toThrow('deadline');
  });
});
