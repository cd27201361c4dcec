// One way to recognise a region, for every command and the tag reader: `/news top region:"the South Caucasus"`
// used to fail where `/source add` accepted it.
import { describe, expect, it } from 'vitest';
import { defaultRegions, matchRegion, resolveTag } from '../../../src/pipeline/tag/index.js';

describe('matchRegion', () => {
  it.each(['South Caucasus', 'the South Caucasus', 'south-caucasus', 'SOUTH   caucasus', 'The south-Caucasus'])('finds %j', (typed) => {
    expect(matchRegion(defaultRegions, typed)?.slug).toBe('south-caucasus');
  });

  it('finds nothing for an unknown or empty name', () => {
    expect(matchRegion(defaultRegions, 'Atlantis')).toBeUndefined();
    expect(matchRegion(defaultRegions, '  ')).toBeUndefined();
  });

  it('is what the tag reader uses', () => {
    expect(resolveTag('the South Caucasus')).toMatchObject({ kind: 'region', slug: 'south-caucasus' });
  });
});
