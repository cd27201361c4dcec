// A source that cannot be read is the website's fault, told to the member in words; a failure of Gazette's own while
// reading it (a bug, a crashed or stopped worker) is not, and must reach the generic answer and the error log.
import { describe, expect, it } from 'vitest';
import { isUserError } from '../../../src/errors.js';
import { FetchError } from '../../../src/pipeline/fetch/errors.js';
import { ParseError } from '../../../src/pipeline/parse/errors.js';
import { resolveSource, unreadableSource } from '../../../src/pipeline/resolve-source.js';
import type { FetchResult } from '../../../src/pipeline/types.js';
import type { CpuRunner } from '../../../src/pipeline/worker/cpu-runner.js';
import { JobLimitError } from '../../../src/pipeline/worker/pool.js';

const url = 'https://news.example/story';
const page: FetchResult = { requestedUrl: url, url, status: 200, notModified: false, contentType: 'text/html', body: '<html></html>', fetchedAt: new Date() };
const failingCpu = (error: Error): CpuRunner => ({ run: () => Promise.reject(error), close: () => Promise.resolve() });

describe('unreadableSource', () => {
  it("words the site's failures for the member", () => {
    expect(unreadableSource(new FetchError('http-status', 'The server answered 503 Service Unavailable.', { status: 503 }), url)).toMatchObject({
      code: 'unreadable',
      message: `Could not fetch ${url}: The server answered 503 Service Unavailable.`,
    });
    const parse = new ParseError('The page is empty.');
    expect(unreadableSource(parse, url)).toBe(parse);
    const limit = new JobLimitError('time', 'The page took too long to read.');
    expect(unreadableSource(limit, url)).toBe(limit);
  });

  it('quotes a long address cut to 300 characters, never through an emoji', () => {
    for (const path of ['', 'a']) {
      const long = `https://news.example/${path}${'😀'.repeat(200)}`;
      const { message } = unreadableSource(new FetchError('http-status', 'The server answered 404 Not Found.', { status: 404 }), long) as Error;
      const quoted = message.slice('Could not fetch '.length, message.indexOf(': The server'));
      expect(quoted.length).toBeLessThanOrEqual(300);
      expect(quoted).toMatch(/…$/);
      expect(long.startsWith(quoted.slice(0, -1))).toBe(true);
      expect(quoted).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/u);
    }
  });

  it("leaves Gazette's own failures as they are", () => {
    for (const error of [new TypeError("Cannot read properties of undefined (reading 'items')"), new Error('A pipeline worker stopped unexpectedly (exit code 1)'), new Error('The pipeline is shut down')]) {
      expect(unreadableSource(error, url)).toBe(error);
    }
  });

  it('lets a parse step that failed on our side through resolveSource as it is', async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'items')");
    const thrown = await resolveSource(() => Promise.resolve(page), url, { allowFileUrls: false }, failingCpu(bug)).catch((e: unknown) => e);
    expect(thrown).toBe(bug);
    expect(isUserError(thrown)).toBe(false);
  });
});
