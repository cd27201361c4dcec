// The benchmarks read the server's URL three ways: raw and untrimmed (alerts: "  " meant a server named "  "),
// TEST_DATABASE_URL before DATABASE_URL (scale), or through the whole configuration (discord). One rule now, the bot's.
import { describe, expect, it } from 'vitest';
import { benchDatabaseUrl } from '../../bench/lib/database-url.js';

describe("a benchmark's database server", () => {
  const url = 'postgresql://gazette@127.0.0.1:5432/postgres';

  it('is --database-url when given, else DATABASE_URL, trimmed', () => {
    expect(benchDatabaseUrl(url, { DATABASE_URL: 'postgres://elsewhere/db' })).toBe(url);
    expect(benchDatabaseUrl(undefined, { DATABASE_URL: `  ${url}\n` })).toBe(url);
  });

  it('is none when DATABASE_URL is empty or blank, as for the bot', () => {
    expect(benchDatabaseUrl(undefined, { DATABASE_URL: '  ' })).toBeUndefined();
    expect(benchDatabaseUrl(undefined, {})).toBeUndefined();
  });

  it('follows DATABASE_URL, not TEST_DATABASE_URL, which only the tests read', () => {
    expect(benchDatabaseUrl(undefined, { TEST_DATABASE_URL: 'postgres://tests/db', DATABASE_URL: url })).toBe(url);
  });

  it('refuses a URL that is not PostgreSQL, and ignores the bot\'s other settings', () => {
    expect(() => benchDatabaseUrl('mysql://x/y', {})).toThrow(/DATABASE_URL: must start with postgres/);
    expect(benchDatabaseUrl(undefined, { DATABASE_URL: url, LOG_LEVEL: 'loud' })).toBe(url);
  });
});
