// Posts Discord would refuse or fail, each answered so that the story still reaches its channel or the moderator
// learns why, on one bot (one start for the three cases):
//
// A post Discord keeps failing for a reason that passes (5xx, no connection) is tried again, later and later, for as
// long as the story is news (delivery-worker.ts): after five attempts (75 s) an outage used to lose every story tried
// in it. A refusal (a deleted channel) still fails the post at once.
//
// A forum with "Require tags when posting" refuses a post without a tag (400 40067). A story none of whose tags is
// one of the forum's gets the forum's first tag anyone may apply; where there is none, the post fails with a reason a
// moderator can act on, instead of Discord's raw refusal of every such story (post-story.ts).
//
// A story's address need not be one Discord takes in a post: a file: source's items link to files, and a tracking-laden
// address can pass Discord's 2048 characters. Such a post goes out without the link (the title unlinked, no "Read the
// article" button, no thumbnail), rather than being refused for good as malformed (story-message.ts).
import { PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../src/db/articles.js';
import { retryDelayMs } from '../../src/discord/delivery/delivery-pacing.js';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import { DEFAULT_BOT_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS } from '../helpers/discord/index.js';
import { articleFixture, newStory } from '../helpers/fixtures.js';

describe('posts Discord would refuse or fail', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
    await t.app.bot.delivery.stop(); // only the test's rounds post
  });
  afterAll(() => t.close());

  const row = (storyId: number) => t.db.prisma.delivery.findFirstOrThrow({ where: { storyId } });

  describe('a post Discord keeps failing with 5xx', () => {
    it('is still retried after many attempts, its wait capped, and posted once Discord is back', async () => {
      const storyId = await t.planPost(t.channels.news);
      // Nine attempts failed already (about 21 minutes of trouble): the claim makes this the tenth.
      await t.db.prisma.delivery.updateMany({ where: { storyId }, data: { attempts: 9 } });
      // discord.js resends a post three times itself: four failures make one failed attempt.
      t.discord.failNext('POST /channels/:id/messages', { status: 503 }, 4);
      const before = Date.now();
      await t.deliver();
      const failed = await row(storyId);
      expect(failed).toMatchObject({ status: 'pending', attempts: 10 });
      expect(failed.lastError).toMatch(/Discord answered 503/);
      expect(failed.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + retryDelayMs(10));
      expect(retryDelayMs(10)).toBe(30 * 60_000);

      await t.db.prisma.delivery.updateMany({ where: { storyId }, data: { nextAttemptAt: new Date() } });
      await t.deliver();
      expect(await row(storyId)).toMatchObject({ status: 'posted', lastError: null });
      t.discord.assertNoViolations();
    }, 60_000);

    it('is given up once the story is a day old, saying so', async () => {
      const storyId = await t.planPost(t.channels.news);
      await t.db.prisma.delivery.updateMany({ where: { storyId }, data: { createdAt: new Date(Date.now() - 25 * 3_600_000), attempts: 30 } });
      t.discord.failNext('POST /channels/:id/messages', { status: 503 }, 4);
      await t.deliver();
      const given = await row(storyId);
      expect(given.status).toBe('failed');
      expect(given.lastError).toMatch(/stopped trying/);
      expect(given.lastError).not.toMatch(/will try again/);
    }, 60_000);
    it('posts once where Gazette may not read the channel’s history: the nonce, not the history, finds the first post', async () => {
      const quiet = t.discord.addChannel(t.guildId, { name: 'no-history', type: 'text', permissionOverwrites: [{ id: t.discord.botUserId, type: 'member', deny: 1n << 16n }] });
      const storyId = await t.planPost(quiet);
      // Discord made the post and its answers were lost (discord.js resends it three times, the nonce keeping it one
      // post): the attempt may have posted, and is retried as such.
      t.discord.failNext('POST /channels/:id/messages', { status: 500, afterDoing: true }, 4);
      await t.deliver();
      expect(await row(storyId)).toMatchObject({ status: 'pending' });
      await t.db.prisma.delivery.updateMany({ where: { storyId }, data: { nextAttemptAt: new Date() } });
      await t.deliver();
      expect(await row(storyId)).toMatchObject({ status: 'posted', lastError: null });
      expect(t.discord.messages(quiet, { includeEphemeral: false })).toHaveLength(1);
      t.discord.assertNoViolations();
    }, 60_000);
  });

  // A channel where Gazette lost a permission was sent each post, refused (403) and failed for good: every story there
  // until a moderator noticed was lost, and each refusal counted towards Discord's limit on invalid requests.
  describe('a channel where Gazette lost a permission', () => {
    const waitText = (channelId: string) => `Gazette lacks Send Messages in <#${channelId}>: its posts there wait until it has it (for a day at most).`;

    it('holds its posts without asking Discord, and posts them as soon as the permission is back', async () => {
      const botRole = t.discord.guild(t.guildId).botRoleId;
      const lost = t.discord.addChannel(t.guildId, { name: 'lost-permission', type: 'text' });
      const storyId = await t.planPost(lost);
      let outage = 0;
      const later = new Date(Date.now() + 3_600_000);
      // Taken from Gazette's role and from @everyone (whose id is the server's), which grants it too.
      t.discord.setRolePermissions(t.guildId, t.guildId, DEFAULT_EVERYONE_PERMISSIONS & ~PermissionFlagsBits.SendMessages);
      t.discord.setRolePermissions(t.guildId, botRole, DEFAULT_BOT_PERMISSIONS & ~PermissionFlagsBits.SendMessages);
      try {
        await t.discord.waitFor(() => !t.app.bot.client.guilds.cache.get(t.guildId)?.members.me?.permissions.has(PermissionFlagsBits.SendMessages), 5_000, 'the roles’ update');
        const before = t.discord.requests.length;
        // Tried before (Discord failing): attempts as many, for the post's claim to count one more and give it back.
        await t.db.prisma.delivery.updateMany({ where: { storyId }, data: { attempts: 9 } });
        const tried = Date.now();
        await t.deliver();
        const held = await row(storyId);
        // Nothing was sent: the attempt is given back, so the post is no retry of one that may exist.
        expect(held).toMatchObject({ status: 'pending', attempts: 9, lastError: waitText(lost) });
        expect(held.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(tried + 60_000);
        expect(t.discord.requests.slice(before).filter((r) => r.path.startsWith(`/channels/${lost}/`))).toEqual([]);
      } finally {
        // Another post waiting for Discord (a 503) keeps its wait when the permissions change.
        outage = await t.planPost(t.channels.news);
        await t.db.prisma.delivery.updateMany({ where: { storyId: outage }, data: { lastError: 'Discord answered 503: Service Unavailable', attempts: 3, nextAttemptAt: later } });
        t.discord.setRolePermissions(t.guildId, t.guildId, DEFAULT_EVERYONE_PERMISSIONS);
        t.discord.setRolePermissions(t.guildId, botRole, DEFAULT_BOT_PERMISSIONS);
      }
      // The roles' update makes the waiting post due now, not at its next retry (up to half an hour on).
      for (const end = Date.now() + 5_000; (await row(storyId)).nextAttemptAt.getTime() > Date.now(); ) {
        if (Date.now() > end) throw new Error('the waiting post was not made due when the permission came back');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect((await row(outage)).nextAttemptAt).toEqual(later);
      await t.db.prisma.delivery.deleteMany({ where: { storyId: outage } });
      await t.db.prisma.delivery.updateMany({ where: { storyId }, data: { attempts: 0 } });
      const before = t.discord.requests.length;
      await t.deliver();
      expect(await row(storyId)).toMatchObject({ status: 'posted', lastError: null });
      expect(t.discord.messages(lost, { includeEphemeral: false })).toHaveLength(1);
      // One request: the post, not a look for an earlier one nor an edit after.
      expect(t.discord.requests.slice(before).filter((r) => r.path.startsWith(`/channels/${lost}/`)).map((r) => r.method)).toEqual(['POST']);
      t.discord.assertNoViolations();
    }, 60_000);

    it('gives a post up after a day of waiting, saying why', async () => {
      const lost = t.discord.addChannel(t.guildId, { name: 'never-given', type: 'text', permissionOverwrites: [{ id: t.discord.botUserId, type: 'member', deny: PermissionFlagsBits.SendMessages }] });
      const storyId = await t.planPost(lost);
      await t.discord.waitFor(() => t.app.bot.client.channels.cache.has(lost), 5_000, 'the new channel');
      await t.db.prisma.delivery.updateMany({ where: { storyId }, data: { createdAt: new Date(Date.now() - 25 * 3_600_000), attempts: 40 } });
      await t.deliver();
      expect(await row(storyId)).toMatchObject({
        status: 'failed',
        lastError: `Gazette lacks Send Messages in <#${lost}>, so the post waited a day and was given up: the story is no longer news.`,
      });
      expect(t.discord.requests.filter((r) => r.path.startsWith(`/channels/${lost}/`))).toEqual([]);
    }, 60_000);
  });

  describe('a forum that requires a tag on each post', () => {
    it('gets the forum’s first tag that is not moderated when none of the story’s tags is there', async () => {
      const forum = t.discord.addChannel(t.guildId, { name: 'required', type: 'forum', requireTag: true, availableTags: [{ name: 'Staff picks', moderated: true }, { name: 'News' }, { name: 'Other' }] });
      const storyId = await t.planPost(forum);
      await t.deliver();
      expect(await row(storyId)).toMatchObject({ status: 'posted', lastError: null });
      const [thread] = t.discord.threads(forum);
      expect((thread as { applied_tags?: string[] }).applied_tags).toEqual([t.discord.forumTagId(forum, 'News')]);
      t.discord.assertNoViolations();
    });

    it('fails in words when every tag of the forum is moderated', async () => {
      const forum = t.discord.addChannel(t.guildId, { name: 'staff-only', type: 'forum', requireTag: true, availableTags: [{ name: 'Staff picks', moderated: true }] });
      const storyId = await t.planPost(forum);
      await t.deliver();
      const failed = await row(storyId);
      expect(failed.status).toBe('failed');
      expect(failed.lastError).toBe(`The forum <#${forum}> requires a tag on each post and has none Gazette may apply: turn off “Require tags when posting” there, or add a tag that is not moderated.`);
      expect(t.discord.threads(forum)).toEqual([]);
      t.discord.assertNoViolations();
    });
  });

  describe('a story whose link Discord would refuse', () => {
    async function post(url: string, imageUrl: string) {
      const at = new Date();
      await t.db.prisma.guild.upsert({ where: { id: t.guildId }, create: { id: t.guildId }, update: {} });
      const stored = await storeArticle(t.db.prisma, articleFixture({ url, imageUrl }), newStory, { now: at, windowHours: 72 });
      if (stored.status !== 'stored') throw new Error('not stored');
      await t.db.prisma.guildStory.create({ data: { guildId: t.guildId, storyId: stored.storyId, createdAt: at } });
      await t.db.prisma.delivery.create({ data: { storyId: stored.storyId, guildId: t.guildId, channelId: t.channels.news, nonce: `links-${stored.storyId}`, nextAttemptAt: at } });
      await t.deliver();
      const row = await t.db.prisma.delivery.findFirstOrThrow({ where: { storyId: stored.storyId } });
      expect(row).toMatchObject({ status: 'posted', lastError: null });
      return t.discord.message(row.messageId!)!.data;
    }
    const linkButtons = (m: { components?: unknown }) =>
      ((m.components ?? []) as { components: { style: number }[] }[]).flatMap((r) => r.components).filter((b) => b.style === 5);

    it('posts a file: source’s story without its link', async () => {
      const message = await post('file:///srv/feeds/local/story.html', 'file:///srv/feeds/local/picture.jpg');
      expect(message.embeds[0]!.url).toBeUndefined();
      expect(message.embeds[0]!.thumbnail).toBeUndefined();
      expect(linkButtons(message)).toEqual([]);
      t.discord.assertNoViolations();
    });

    it('posts a story whose address or picture is too long for Discord without them', async () => {
      const long = `https://news.example/story?${'utm_campaign=x&'.repeat(150)}`;
      expect(long.length).toBeGreaterThan(2048);
      const message = await post(long, `https://img.example/a.jpg?${'size=large&'.repeat(200)}`);
      expect(message.embeds[0]!.url).toBeUndefined();
      expect(message.embeds[0]!.thumbnail).toBeUndefined();
      expect(linkButtons(message)).toEqual([]);
      t.discord.assertNoViolations();
    });
  });
  // Discord archives a quiet forum post after a day to a week (Gazette's edits are no activity) and then refuses its
  // edits (50083): a story's later outlets, votes and tags stayed off it for good.
  describe('a forum post whose thread Discord archived', () => {
    it('is reopened to take its edit; a thread moderators locked is left locked, the edit failing in words', async () => {
      const forum = t.discord.addChannel(t.guildId, { name: 'quiet-forum', type: 'forum' });
      const [open, locked] = [await t.planPost(forum), await t.planPost(forum)];
      await t.deliver();
      const threadOf = async (storyId: number) => (await row(storyId)).threadId!;
      t.discord.archiveThread(await threadOf(open));
      t.discord.archiveThread(await threadOf(locked), { locked: true });
      await t.db.prisma.delivery.updateMany({ where: { storyId: { in: [open, locked] } }, data: { editDueAt: new Date() } });
      await t.deliver();
      expect(await row(open)).toMatchObject({ status: 'posted', editDueAt: null, lastError: null });
      expect(t.discord.channel(await threadOf(open))).toMatchObject({ thread_metadata: { archived: false } });
      const refused = await row(locked);
      expect(refused).toMatchObject({ status: 'posted', editDueAt: null });
      expect(refused.lastError).toBe(`The post's thread in <#${forum}> is locked, so Gazette can no longer update it.`);
      expect(t.discord.channel(await threadOf(locked))).toMatchObject({ thread_metadata: { archived: true, locked: true } });
    }, 60_000);
  });
});
