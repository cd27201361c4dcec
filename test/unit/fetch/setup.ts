// Shared test plumbing: a fetcher with small limits, closed after each test file.
import { afterEach } from 'vitest';
import { createFetcher, type ClosableFetcher } from '../../../src/pipeline/fetch/fetcher.js';
import type { FetcherOptions } from '../../../src/pipeline/fetch/options.js';
import type { TestHttpServer } from '../../helpers/http-server.js';

export const testOptions: FetcherOptions = {
  timeoutMs: 5_000,
  connectTimeoutMs: 2_000,
  maxBytes: 1024 * 1024,
  maxRedirects: 5,
  perHost: 2,
  // Test servers live on 127.0.0.1; the SSRF tests turn the guard back on.
  allowPrivateNetworks: true,
  allowFileUrls: false,
};

const open: Array<ClosableFetcher | TestHttpServer> = [];

/** A fetcher with test limits (overridable), closed after the current test. */
export function makeFetcher(overrides: Partial<FetcherOptions> = {}): ClosableFetcher {
  const fetcher = createFetcher({ ...testOptions, ...overrides });
  open.push(fetcher);
  return fetcher;
}

/** Closes `server` after the current test. */
export function track<T extends TestHttpServer>(server: T): T {
  open.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});
