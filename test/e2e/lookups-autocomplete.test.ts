import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../src/db/articles.js';
import { addRoute } from '../../src/db/routes.js';
import { addSource } from '../../src/db/sources.js';
import { banTag, type TagInput } from '../../src/db/tags.js';
import type { Database } from '../../src/db/client.js';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import { articleFixture, newStory } from '../helpers/fixtures.js';


/** Tags a story in a guild directly, as the pipeline would. */
async function tagStory(prisma: Database['prisma'], guildId: string, storyId: number, tags: TagInput[]) {
  for (const t of tags) {
    const tag = await prisma.tag.upsert({ where: { guildId_name: { guildId, name: t.name } }, create: { guildId, ...t }, update: {} });
    await prisma.storyTag.create({ data: { guildId, storyId, tagId: tag.id } });
  }
}
type Choice = { name: string; value: string | number };

describe('autocomplete', () => {
  let t: TestBot;
  let storyId: number;
  let sources: { id: number }[];
  let routeId: number;

  const choices = async (command: string, values: Record<string, string | number>, focused: string, user = t.users.alice): Promise<Choice[]> => {
    const record = await t.discord.autocomplete(t.guildId, user, t.channels.news, command, values, focused).settled();
    expect(record.firstResponse?.type).toBe(8);
    expect(record.firstResponse?.ms).toBeLessThan(3000);
    const list = (record.firstResponse!.data as { choices: Choice[] }).choices;
    expect(list.length).toBeLessThanOrEqual(25);
    for (const c of list) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(String(c.value).length).toBeLessThanOrEqual(100);
      expect(String(c.value).length).toBeGreaterThan(0);
    }
    return list;
  };

  beforeAll(async () => {
    t = await startTestBot();
    const { prisma } = t.db;
    await prisma.guild.create({ data: { id: t.guildId } });
    const stored = await storeArticle(prisma, articleFixture({ title: 'Gas deal signed' }), newStory, { now: new Date(), windowHours: 1 });
    if (stored.status !== 'stored') throw new Error('not stored');
    storyId = stored.storyId;
    await prisma.guildStory.create({ data: { guildId: t.guildId, storyId } });
    await tagStory(prisma, t.guildId, storyId, [
      { name: 'energy', label: 'Energy', kind: 'topic' },
      { name: 'azerbaijan', label: 'Azerbaijan', kind: 'country' },
      { name: 'south caucasus', label: 'South Caucasus', kind: 'region' },
    ]);
    await prisma.tag.create({ data: { guildId: t.guildId, name: 'energy security', label: 'Energy security', kind: 'member' } });
    await banTag(prisma, t.guildId, t.users.admin, { name: 'spam', label: 'spam', kind: 'member' }, new Date());
    sources = [];
    for (const [url, title] of [['https://caspian.example/rss', 'Caspian Daily'], ['https://steppe.example/feed', null]] as const) {
      sources.push(await addSource(prisma, { guildId: t.guildId, actorId: t.users.admin, url, kind: 'feed', title: title ?? undefined, channelId: t.channels.news, intervalMinutes: 15 }));
    }
    routeId = (await addRoute(prisma, t.guildId, t.users.admin, { kind: 'region', value: 'south-caucasus', channelId: t.channels.caucasus })).id;
  });
  afterAll(() => t.close());

  it('offers the server’s regions by name, slug or alias, and a new one only where regions are defined', async () => {
    const found = await choices('news search', { query: 'gas', region: 'cauc' }, 'region');
    expect(found[0]).toEqual({ name: expect.stringMatching(/^South Caucasus \(\d+ countries\)$/), value: 'south-caucasus' });
    expect((await choices('news top', { region: '' }, 'region')).length).toBeGreaterThan(5);
    expect(await choices('news latest', { region: 'atlantis' }, 'region')).toEqual([]);
    const config = await choices('config region', { region: 'Atlantis' }, 'region');
    expect(config).toEqual([{ name: 'New region: Atlantis', value: 'Atlantis' }]);
    expect((await choices('config region', { region: 'south caucasus' }, 'region')).map((c) => c.name)).not.toContain('New region: south caucasus');
    // A first character longer than a choice's value may hold (a letter with 60 marks) offers no new region, rather
    // than a choice Discord refuses with every other.
    const stacked = `a${'\u0301'.repeat(60)}b`;
    expect((await choices('config region', { region: stacked }, 'region')).filter((c) => c.name.startsWith('New region'))).toEqual([]);
    t.discord.assertNoViolations();
  });

  it('offers existing tags for filters, and also the typed text when adding or banning one', async () => {
    expect(await choices('news search', { query: 'gas', tag: 'ener' }, 'tag')).toEqual([
      { name: 'Energy · topic', value: 'energy' },
      { name: 'Energy security · member tag', value: 'energy security' },
    ]);
    expect((await choices('news latest', { tag: 'spa' }, 'tag')).map((c) => c.value)).not.toContain('spam');
    const fresh = await choices('tag add', { story: storyId, tag: 'Zangezur corridor' }, 'tag');
    expect(fresh[0]).toEqual({ name: 'Zangezur corridor (new tag)', value: 'Zangezur corridor' });
    // What a member types is resolved like /tag add resolves it: "sanctions" is the Trade topic.
    expect((await choices('tag add', { story: storyId, tag: 'sanctions' }, 'tag'))[0]).toEqual({ name: 'Trade (new topic tag)', value: 'sanctions' });
    expect((await choices('tag add', { story: storyId, tag: 'Georgia' }, 'tag'))[0]).toEqual({ name: 'Georgia (new country tag)', value: 'Georgia' });
    // "azerbaijani" is the existing country tag, not a new one.
    expect(await choices('tag add', { story: storyId, tag: 'azerbaijani' }, 'tag')).toEqual([{ name: 'Azerbaijan · country', value: 'azerbaijan' }]);
    expect(await choices('tag add', { story: storyId, tag: 'spam' }, 'tag')).toEqual([]);
    expect((await choices('tags ban', { tag: 'Clickbait' }, 'tag'))[0]?.name).toBe('Clickbait (new tag)');
    expect((await choices('route add', { channel: t.channels.asia, tag: 'Clickbait' }, 'tag')).map((c) => c.name)).not.toContain('Clickbait (new tag)');
    const own = await choices('tag remove', { story: storyId, tag: '' }, 'tag');
    expect(own.map((c) => c.value).sort()).toEqual(['azerbaijan', 'energy', 'south caucasus']);
  });

  it('offers sources by number, title or address, and routes with their channel, channels to moderators only', async () => {
    const mod = t.users.admin;
    const all = await choices('news latest', { source: '' }, 'source', mod);
    expect(all.map((c) => c.value)).toEqual(sources.map((s) => s.id));
    expect(all[0]!.name).toBe(`#${sources[0]!.id} Caspian Daily (caspian.example/rss) → #news`);
    expect(all[1]!.name).toBe(`#${sources[1]!.id} steppe.example/feed → #news`);
    expect((await choices('source pause', { source: 'steppe' }, 'source', mod)).map((c) => c.value)).toEqual([sources[1]!.id]);
    expect((await choices('source remove', { source: String(sources[1]!.id) }, 'source', mod))[0]?.value).toBe(sources[1]!.id);
    expect(await choices('route remove', { route: '' }, 'route', mod)).toEqual([{ name: `#${routeId} region south-caucasus → #caucasus`, value: routeId }]);
    expect(await choices('route remove', { route: 'asia' }, 'route', mod)).toEqual([]);
    // A member picks a source for /news latest by its name; where it posts, and the server's routes, are not shown.
    expect((await choices('news latest', { source: '' }, 'source')).map((c) => c.name)).toEqual([`#${sources[0]!.id} Caspian Daily (caspian.example/rss)`, `#${sources[1]!.id} steppe.example/feed`]);
    expect(await choices('route remove', { route: '' }, 'route')).toEqual([]);
  });

  it('never shows or matches the user name and password of a private feed', async () => {
    const { prisma } = t.db;
    const url = 'https://reader:hunter2@private.example/feed.xml';
    const source = await addSource(prisma, { guildId: t.guildId, actorId: t.users.admin, url, kind: 'feed', channelId: t.channels.news, intervalMinutes: 15 });
    try {
      const found = await choices('news latest', { source: 'private' }, 'source');
      expect(found.map((c) => c.name)).toEqual([`#${source.id} private.example/feed.xml`]);
      // Typing the password a letter at a time must not tell a member when it is right.
      expect(await choices('news latest', { source: 'hunter' }, 'source')).toEqual([]);
      expect(await choices('news latest', { source: 'reader:' }, 'source')).toEqual([]);
      const audit = await prisma.auditLog.findFirstOrThrow({ where: { guildId: t.guildId, action: 'source.add', target: `source:${source.id}` } });
      expect(JSON.stringify(audit.details)).not.toContain('hunter2');
    } finally {
      await prisma.source.delete({ where: { id: source.id } });
    }
  });

  // A key in the query (`?token=…`) is as secret as a password: members saw it in every choice, and could find it a
  // letter at a time; moderators, who manage the source, still see the whole address.
  it('shows members a private feed\'s address without its query, and matches nothing in it', async () => {
    const { prisma } = t.db;
    const source = await addSource(prisma, { guildId: t.guildId, actorId: t.users.admin, url: 'https://keyed.example/feed.xml?token=SECRET123', kind: 'feed', channelId: t.channels.news, intervalMinutes: 15 });
    try {
      expect((await choices('news latest', { source: 'keyed' }, 'source')).map((c) => c.name)).toEqual([`#${source.id} keyed.example/feed.xml`]);
      expect(await choices('news latest', { source: 'token=S' }, 'source')).toEqual([]);
      expect((await choices('source pause', { source: 'keyed' }, 'source', t.users.admin)).map((c) => c.name)).toEqual([`#${source.id} keyed.example/feed.xml?token=SECRET123 → #news`]);
    } finally {
      await prisma.source.delete({ where: { id: source.id } });
    }
  });

  it('finds time zones by any part of their name', async () => {
    expect((await choices('config timezone', { timezone: 'baku' }, 'timezone'))[0]).toEqual({ name: expect.stringMatching(/^Asia\/Baku \(UTC\+04:00\)$/), value: 'Asia/Baku' });
    expect((await choices('config digest', { schedule: 'daily', timezone: 'new york' }, 'timezone'))[0]?.value).toBe('America/New_York');
    expect((await choices('config timezone', { timezone: 'utc' }, 'timezone'))[0]?.value).toBe('UTC');
    expect(await choices('config timezone', { timezone: 'a' }, 'timezone')).toHaveLength(25);
    expect(await choices('config timezone', { timezone: 'atlantis' }, 'timezone')).toEqual([]);
  });

  it('offers existing tags to merge, never the one being merged away as its target', async () => {
    expect((await choices('tags merge', { from: 'ener' }, 'from')).map((c) => c.value)).toEqual(['energy', 'energy security']);
    expect((await choices('tags merge', { from: 'energy', into: 'ener' }, 'into')).map((c) => c.value)).toEqual(['energy security']);
    t.discord.assertNoViolations();
  });
});
