// A member's tag label is cut to the tag length (50) where moderators name tags (/tags) and where a source is given
// tags (/source add tags:): the cut never leaves half an emoji, and a country, region or topic keeps its own label.
import { describe, expect, it } from 'vitest';
import { parseTagList } from '../../../src/discord/commands/source-checks.js';
import { tagInput } from '../../../src/discord/commands/tags.js';
import { defaultRegions } from '../../../src/pipeline/orchestrator.js';

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

describe('tag labels typed by moderators', () => {
  // 49 characters, then an emoji whose two halves straddle the 50th.
  const long = `${'Energy security in the Black Sea region and b'.padEnd(49, 'x')}🛢️ pipelines`;

  it('cuts a long member tag between characters, at 50 at most', () => {
    for (const label of [tagInput(long, defaultRegions).label, parseTagList(long, defaultRegions)[0]!]) {
      expect(label.length).toBeLessThanOrEqual(50);
      expect(label).not.toMatch(loneSurrogate);
      expect(label).toBe(long.slice(0, 49));
    }
  });

  it('keeps the label of a tag the pipeline sets', () => {
    expect(tagInput('Azerbaijani', defaultRegions).label).toBe(parseTagList('Azerbaijani', defaultRegions)[0]);
  });
});
