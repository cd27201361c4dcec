// The tags a story gets in a server (src/ingest/guild-views.ts): a source's default tag that names a region, country
// or topic is that tag, of its kind, so `/news top region:` and routes find the story by it.
import { describe, expect, it } from 'vitest';
import type { FeedAudience } from '../../../src/db/deliveries.js';
import { viewsForAudience } from '../../../src/ingest/guild-views.js';

const guild = '100000000000000111';
const audience = (tags: string[]): FeedAudience => ({
  sources: [{ id: 1, guildId: guild, channelId: '300000000000000111', region: null, tags, filter: null, createdAt: new Date() }],
  routes: new Map(),
  regionOverrides: new Map(),
  followingGuilds: new Set(),
});
const article = { title: 'Flood', text: 'Rivers rose.', language: 'en' };
const tagsOf = (tags: string[], countries: string[]) => viewsForAudience(audience(tags), { countries, topics: [] }, article).get(guild)!.tags;

describe('a story’s tags in a server', () => {
  it('makes a source’s default tag naming a region that region’s tag, and keeps other names as topics', () => {
    const tags = tagsOf(['South Caucasus', 'Flood watch'], []);
    expect(tags).toEqual([
      { name: 'south caucasus', label: 'South Caucasus', kind: 'region' },
      { name: 'flood watch', label: 'Flood watch', kind: 'topic' },
    ]);
  });

  it('keeps one tag of each name, of the kind the story’s own facts give it', () => {
    const tags = tagsOf(['South Caucasus'], ['GE']);
    expect(tags.filter((t) => t.name === 'south caucasus')).toEqual([{ name: 'south caucasus', label: 'South Caucasus', kind: 'region' }]);
    expect(tags.find((t) => t.kind === 'country')).toMatchObject({ label: 'Georgia' });
  });
});
