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

// The DM goes out with the stories it can tell; one owed only through a server the member has left is not told, and so
// not counted as told: when it reaches another of their servers later, they are alerted to it there.
describe('a story the DM could not tell', () => {
  let t: TestBot;
  let civil: NewsSite;
  let oc: NewsSite;
  let civilFeed: number;
  let ocFeed: number;
  let other: { guildId: string; news: string };

  beforeAll(async () => {
    t = await startTestBot();
    civil = await startNewsSite('Civil.ge');
    oc = await startNewsSite('OC Media');
    // The first server follows Civil.ge; a second follows OC Media.
    civilFeed = await t.followFeed(civil.feedUrl);
    const guildId = t.discord.addGuild({ name: 'Caucasus Watch' });
    other = { guildId, news: t.discord.addChannel(guildId, { name: 'news', type: 'text' }) };
    ocFeed = (await addSource(t.app.db.prisma, { guildId, actorId: t.users.admin, url: oc.feedUrl, kind: 'feed', channelId: other.news, intervalMinutes: 15 })).feedId;
    await t.pollNow(ocFeed);
  });
  afterAll(async () => {
    await t.close();
    await civil.close();
    await oc.close();
  });

  it('alerts the member when that story reaches another of their servers', async () => {
    const userId = t.discord.addMember(t.guildId, { username: 'levan' });
    t.discord.addMember(other.guildId, { userId, username: 'levan' });
    for (const guildId of [t.guildId, other.guildId]) await addFollow(t.app.db.prisma, { guildId, userId, kind: 'country', value: 'GE', label: 'Georgia' }, new Date());
    const [floodsTitle, floodsText] = stories.floods;
    oc.items.unshift({ slug: 'floods', title: floodsTitle, text: floodsText, published: new Date(), fullInFeed: true });
    await t.pollNow(ocFeed);
    civil.items.unshift({ slug: 'wine', title: stories.wine[0], text: stories.wine[1], published: new Date(), fullInFeed: true });
    await t.pollNow(civilFeed);
    // Levan leaves the server where the floods story is, before the DM: it tells the wine story alone.
    t.discord.removeMember(other.guildId, userId);
    expect(await t.app.alerts.runOnce()).toBe(1);
    expect(t.discord.directMessages(userId)).toHaveLength(1);
    const told = (n: number) => (t.discord.directMessages(userId)[n]?.data.embeds[0] as APIEmbed | undefined)?.description ?? '';
    expect(told(0)).toContain(stories.wine[0]);
    expect(told(0)).not.toContain(floodsTitle);

    // Civil.ge reports the floods too: the story reaches the first server, where Levan follows Georgia.
    civil.items.unshift({ slug: 'floods', title: `${floodsTitle}, officials say`, text: floodsText, published: new Date(), fullInFeed: true });
    await t.pollNow(civilFeed);
    const floods = await t.app.db.prisma.article.findMany({ where: { title: { startsWith: floodsTitle } }, select: { storyId: true } });
    expect(floods).toHaveLength(2);
    expect(floods[0]!.storyId).toBe(floods[1]!.storyId); // one story, which Levan was never told of
    // His batch interval over, the next round tells him.
    await t.app.db.prisma.memberAlerts.update({ where: { userId }, data: { lastDmAt: new Date(Date.now() - 2 * 3_600_000) } });
    expect(await t.app.alerts.runOnce()).toBe(1);
    expect(t.discord.directMessages(userId)).toHaveLength(2);
    expect(told(1)).toContain(floodsTitle);
    t.discord.assertNoViolations();
  });
});
