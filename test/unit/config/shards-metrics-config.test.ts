// The scale-out settings in src/config.ts: SHARD_COUNT, SHARD_IDS and METRICS_PORT, reported with every other
// problem at once.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.js';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('shard and metrics settings', () => {
  it('leaves sharding to Discord and the metrics port off by default', () => {
    const config = loadConfig({});
    expect(config.SHARD_COUNT).toBeUndefined();
    expect(config.SHARD_IDS).toBeUndefined();
    expect(config.METRICS_PORT).toBeUndefined();
    expect(loadConfig({ SHARD_COUNT: '', SHARD_IDS: ' ', METRICS_PORT: '' })).toMatchObject({ SHARD_COUNT: undefined, SHARD_IDS: undefined, METRICS_PORT: undefined });
  });

  it('reads a shard count alone (this process runs them all) or with the ids this process runs', () => {
    const all = loadConfig({ SHARD_COUNT: '4' });
    expect(all.SHARD_COUNT).toBe(4);
    expect(all.SHARD_IDS).toBeUndefined();
    expect(loadConfig({ SHARD_COUNT: '4', SHARD_IDS: '2,3' })).toMatchObject({ SHARD_COUNT: 4, SHARD_IDS: [2, 3] });
    expect(loadConfig({ SHARD_COUNT: '4', SHARD_IDS: ' 0 , 3 ' })).toMatchObject({ SHARD_IDS: [0, 3] });
    expect(loadConfig({ SHARD_COUNT: '1', SHARD_IDS: '0' })).toMatchObject({ SHARD_COUNT: 1, SHARD_IDS: [0] });
  });

  it('rejects counts and ids that cannot be shards', () => {
    expect(problems({ SHARD_COUNT: '0' })).toEqual([expect.stringMatching(/^SHARD_COUNT: /)]);
    expect(problems({ SHARD_COUNT: 'two' })).toEqual([expect.stringMatching(/^SHARD_COUNT: /)]);
    expect(problems({ SHARD_COUNT: '1.5' })).toEqual([expect.stringMatching(/^SHARD_COUNT: /)]);
    expect(problems({ SHARD_COUNT: '4', SHARD_IDS: '0;1' })).toEqual(['SHARD_IDS: must be shard ids separated by commas, such as 0,1']);
    expect(problems({ SHARD_COUNT: '4', SHARD_IDS: '1,' })).toEqual(['SHARD_IDS: must be shard ids separated by commas, such as 0,1']);
    expect(problems({ SHARD_COUNT: '4', SHARD_IDS: '-1' })).toEqual(['SHARD_IDS: must be shard ids separated by commas, such as 0,1']);
    expect(problems({ SHARD_COUNT: '4', SHARD_IDS: '1,1' })).toEqual(['SHARD_IDS: must not repeat a shard id']);
  });

  it('needs SHARD_COUNT with SHARD_IDS, and ids below it', () => {
    expect(problems({ SHARD_IDS: '0,1' })).toEqual(['SHARD_IDS: needs SHARD_COUNT, the number of shards across all processes']);
    expect(problems({ SHARD_COUNT: '2', SHARD_IDS: '1,2' })).toEqual(['SHARD_IDS: shard ids run from 0 to SHARD_COUNT − 1 (1); 2 is out of range']);
    expect(problems({ SHARD_COUNT: '2', SHARD_IDS: '0,2,5' })).toEqual(['SHARD_IDS: shard ids run from 0 to SHARD_COUNT − 1 (1); 2, 5 are out of range']);
  });

  it('reports shard problems together with every other bad variable', () => {
    const found = problems({ LOG_LEVEL: 'loud', FETCH_PER_HOST: '0', SHARD_IDS: '3', METRICS_PORT: '70000' }).map((p) => p.split(':')[0]).sort();
    expect(found).toEqual(['FETCH_PER_HOST', 'LOG_LEVEL', 'METRICS_PORT', 'SHARD_IDS']);
    // A malformed count is reported once, not again as "SHARD_IDS needs SHARD_COUNT".
    expect(problems({ SHARD_COUNT: 'x', SHARD_IDS: '0' }).map((p) => p.split(':')[0])).toEqual(['SHARD_COUNT']);
  });

  it('reads the metrics port; 0 picks a free one', () => {
    expect(loadConfig({ METRICS_PORT: '9464' }).METRICS_PORT).toBe(9464);
    expect(loadConfig({ METRICS_PORT: '0' }).METRICS_PORT).toBe(0);
    expect(problems({ METRICS_PORT: 'http' })).toEqual([expect.stringMatching(/^METRICS_PORT: /)]);
    expect(problems({ METRICS_PORT: '-1' })).toEqual([expect.stringMatching(/^METRICS_PORT: /)]);
  });
});
