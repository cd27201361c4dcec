// `/source pause` then `/source resume`: of what the feed published during the pause only the newest few are posted,
// as a backfill, whether the feed is the server's alone (not read while paused) or shared with another server (read
// for it meanwhile); what comes after the resume is posted as news (src/db/deliveries.ts, listeningSince).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSource, resumeBacklog } from '../../src/db/sources.js';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import { georgiaStories } from '../helpers/georgia-stories.js';
import { startNewsSite, type NewsSite } from '../helpers/news-site.js';

type Key = keyof typeof georgiaStories;

describe('resuming a paused source', () => {
  let t: TestBot;
  let lone: NewsSite;
  let shared: NewsSite;
  let other: { guildId: string; news: string };
  const sources: number[] = [];

  let minutes = 0;
  const publish = (site: NewsSite, ...keys: Key[]) => {
    for (const key of keys) site.items.unshift({ slug: key, title: georgiaStories[key][0], text: georgiaStories[key][1], published: new Date(Date.now() + ++minutes * 60_000), fullInFeed: true });
  };
  const titles = (...keys: Key[]) => keys.map((k) => georgiaStories[k][0]).sort();
  const posts = (channel: string) => t.discord.messages(channel, { includeEphemeral: false }).map((m) => m.data.embeds[0]?.title);
  const moderate = async (command: 'source pause' | 'source resume', source: number) =>
    String(((await t.discord.slash(t.guildId, t.users.admin, t.channels.news, command, { source }).settled()).firstResponse!.data as { content?: string }).content ?? '');

  beforeAll(async () => {
    t = await startTestBot();
    lone = await startNewsSite('Lone Post');
    shared = await startNewsSite('Shared Wire');
    const add = (url: string, guildId: string, channelId: string) => addSource(t.app.db.prisma, { guildId, actorId: t.users.admin, url, kind: 'feed', channelId, intervalMinutes: 15 });
    sources.push((await add(lone.feedUrl, t.guildId, t.channels.news)).id, (await add(shared.feedUrl, t.guildId, t.channels.caucasus)).id);
    const guildId = t.discord.addGuild({ name: 'Caucasus Watch' });
    other = { guildId, news: t.discord.addChannel(guildId, { name: 'news', type: 'text' }) };
    await add(shared.feedUrl, guildId, other.news);
    await t.poll(); // the first reads, of empty feeds
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([lone.close(), shared.close()]);
  });

  it('posts the newest few of what the feed published while paused, shared or not, and everything after the resume', async () => {
    for (const source of sources) expect(await moderate('source pause', source)).toMatch(/^Paused source/);
    const duringPause: Key[] = ['parliament', 'floods', 'wine', 'skiing', 'shipping', 'border'];
    expect(duringPause.length).toBeGreaterThan(resumeBacklog);
    publish(lone, ...duringPause);
    publish(shared, 'metro');
    await t.pollNow();
    // The other server's source read the shared feed meanwhile; the paused feed of this server alone was not read.
    expect(posts(other.news)).toEqual([georgiaStories.metro[0]]);
    expect(posts(t.channels.news)).toEqual([]);
    expect(posts(t.channels.caucasus)).toEqual([]);

    for (const source of sources) expect(await moderate('source resume', source)).toMatch(new RegExp(`^Resumed source .* its ${resumeBacklog} newest stories at most are posted\\.$`));
    publish(lone, 'baku');
    publish(shared, 'hydropower');
    await t.pollNow();
    await t.deliver();
    // Both the same way: the pause's newest stories (all of the shared feed's one), and what came after. The feed of
    // this server alone, unread since the pause, cannot tell what came out just after the resume from the pause's:
    // its newest items, those included, make the backlog.
    expect(posts(t.channels.news).sort()).toEqual(titles(...duringPause.slice(1 - resumeBacklog), 'baku'));
    expect(posts(t.channels.caucasus).sort()).toEqual(titles('metro', 'hydropower'));
    expect(posts(other.news).sort()).toEqual(titles('metro', 'hydropower'));
    t.discord.assertNoViolations();
  });
});
