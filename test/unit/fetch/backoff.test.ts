import { describe, expect, it } from 'vitest';
import { backoffDelayMs, MAX_BACKOFF_MS } from '../../../src/pipeline/fetch/backoff.js';
import { loadConfig } from '../../../src/config.js';
import { fetcherOptionsFromConfig } from '../../../src/pipeline/fetch/options.js';

const MINUTE = 60_000;

describe('backoffDelayMs', () => {
  it('is the plain interval without failures', () => {
    expect(backoffDelayMs(0, 15 * MINUTE, () => 0.5)).toBe(15 * MINUTE);
  });

  it('doubles per failure, jittered between half and all of it, never below the interval', () => {
    expect(backoffDelayMs(1, 15 * MINUTE, () => 0)).toBe(15 * MINUTE);
    expect(backoffDelayMs(1, 15 * MINUTE, () => 0.999999)).toBeCloseTo(30 * MINUTE, -2);
    expect(backoffDelayMs(3, 15 * MINUTE, () => 0)).toBe(60 * MINUTE);
    expect(backoffDelayMs(3, 15 * MINUTE, () => 0.5)).toBe(90 * MINUTE);
    const delays = [1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, 15 * MINUTE, () => 1));
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
  });

  it('is capped at a day however long the source has failed', () => {
    for (const failures of [10, 50, 1_000, Number.MAX_SAFE_INTEGER]) {
      const delay = backoffDelayMs(failures, 15 * MINUTE, () => 1);
      expect(delay).toBe(MAX_BACKOFF_MS);
      expect(Number.isFinite(delay)).toBe(true);
    }
  });

  it('spreads sources that failed together', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const delays = new Set(Array.from({ length: 20 }, () => backoffDelayMs(4, 15 * MINUTE, random)));
    expect(delays.size).toBeGreaterThan(15);
  });
});

describe('fetcherOptionsFromConfig', () => {
  it('maps the FETCH_* settings', () => {
    const config = loadConfig({ FETCH_TIMEOUT_MS: '30000', FETCH_PER_HOST: '3', ALLOW_PRIVATE_NETWORKS: 'true', ALLOW_FILE_SOURCES: '1' });
    expect(fetcherOptionsFromConfig(config)).toMatchObject({
      timeoutMs: 30_000,
      connectTimeoutMs: 10_000,
      maxBytes: 5 * 1024 * 1024,
      maxRedirects: 5,
      perHost: 3,
      allowPrivateNetworks: true,
      allowFileUrls: true,
    });
  });
});
