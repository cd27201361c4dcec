// Personal alerts (issue 11, ADR 16) through the real bot and the Discord stand-in: `/follow` resolves what a member
// follows and answers privately; stories arriving in the server are batched into at most one DM per interval, none
// in quiet hours; the DM's button unfollows; closed DMs and members who left are handled without a fuss.
import type { APIEmbed } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandQueuedStory } from '../../src/db/alert-fanout.js';
import { storeArticle } from '../../src/db/articles.js';
import { alertKeywords } from '../../src/ingest/alert-keywords.js';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import type { OptionValue, StoredMessage } from '../helpers/discord/index.js';
import { startNewsSite, type NewsSite } from '../helpers/news-site.js';
import { georgiaStories } from '../helpers/georgia-stories.js';
import { articleFixture, newStory } from '../helpers/fixtures.js';

const stories = georgiaStories;

type StoryKey = keyof typeof stories;
const embedOf = (m: StoredMessage): APIEmbed => m.data.embeds[0]!;
const buttonsOf = (m: StoredMessage) =>
  (m.data.components as unknown as { components: { custom_id?: string; label?: string; disabled?: boolean }[] }[]).flatMap((row) => row.components);
const clock = (minutes: number) => `${String(Math.floor((((minutes % 1440) + 1440) % 1440) / 60)).padStart(2, '0')}:${String((((minutes % 60) + 60) % 60)).padStart(2, '0')}`;

