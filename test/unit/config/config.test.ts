import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.js';

describe('loadConfig', () => {
  it('gives sensible defaults for a bare environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ DATA_DIR: './data', DISCORD_API_URL: 'https://discord.com/api', ALLOW_PRIVATE_NETWORKS: false, FETCH_PER_HOST: 2, POLL_CRON: '*/30 * * * * *' });
    expect(config.DATABASE_URL).toBeUndefined();
    // Unset, the embedded database's cache is sized to its data at each start (src/db/embedded-cache.ts).
    expect(config.DATA_CACHE_MB).toBeUndefined();
  });

  it('reports every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ DISCORD_API_URL: 'not a url', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', FETCH_PER_HOST: '0', DATA_CACHE_MB: '8', DISCORD_DEV_GUILD_ID: 'abc', POLL_CRON: 'sometimes' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((p) => p.split(':')[0]).sort();
    expect(problems).toEqual(['DATABASE_URL', 'DATA_CACHE_MB', 'DISCORD_API_URL', 'DISCORD_DEV_GUILD_ID', 'FETCH_PER_HOST', 'LOG_LEVEL', 'POLL_CRON']);
  });

  it('says a DATABASE_URL whose password breaks the URL is one, without showing it', () => {
    let error: unknown;
    try {
      loadConfig({ DATABASE_URL: 'postgres://gazette:s3cr3t#PW@db.example/gazette' });
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).problems).toEqual(['DATABASE_URL: is not a valid URL: percent-encode special characters in the user name and password (# as %23, / as %2F, ? as %3F, @ as %40)']);
    expect((error as ConfigError).message).not.toContain('s3cr3t');
    expect(loadConfig({ DATABASE_URL: 'postgres://gazette:s3cr3t%23PW@db.example/gazette' }).DATABASE_URL).toBe('postgres://gazette:s3cr3t%23PW@db.example/gazette');
  });

  it('reads booleans and numbers from strings', () => {
    expect(loadConfig({ ALLOW_PRIVATE_NETWORKS: 'true', ALLOW_FILE_SOURCES: '1', FETCH_TIMEOUT_MS: '5000' })).toMatchObject({ ALLOW_PRIVATE_NETWORKS: true, ALLOW_FILE_SOURCES: true, FETCH_TIMEOUT_MS: 5000 });
    // Members' links stay under the address rules unless asked for separately.
    expect(loadConfig({ ALLOW_PRIVATE_NETWORKS: 'true' })).toMatchObject({ ALLOW_PRIVATE_NETWORKS_FOR_MEMBERS: false });
    expect(loadConfig({ ALLOW_PRIVATE_NETWORKS_FOR_MEMBERS: 'yes' })).toMatchObject({ ALLOW_PRIVATE_NETWORKS_FOR_MEMBERS: true });
  });

  it('sizes the pipeline workers: one core left to the bot, 0 for inline, limits per job', () => {
    expect(loadConfig({})).toMatchObject({ PIPELINE_WORKERS: Math.max(1, availableParallelism() - 1), PIPELINE_JOB_TIMEOUT_MS: 10_000, PIPELINE_JOB_MEMORY_MB: 128 });
    expect(loadConfig({ PIPELINE_WORKERS: '0', PIPELINE_JOB_TIMEOUT_MS: '2500', PIPELINE_JOB_MEMORY_MB: '256' })).toMatchObject({ PIPELINE_WORKERS: 0, PIPELINE_JOB_TIMEOUT_MS: 2500, PIPELINE_JOB_MEMORY_MB: 256 });
    expect(() => loadConfig({ PIPELINE_WORKERS: '-1' })).toThrow(/PIPELINE_WORKERS/);
    expect(() => loadConfig({ PIPELINE_JOB_MEMORY_MB: '8' })).toThrow(/PIPELINE_JOB_MEMORY_MB/);
  });

  it('needs a model when an LLM summarizer is configured', () => {
    expect(() => loadConfig({ SUMMARIZER_URL: 'http://127.0.0.1:1/v1' })).toThrow(/SUMMARIZER_MODEL/);
  });

  it('reads the optional translation endpoint: a URL, a model with it, a bounded timeout', () => {
    const unset = loadConfig({});
    expect([unset.TRANSLATE_URL, unset.TRANSLATE_MODEL, unset.TRANSLATE_TIMEOUT_MS]).toEqual([undefined, undefined, 8000]);
    expect(loadConfig({ TRANSLATE_URL: 'http://127.0.0.1:11434/v1', TRANSLATE_MODEL: 'qwen2.5', TRANSLATE_API_KEY: 'k' })).toMatchObject({ TRANSLATE_URL: 'http://127.0.0.1:11434/v1', TRANSLATE_MODEL: 'qwen2.5', TRANSLATE_API_KEY: 'k' });
    expect(() => loadConfig({ TRANSLATE_URL: 'http://127.0.0.1:11434/v1' })).toThrow(/TRANSLATE_MODEL: required when TRANSLATE_URL is set/);
    expect(() => loadConfig({ TRANSLATE_URL: 'not a url' })).toThrow(/TRANSLATE_URL/);
    expect(() => loadConfig({ TRANSLATE_TIMEOUT_MS: '100' })).toThrow(/TRANSLATE_TIMEOUT_MS/);
  });

  it('reports a missing model beside every other problem, not alone after them', () => {
    let error: unknown;
    try {
      loadConfig({ SUMMARIZER_URL: 'http://127.0.0.1:1/v1', TRANSLATE_URL: 'http://127.0.0.1:2/v1', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual(['LOG_LEVEL', 'SUMMARIZER_MODEL', 'TRANSLATE_MODEL']);
    // One endpoint's bad address does not hide the other's missing model.
    try {
      loadConfig({ SUMMARIZER_URL: 'nope', TRANSLATE_URL: 'http://127.0.0.1:2/v1' });
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual(['SUMMARIZER_URL', 'TRANSLATE_MODEL']);
  });

  it('lists a missing token with the other problems when the caller needs one, and does without it otherwise', () => {
    let error: unknown;
    try {
      loadConfig({ LOG_LEVEL: 'loud', TRANSLATE_URL: 'http://127.0.0.1:2/v1' }, { requireToken: true });
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual(['DISCORD_TOKEN', 'LOG_LEVEL', 'TRANSLATE_MODEL']);
    expect(() => loadConfig({ DISCORD_TOKEN: ' ' }, { requireToken: true })).toThrow(/DISCORD_TOKEN: is not set/);
    expect(loadConfig({ DISCORD_TOKEN: 't' }, { requireToken: true }).DISCORD_TOKEN).toBe('t');
    // The ingest preview (src/cli/ingest.ts) runs without a bot.
    expect(loadConfig({}).DISCORD_TOKEN).toBeUndefined();
  });

  it('takes a blank variable (`NAME=` in .env) as unset: the default, not 0 or an empty path', () => {
    const blank = loadConfig({ PIPELINE_WORKERS: '', FETCH_TIMEOUT_MS: ' ', DATA_DIR: '', REST_PROXY_HOST: '', POLL_CRON: '', DISCORD_API_URL: '', LOG_LEVEL: '' });
    const unset = loadConfig({});
    expect(blank).toEqual(unset);
    expect(blank).toMatchObject({ PIPELINE_WORKERS: Math.max(1, availableParallelism() - 1), FETCH_TIMEOUT_MS: 20_000, DATA_DIR: './data' });
  });
});
