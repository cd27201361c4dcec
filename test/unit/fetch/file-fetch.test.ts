import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFetcher } from './setup.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gazette-fetch-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return pathToFileURL(path).href;
}

describe('file: URLs', () => {
  it('are refused unless allowed', async () => {
    const url = await file('feed.xml', '<rss/>');
    await expect(makeFetcher({ allowFileUrls: false })(url)).rejects.toMatchObject({
      code: 'file-not-allowed',
      message: 'Local files (file: addresses) are not allowed on this bot.',
    });
  });

  it('read a local file with its type from the extension and its charset detected', async () => {
    const fetcher = makeFetcher({ allowFileUrls: true });
    const xml = '<?xml version="1.0" encoding="windows-1251"?><rss><channel><title>Новости</title></channel></rss>';
    const cases: Array<[string, string | Buffer, string]> = [
      ['feed.rss', iconv.encode(xml, 'windows-1251'), 'application/rss+xml'],
      ['feed.atom', '<feed/>', 'application/atom+xml'],
      ['feed.xml', '<rss/>', 'application/xml'],
      ['feed.json', '{"version":"https://jsonfeed.org/version/1.1"}', 'application/json'],
      ['page.htm', '<html></html>', 'text/html'],
      ['thread.txt', 'plain words', 'text/plain'],
      ['no-extension', '<!doctype html><p>x</p>', 'text/html'],
    ];
    for (const [name, content, type] of cases) {
      const url = await file(name, content);
      const result = await fetcher(url);
      expect(result, name).toMatchObject({ status: 200, notModified: false, contentType: type, url, requestedUrl: url });
    }
    expect((await fetcher(pathToFileURL(join(dir, 'feed.rss')).href)).body).toBe(xml);
  });

  it('use the modification time as Last-Modified', async () => {
    const url = await file('dated.xml', '<rss/>');
    await utimes(new URL(url), new Date('2025-01-06T10:00:00Z'), new Date('2025-01-06T10:00:00Z'));
    const fetcher = makeFetcher({ allowFileUrls: true });
    const first = await fetcher(url);
    expect(first.lastModified).toBe('Mon, 06 Jan 2025 10:00:00 GMT');
    expect(await fetcher(url, { lastModified: first.lastModified })).toMatchObject({ status: 304, notModified: true, body: '' });
  });

  it('are held to the size cap', async () => {
    const url = await file('big.txt', Buffer.alloc(80 * 1024, 'a'));
    await expect(makeFetcher({ allowFileUrls: true, maxBytes: 64 * 1024 })(url)).rejects.toMatchObject({
      code: 'too-large',
      message: 'The page is larger than 64 KB.',
    });
  });

  it('report a missing file or a directory in plain words', async () => {
    const fetcher = makeFetcher({ allowFileUrls: true });
    await expect(fetcher(pathToFileURL(join(dir, 'missing.xml')).href)).rejects.toMatchObject({ code: 'file-unreadable', message: expect.stringMatching(/does not exist/) });
    await expect(fetcher(pathToFileURL(dir).href)).rejects.toMatchObject({ code: 'file-unreadable' });
  });

  it('refuse a named pipe at once, rather than wait for a writer for ever', async () => {
    const pipe = join(dir, 'pipe-feed.xml');
    execFileSync('mkfifo', [pipe]);
    const started = Date.now();
    await expect(makeFetcher({ allowFileUrls: true, timeoutMs: 60_000 })(pathToFileURL(pipe).href)).rejects.toMatchObject({ code: 'file-unreadable', message: expect.stringMatching(/is not a file/) });
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 10_000);
});
