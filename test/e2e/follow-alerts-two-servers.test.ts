// A member who follows the same thing in two servers is owed a story that reaches both through each of them: leaving
// one server, or that server turning alerts off, before the DM goes out still gets them the story, through the other.
import type { APIEmbed } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandQueuedStory } from '../../src/db/alert-fanout.js';
import { addFollow, setFollowsEnabled } from '../../src/db/follows.js';
import { addSource } from '../../src/db/sources.js';
import { alertKeywords } from '../../src/ingest/alert-keywords.js';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import { startNewsSite, type NewsSite } from '../helpers/news-site.js';
import { georgiaStories } from '../helpers/georgia-stories.js';

const stories = georgiaStories;

describe('personal alerts owed through two servers', () => {
  let t: TestBot;
  let site: NewsSite;
  let feedId: number;
  let other: { guildId: string; news: string };

  async function publish(key: keyof typeof stories) {
    site.items.unshift({ slug: key, title: stories[key][0], text: stories[key][1], published: new Date(), fullInFeed: true });
    await t.pollNow(feedId);
  }
  /** A member of both servers, following Georgia in each. */
  async function memberOfBoth(username: string) {
    const userId = t.discord.addMember(t.guildId, { username });
    t.discord.addMember(other.guildId, { userId, username });
    for (const guildId of [t.guildId, other.guildId]) await addFollow(t.app.db.prisma, { guildId, userId, kind: 'country', value: 'GE', label: 'Georgia' }, new Date());
    return userId;
  }
  const descriptionOf = (userId: string) => (t.discord.directMessages(userId)[0]?.data.embeds[0] as APIEmbed | undefined)?.description ?? '';

  beforeAll(async () => {
    t = await startTestBot();
    site = await startNewsSite('Civil.ge');
    feedId = await t.followFeed(site.feedUrl);
    // A second server, made after the first (its id is the larger), following the same feed.
    const guildId = t.discord.addGuild({ name: 'Caucasus Watch' });
    other = { guildId, news: t.discord.addChannel(guildId, { name: 'news', type: 'text' }) };
    await addSource(t.app.db.prisma, { guildId, actorId: t.users.admin, url: site.feedUrl, kind: 'feed', channelId: other.news, intervalMinutes: 15 });
  });
  afterAll(async () => {
    await t.close();
    await site.close();
  });

  it('sends the story through the other server to a member who left the first before the DM', async () => {
    const ana = await memberOfBoth('ana');
    await publish('floods');
    t.discord.removeMember(t.guildId, ana);

    expect(await t.app.alerts.runOnce()).toBe(1);
    expect(t.discord.directMessages(ana)[0]!.data.content).toBe('1 new story you follow in Caucasus Watch.');
    expect(descriptionOf(ana)).toMatch(new RegExp(`^\\*\\*Caucasus Watch\\*\\*\\n• \\[Floods cut roads in western Georgia\\]\\(https://discord\\.com/channels/${other.guildId}/${other.news}/\\d+\\) — Civil\\.ge$`));
    // Their follows in the server they left go; nothing is left waiting.
    expect(await t.app.db.prisma.follow.findMany({ where: { userId: ana }, select: { guildId: true } })).toEqual([{ guildId: other.guildId }]);
    expect(await t.app.db.prisma.pendingAlert.count({ where: { userId: ana } })).toBe(0);
    t.discord.assertNoViolations();
  });

  it('sends the story through the other server when the first turns alerts off before the DM', async () => {
    const ben = await memberOfBoth('ben');
    await publish('wine');
    // The worker's first step, on its own: the story's followers are found and their alerts queued.
    while ((await expandQueuedStory(t.app.db.prisma, alertKeywords)).status !== 'empty');
    await setFollowsEnabled(t.app.db.prisma, t.guildId, t.users.admin, false);

    // Ben's DM (Ana, DMed a moment ago, waits for her interval).
    expect(await t.app.alerts.runOnce()).toBe(1);
    expect(t.discord.directMessages(ben)).toHaveLength(1);
    expect(descriptionOf(ben)).toMatch(new RegExp(`^\\*\\*Caucasus Watch\\*\\*\\n• \\[Georgian wine exports reach a record\\]\\(https://discord\\.com/channels/${other.guildId}/`));
    t.discord.assertNoViolations();
  });
});