describe('personal alerts by DM', () => {
  let t: TestBot;
  let site: NewsSite;
  let feedId: number;

  async function run(user: string, command: string, options: Record<string, OptionValue> = {}) {
    const handle = t.discord.slash(t.guildId, user, t.channels.news, command, options);
    const record = await handle.settled({ timeoutMs: 25_000 });
    expect(record.firstResponse?.ms).toBeLessThan(3000);
    const message = handle.originalMessage()!;
    expect(message.ephemeral).toBe(true);
    return message.data.content;
  }
  async function publish(...keys: StoryKey[]) {
    for (const key of keys) site.items.unshift({ slug: key, title: stories[key][0], text: stories[key][1], published: new Date(), fullInFeed: true });
    await t.pollNow(feedId);
  }
  /** The stories waiting for the member's next DM, once the queued stories' followers are found (the worker's first step). */
  async function pending(userId: string) {
    while ((await expandQueuedStory(t.app.db.prisma, alertKeywords)).status !== 'empty');
    return t.app.db.prisma.pendingAlert.count({ where: { userId } });
  }
  const dmPosts = (userId: string) => t.discord.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${t.discord.directChannelId(userId) ?? 'none'}/messages`);

  beforeAll(async () => {
    t = await startTestBot();
    site = await startNewsSite('Civil.ge');
    feedId = await t.followFeed(site.feedUrl);
  });
  afterAll(async () => {
    await t.close();
    await site.close();
  });

  it('resolves what a member follows, refuses mistakes in words, and answers privately', async () => {
    expect(await run(t.users.alice, 'follow add', { kind: 'country', value: 'Georgia' })).toMatch(
      /^You now follow country \*\*🇬🇪 Georgia\*\* in this server\.\nGazette sends you a direct message when stories about it arrive here: at most one direct message every 60 minutes, no quiet hours \(UTC\)\./,
    );
    expect(await run(t.users.alice, 'follow add', { kind: 'country', value: 'GE' })).toBe('You already follow 🇬🇪 Georgia in this server.');
    expect(await run(t.users.alice, 'follow add', { kind: 'country', value: 'Narnia' })).toMatch(/^Gazette does not know the country "Narnia"/);
    expect(await run(t.users.alice, 'follow add', { kind: 'region', value: 'Atlantis' })).toMatch(/^This server has no region "Atlantis"/);
    expect(await run(t.users.bob, 'follow add', { kind: 'keyword', value: '"Black Sea"' })).toMatch(/^You now follow keyword \*\*“black sea”\*\* in this server\./);

    const choices = await t.discord.autocomplete(t.guildId, t.users.alice, t.channels.news, 'follow remove', { follow: 'geo' }, 'follow').firstResponse();
    const georgia = await t.app.db.prisma.follow.findFirstOrThrow({ where: { userId: t.users.alice } });
    expect((choices.data as { choices: unknown[] }).choices).toEqual([{ name: 'country 🇬🇪 Georgia', value: georgia.id }]);
    const regions = await t.discord.autocomplete(t.guildId, t.users.alice, t.channels.news, 'follow add', { kind: 'region', value: 'cauc' }, 'value').firstResponse();
    expect((regions.data as { choices: { value: string }[] }).choices.map((c) => c.value)).toContain('south-caucasus');

    // A tag members give stories after they arrive would never alert: refused, and not suggested.
    await t.app.db.prisma.tag.create({ data: { guildId: t.guildId, name: 'foreign agents', label: 'Foreign agents', kind: 'member' } });
    await t.app.db.prisma.tag.create({ data: { guildId: t.guildId, name: 'foreign policy', label: 'Foreign policy', kind: 'topic' } });
    expect(await run(t.users.alice, 'follow add', { kind: 'tag', value: 'Foreign agents' })).toMatch(/^`Foreign agents` is a tag members give stories after they are posted/);
    const tags = await t.discord.autocomplete(t.guildId, t.users.alice, t.channels.news, 'follow add', { kind: 'tag', value: 'foreign' }, 'value').firstResponse();
    expect((tags.data as { choices: { value: string }[] }).choices.map((c) => c.value)).toEqual(['foreign policy']);

    expect(await run(t.users.alice, 'follow list')).toBe('You follow 1 thing in this server:\n• country 🇬🇪 Georgia\nAlerts: at most one direct message every 60 minutes, no quiet hours (UTC).');
    t.discord.assertNoViolations();
  });

  it('sends exactly one DM for three matching stories, and holds a fourth for the next batch', async () => {
    await publish('parliament', 'floods', 'wine');
    expect(t.discord.messages(t.channels.news, { includeEphemeral: false })).toHaveLength(3);
    // Storing queued each story once for the server, whoever follows it; the worker finds the followers.
    expect(await t.app.db.prisma.queuedStory.count({ where: { guildId: t.guildId } })).toBe(3);
    expect(await t.app.db.prisma.pendingAlert.count()).toBe(0);
    expect(await pending(t.users.alice)).toBe(3);
    expect(await t.app.alerts.runOnce()).toBe(1);
    const dms = t.discord.directMessages(t.users.alice);
    expect(dms).toHaveLength(1);
    const embed = embedOf(dms[0]!);
    const lines = embed.description!.split('\n');
    expect(lines[0]).toBe('**Regional News**');
    const listed = lines.filter((l) => l.startsWith('• '));
    expect(listed).toHaveLength(3);
    for (const line of listed) expect(line).toMatch(new RegExp(`^• \\[.+\\]\\(https://discord\\.com/channels/${t.guildId}/${t.channels.news}/\\d+\\) — Civil\\.ge$`));
    expect(dms[0]!.data.content).toBe('3 new stories you follow in Regional News.');
    const georgia = await t.app.db.prisma.follow.findFirstOrThrow({ where: { userId: t.users.alice } });
    expect(buttonsOf(dms[0]!)).toEqual([expect.objectContaining({ custom_id: `unfollow:${georgia.id}`, label: 'Unfollow 🇬🇪 Georgia' })]);
    expect(await pending(t.users.alice)).toBe(0);
    expect(t.discord.directMessages(t.users.bob)).toHaveLength(0);
    const sent = dmPosts(t.users.alice)[0]!;
    expect((sent.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });

    await publish('skiing');
    expect(await t.app.alerts.runOnce()).toBe(0); // within the 60 minutes since the last DM
    // The round itself found the story's followers: nothing is left queued, and the story waits for Alice's next DM.
    expect(await t.app.db.prisma.queuedStory.count()).toBe(0);
    expect(await t.app.db.prisma.pendingAlert.count({ where: { userId: t.users.alice } })).toBe(1);
    expect(t.discord.directMessages(t.users.alice)).toHaveLength(1);
    t.discord.assertNothingCouldPing();
    t.discord.assertNoViolations();
  });

  it('sends nothing during quiet hours on the member’s clock, and sends once they end', async () => {
    const [hours, minutes] = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tbilisi', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date()).split(':').map(Number);
    const nowThere = hours! * 60 + minutes!;
    const set = await run(t.users.bob, 'follow settings', { timezone: 'Asia/Tbilisi', 'quiet-start': clock(nowThere - 60), 'quiet-end': clock(nowThere + 60), every: 30 });
    expect(set).toBe(`Your alerts are now at most one direct message every 30 minutes, quiet from ${clock(nowThere - 60)} to ${clock(nowThere + 60)} (Asia/Tbilisi). These settings apply in every server.`);

    await publish('shipping');
    expect(await pending(t.users.bob)).toBe(1);
    expect(await t.app.alerts.runOnce()).toBe(0);
    expect(t.discord.directMessages(t.users.bob)).toHaveLength(0);

    expect(await run(t.users.bob, 'follow settings', { 'quiet-start': '-' })).toMatch(/^Your alerts are now at most one direct message every 30 minutes, no quiet hours \(Asia\/Tbilisi\)\./);
    expect(await t.app.alerts.runOnce()).toBe(1);
    const [dm] = t.discord.directMessages(t.users.bob);
    expect(embedOf(dm!).description).toMatch(/^\*\*Regional News\*\*\n• \[Turkey and Bulgaria agree on Black Sea shipping rules\]\(/);
    expect(buttonsOf(dm!).map((b) => b.label)).toEqual(['Unfollow “black sea”']);
    t.discord.assertNoViolations();
  });

  it('unfollows with one click on the DM, and marks the button', async () => {
    const [dm] = t.discord.directMessages(t.users.alice);
    const button = buttonsOf(dm!)[0]!;
    const record = await t.discord.button(dm!, t.users.alice, button.custom_id!).settled();
    expect(record.firstResponse?.type).toBe(7); // the DM itself is updated
    expect(await t.app.db.prisma.follow.count({ where: { userId: t.users.alice } })).toBe(0);
    const updated = t.discord.message(dm!.id)!;
    expect(buttonsOf(updated)).toEqual([expect.objectContaining({ custom_id: button.custom_id, label: 'Unfollowed 🇬🇪 Georgia', disabled: true })]);
    expect(embedOf(updated).description).toBe(embedOf(dm!).description);
    // The story held for the next batch matched only what she unfollowed: no DM about it once her interval is over.
    expect(await t.app.db.prisma.pendingAlert.count({ where: { userId: t.users.alice } })).toBe(1);
    await t.app.db.prisma.memberAlerts.update({ where: { userId: t.users.alice }, data: { lastDmAt: new Date(Date.now() - 2 * 3_600_000) } });
    await t.app.alerts.runOnce();
    expect(t.discord.directMessages(t.users.alice)).toHaveLength(1);
    expect(await t.app.db.prisma.pendingAlert.count({ where: { userId: t.users.alice } })).toBe(0);
    t.discord.assertNothingCouldPing();
    t.discord.assertNoViolations();
  });

  it('stops quietly for a member whose DMs are closed, until they run /follow again', async () => {
    const carol = t.discord.addMember(t.guildId, { username: 'carol' });
    expect(await run(carol, 'follow add', { kind: 'country', value: 'Armenia' })).toMatch(/^You now follow country \*\*🇦🇲 Armenia\*\*/);
    t.discord.setDirectMessagesOpen(carol, false);
    await publish('border');
    expect(await pending(carol)).toBe(1);
    expect(await t.app.alerts.runOnce()).toBe(0);
    expect(dmPosts(carol).map((r) => r.status)).toEqual([403]);
    expect(await t.app.db.prisma.memberAlerts.findUniqueOrThrow({ where: { userId: carol } })).toMatchObject({ dmClosed: true });
    expect(await pending(carol)).toBe(0);

    await publish('metro');
    expect(await pending(carol)).toBe(0); // nothing is queued for a member Gazette cannot write to
    await t.app.alerts.runOnce();
    expect(dmPosts(carol)).toHaveLength(1);

    expect(await run(carol, 'follow list')).toMatch(/Gazette could not send you a direct message last time: your DMs were closed to it\. It will try again now/);
    expect(await t.app.db.prisma.memberAlerts.findUniqueOrThrow({ where: { userId: carol } })).toMatchObject({ dmClosed: false });
    t.discord.assertNoViolations();
  });

  it('drops the follows of a member who left the server, without a DM', async () => {
    const dave = t.discord.addMember(t.guildId, { username: 'dave' });
    expect(await run(dave, 'follow add', { kind: 'region', value: 'South Caucasus' })).toMatch(/^You now follow region \*\*South Caucasus\*\*/);
    t.discord.removeMember(t.guildId, dave);
    await publish('baku');
    expect(await pending(dave)).toBe(1);
    await t.app.alerts.runOnce();
    expect(await t.app.db.prisma.follow.count({ where: { userId: dave } })).toBe(0);
    expect(await pending(dave)).toBe(0);
    expect(t.discord.directMessages(dave)).toHaveLength(0);
    t.discord.assertNoViolations();
  });

  it('sends a DM once when Discord made it but its answer was lost: the next round’s resend is the same message', async () => {
    const erin = t.discord.addMember(t.guildId, { username: 'erin' });
    expect(await run(erin, 'follow add', { kind: 'keyword', value: 'hydropower' })).toMatch(/^You now follow keyword/);
    await publish('hydropower');
    expect(await pending(erin)).toBe(1);
    t.discord.failNext('POST /channels/:id/messages', { status: 500, afterDoing: true });
    // Sent again (by discord.js at once, or by the next round) with the same nonce: Discord returns the first message.
    await t.app.alerts.runOnce();
    await t.app.alerts.runOnce();
    expect(dmPosts(erin).map((r) => r.status)).toEqual([500, 200]);
    expect(t.discord.directMessages(erin)).toHaveLength(1);
    expect(await pending(erin)).toBe(0);
    t.discord.assertNoViolations();
  });
  it('keeps the alerts when Discord says Gazette opens DMs too fast, and stops that round’s DMs', async () => {
    const frank = t.discord.addMember(t.guildId, { username: 'frank' });
    const gina = t.discord.addMember(t.guildId, { username: 'gina' });
    for (const member of [frank, gina]) expect(await run(member, 'follow add', { kind: 'keyword', value: 'railway' })).toMatch(/^You now follow keyword/);
    await publish('railway');
    expect(await pending(frank)).toBe(1);
    expect(await pending(gina)).toBe(1);
    const opened = () => t.discord.requests.filter((r) => r.method === 'POST' && r.path === '/users/@me/channels');
    const before = opened().length;
    // What Discord answers a bot opening DMs faster than it allows (a 403, though it passes).
    t.discord.failNext(/^POST \/users\/@me\/channels$/, { status: 403, body: { code: 40003, message: 'You are opening direct messages too fast.' } });
    expect(await t.app.alerts.runOnce()).toBe(0);
    // One DM opened and refused; the other member was not tried in the same round.
    expect(opened().slice(before).map((r) => r.status)).toEqual([403]);
    expect(await pending(frank)).toBe(1);
    expect(await pending(gina)).toBe(1);

    expect(await t.app.alerts.runOnce()).toBe(2);
    expect(t.discord.directMessages(frank)).toHaveLength(1);
    expect(t.discord.directMessages(gina)).toHaveLength(1);
    t.discord.assertNoViolations();
  });

  it('tells nothing of a story whose only matching follow was removed after it was queued', async () => {
    const hana = t.discord.addMember(t.guildId, { username: 'hana' });
    expect(await run(hana, 'follow add', { kind: 'country', value: 'Georgia' })).toMatch(/^You now follow country/);
    expect(await run(hana, 'follow add', { kind: 'country', value: 'Armenia' })).toMatch(/^You now follow country/);
    const text =
      'Tbilisi opened a new cable car line on Thursday, linking the centre of the Georgian capital with the Narikala fortress. ' +
      'The city hall of Tbilisi said the line would carry two thousand passengers an hour. Georgia has rebuilt several of its Soviet-era cable cars in the past decade, ' +
      'and officials in Tbilisi hope the new line will draw more visitors to the old town.';
    site.items.unshift({ slug: 'cable-car', title: 'Tbilisi opens a new cable car line to the old fortress', text, published: new Date(), fullInFeed: true });
    await t.pollNow(feedId);
    expect(await pending(hana)).toBe(1);
    const georgia = await t.app.db.prisma.follow.findFirstOrThrow({ where: { userId: hana, value: 'GE' } });
    expect(await run(hana, 'follow remove', { follow: georgia.id })).toMatch(/^You no longer follow/);
    await t.app.alerts.runOnce();
    expect(t.discord.directMessages(hana)).toHaveLength(0);
    expect(await t.app.db.prisma.pendingAlert.count({ where: { userId: hana } })).toBe(0);
    t.discord.assertNoViolations();
  });

  it('lists at most ten stories in a DM and counts the rest, all of them told', async () => {
    const ines = t.discord.addMember(t.guildId, { username: 'ines' });
    expect(await run(ines, 'follow add', { kind: 'country', value: 'Georgia' })).toMatch(/^You now follow country/);
    // Twelve stories about Georgia owed to her at once (a busy day between two DMs).
    for (let i = 0; i < 12; i++) {
      const stored = await storeArticle(t.app.db.prisma, articleFixture({ url: `https://civil.example/many-${i}`, title: `Georgian story number ${i} of a busy day`, countries: ['GE'] }), newStory, { now: new Date(), windowHours: 72 });
      if (stored.status !== 'stored') throw new Error('not stored');
      await t.app.db.prisma.guildStory.create({ data: { guildId: t.guildId, storyId: stored.storyId } });
      await t.app.db.prisma.pendingAlert.create({ data: { userId: ines, guildId: t.guildId, storyId: stored.storyId } });
    }
    await t.app.alerts.runOnce();
    const dms = t.discord.directMessages(ines);
    expect(dms).toHaveLength(1);
    const description = embedOf(dms[0]!).description!;
    expect(description.split('\n').filter((l) => l.startsWith('• '))).toHaveLength(10);
    expect(description).toMatch(/…and 2 more stories: `\/news latest` in the server shows them\.$/);
    expect(await t.app.db.prisma.pendingAlert.count({ where: { userId: ines } })).toBe(0);
    t.discord.assertNoViolations();
  });
});
