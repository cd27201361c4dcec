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

  // Routes and `region:` filters read the view's regions: they must agree with the region tags the post shows.
  it('puts a story in the region a source’s tag names, so that routes follow it as the post shows it', () => {
    const view = viewsForAudience(audience(['South Caucasus']), { countries: ['US'], topics: [] }, article).get(guild)!;
    expect(view.regions).toContain('south-caucasus');
  });

  it('applies the region of every source of the server to a story that names no country', () => {
    const two: FeedAudience = {
      ...audience([]),
      sources: [
        { id: 1, guildId: guild, channelId: '300000000000000111', region: 'south-caucasus', tags: [], filter: null, createdAt: new Date() },
        { id: 2, guildId: guild, channelId: '300000000000000112', region: 'central-asia', tags: [], filter: null, createdAt: new Date() },
      ],
    };
    expect(viewsForAudience(two, { countries: [], topics: [] }, article).get(guild)!.regions.sort()).toEqual(['central-asia', 'south-caucasus']);
  });

  it('leaves a banned region out of the regions routes and filters read, as out of the tags', () => {
    const banned: FeedAudience = { ...audience([]), bannedTags: new Map([[guild, new Set(['south caucasus'])]]) };
    const view = viewsForAudience(banned, { countries: ['GE'], topics: [] }, article).get(guild)!;
    expect(view.tags.map((t) => t.name)).not.toContain('south caucasus');
    expect(view.regions).not.toContain('south-caucasus');
  });

  // A server that banned the "georgia" tag still alerted the members following Georgia (follows read `countries`).
  it('leaves a banned country out of the countries follows read, as out of the tags', () => {
    const banned: FeedAudience = { ...audience([]), bannedTags: new Map([[guild, new Set(['georgia'])]]) };
    const view = viewsForAudience(banned, { countries: ['GE', 'AM'], topics: [] }, article).get(guild)!;
    expect(view.tags.map((t) => t.name)).not.toContain('georgia');
    expect(view.countries).toEqual(['AM']);
    expect(viewsForAudience(audience([]), { countries: ['GE', 'AM'], topics: [] }, article).get(guild)!.countries).toEqual(['GE', 'AM']);
  });
});
