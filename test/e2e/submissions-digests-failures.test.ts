// Member submissions (posted at once, or approved by a moderator from the review channel), digests in the
// guild's time zone, and Discord refusing or failing posts.
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../src/db/articles.js';
import { releaseDigest } from '../../src/db/digests.js';
import { recordFetchSuccess } from '../../src/db/feeds.js';
import { addSource } from '../../src/db/sources.js';
import { reviewButtons } from '../../src/discord/components/review.js';
import { createDigestRunner } from '../../src/discord/digest.js';
import { digestPeriod } from '../../src/discord/digest-schedule.js';
import { silentLogger } from '../../src/logger.js';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import { articleFixture, newStory } from '../helpers/fixtures.js';
import { startHttpServer } from '../helpers/http-server.js';
import { articlePage, fixtureText, seedTexts, startNewsSite, type NewsSite } from '../helpers/news-site.js';

const content = (r: { data?: unknown } | null | undefined) => (r?.data as { content?: string } | undefined)?.content ?? '';

describe('submissions, digests and failures', () => {
  let t: TestBot;
  let site: NewsSite;
  const seeds = seedTexts();

  beforeAll(async () => {
    t = await startTestBot();
    site = await startNewsSite('Al Arabiya', [
      { slug: 'border', title: 'Cambodia accuses Thailand of escalating border tensions', text: seeds.alarabiya, published: new Date(), fullInFeed: true },
      { slug: 'cop29', title: 'Azerbaijan opens COP29 in Baku', text: fixtureText('cop29-baku.txt'), published: new Date(), fullInFeed: true },
      { slug: 'caucasus', title: "The South Caucasus is slipping from Russia's grasp", text: seeds.aljazeera, published: new Date(), fullInFeed: true },
    ]);
  });
  afterAll(async () => {
    await t.close();
    await site.close();
  });

  it('posts a member’s submission where it was shared, and says so when it is already here', async () => {
    const first = await t.discord.slash(t.guildId, t.users.alice, t.channels.asia, 'news submit', { url: `${site.origin}/article/border` }).settled();
    expect(content(first.edits.at(-1)?.body ? { data: first.edits.at(-1)!.body } : first.firstResponse)).toMatch(/Story #\d+ will be posted in <#\d+>/);
    const posts = await t.deliverUntil(() => {
      const made = t.discord.messages(t.channels.asia, { includeEphemeral: false });
      return made.length ? made : undefined;
    }, 'the submission’s post');
    expect(posts.map((m) => m.data.embeds[0]?.title)).toEqual(['Cambodia accuses Thailand of escalating border tensions']);
    const again = await t.discord.slash(t.guildId, t.users.bob, t.channels.asia, 'news submit', { url: `${site.origin}/article/border?utm_source=x` }).settled();
    expect(JSON.stringify(again.edits.at(-1)?.body)).toMatch(/already here: story #\d+/);
    const bad = await t.discord.slash(t.guildId, t.users.bob, t.channels.asia, 'news submit', { url: 'javascript:alert(1)' }).settled();
    expect(content(bad.firstResponse)).toMatch(/reads http and https addresses/);
    t.discord.assertNoViolations();
  });

  it('does not post a member’s link in a channel where they cannot write (an announcements channel)', async () => {
    // On a server, @everyone's role has the server's id.
    const announcements = t.discord.addChannel(t.guildId, { name: 'announcements', type: 'text', permissionOverwrites: [{ id: t.guildId, type: 'role', deny: PermissionFlagsBits.SendMessages }] });
    const articles = await t.app.db.prisma.article.count();
    const refused = await t.discord.slash(t.guildId, t.users.bob, announcements, 'news submit', { url: `${site.origin}/article/caucasus` }).settled();
    expect(content(refused.firstResponse)).toBe(`You cannot write in <#${announcements}>, so Gazette does not post links you share here either. Share it from a channel where you can post.`);
    expect(refused.firstResponse!.data).toMatchObject({ flags: 64 });
    await t.deliver();
    expect(t.discord.messages(announcements, { includeEphemeral: false })).toEqual([]);
    expect(await t.app.db.prisma.article.count()).toBe(articles);
    t.discord.assertNoViolations();
  });

  it('limits how many links one member shares a minute, saying how long to wait, and fetches nothing more', async () => {
    const share = () => t.discord.slash(t.guildId, t.users.editor, t.channels.asia, 'news submit', { url: `${site.origin}/article/border` }).settled();
    for (let i = 0; i < 3; i++) expect(JSON.stringify((await share()).edits.at(-1)?.body)).toMatch(/already here: story #\d+/);
    const stories = await t.app.db.prisma.article.count();
    const fourth = await share();
    expect(content(fourth.firstResponse)).toMatch(/^You have shared 3 links in the last minute\. Please wait \d+ s before sharing another\.$/);
    expect(fourth.firstResponse!.data).toMatchObject({ flags: 64 });
    expect(await t.app.db.prisma.article.count()).toBe(stories);
  });

  it('queues submissions for approval when the server asks for it; only moderators decide', async () => {
    await t.discord.slash(t.guildId, t.users.admin, t.channels.news, 'config submissions', { approval: true, 'review-channel': t.channels.review }).settled();
    const asked = await t.discord.slash(t.guildId, t.users.alice, t.channels.news, 'news submit', { url: `${site.origin}/article/cop29` }).settled();
    expect(JSON.stringify(asked.edits.at(-1)?.body)).toMatch(/waiting for a moderator/);
    const review = t.discord.messages(t.channels.review, { includeEphemeral: false }).at(-1)!;
    expect(review.data.content).toMatch(/Submission #\d+ from <@\d+>/);
    const id = /Submission #(\d+)/.exec(review.data.content)![1];
    const refused = await t.discord.button(review.data.id, t.users.bob, `review:approve:${id}`).settled();
    expect(content(refused.firstResponse)).toMatch(/Only moderators can do that/);
    // Fetching takes a while: the click is deferred as an update of the review message, the moderator told apart.
    const approved = await t.discord.button(review.data.id, t.users.admin, `review:approve:${id}`).settled({ until: (r) => r.followUps.length > 0 });
    expect(approved.firstResponse?.type).toBe(6);
    expect(JSON.stringify(approved.followUps.at(-1))).toMatch(/Approved submission #\d+: story #\d+/);
    expect(t.discord.message(review.data.id)!.data.content).toMatch(/Approved by <@\d+>: story #\d+/);
    // The bot's own delivery worker may have claimed the post already: this round then has nothing to do, and the
    // post lands a moment later.
    await t.deliver();
    await t.discord.waitFor(() => (t.discord.messages(t.channels.news, { includeEphemeral: false }).some((m) => m.data.embeds[0]?.title === 'Azerbaijan opens COP29 in Baku') ? true : undefined), 5000, 'the approved story to be posted');
    // Decided: the buttons are gone, so nobody can decide it again.
    expect(t.discord.message(review.data.id)!.data.components ?? []).toEqual([]);
    expect(await t.app.db.prisma.auditLog.count({ where: { action: 'submission.approve' } })).toBe(1);

    // An approval cut off by a crash after the article was stored and posted, before it was recorded: ten minutes on
    // it may be decided again, and a reject would say so of a story the channel has. It is finished as approved.
    const row = { where: { id: Number(id) } };
    const storyId = (await t.app.db.prisma.submission.findUniqueOrThrow(row)).storyId;
    await t.app.db.prisma.submission.update({ ...row, data: { storyId: null, decidedAt: new Date(Date.now() - 11 * 60_000) } });
    // The review message kept its buttons: the crash came before it was updated.
    t.discord.message(review.data.id)!.data.components = [reviewButtons(Number(id))] as never;
    const late = await t.discord.button(review.data.id, t.users.admin, `review:reject:${id}`).settled();
    expect(late.firstResponse?.type).toBe(7);
    expect(await t.app.db.prisma.submission.findUniqueOrThrow(row)).toMatchObject({ status: 'approved', storyId });
    expect(t.discord.message(review.data.id)!.data.content).toMatch(new RegExp(`Approved by <@${t.users.admin}>: story #${storyId}\\.$`));
    expect(await t.app.db.prisma.auditLog.count({ where: { action: 'submission.reject' } })).toBe(0);
    t.discord.assertNoViolations();
  });

  it('lets the first decision stand when a moderator rejects while another’s approval is fetching the article', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let fetching!: () => void;
    const fetched = new Promise<void>((resolve) => (fetching = resolve));
    const slow = await startHttpServer({
      '/slow': async (_req, res) => {
        fetching();
        await gate;
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(articlePage({ slug: 'slow', title: 'Armenia and Azerbaijan agree on border markers', text: fixtureText('cop29-baku.txt'), published: new Date() }, 'Slow News'));
      },
    });
    try {
      const dana = t.discord.addMember(t.guildId, { username: 'dana' });
      await t.discord.slash(t.guildId, dana, t.channels.news, 'news submit', { url: `${slow.origin}/slow` }).settled();
      const review = t.discord.messages(t.channels.review, { includeEphemeral: false }).at(-1)!;
      const id = /Submission #(\d+)/.exec(review.data.content)![1];
      const chief = t.discord.addMember(t.guildId, { username: 'chief', permissions: PermissionFlagsBits.ManageGuild });
      const approving = t.discord.button(review.data.id, t.users.admin, `review:approve:${id}`).settled({ until: (r) => r.followUps.length > 0, timeoutMs: 25_000 });
      await fetched;
      const rejected = await t.discord.button(review.data.id, chief, `review:reject:${id}`).settled();
      expect(content(rejected.firstResponse)).toBe(`Submission #${id} was already approved.`);
      open();
      expect(JSON.stringify((await approving).followUps.at(-1))).toMatch(/Approved submission #\d+: story #\d+/);
      expect(await t.app.db.prisma.submission.findUniqueOrThrow({ where: { id: Number(id) } })).toMatchObject({ status: 'approved', decidedById: t.users.admin });
      expect(await t.app.db.prisma.auditLog.count({ where: { action: 'submission.reject', target: `submission:${id}` } })).toBe(0);
      await t.deliver(); // its post made now, not during the next test
    } finally {
      open();
      await slow.close();
    }
  });

  it('does not keep a submission no moderator can see, and shows a very long address cut to fit', async () => {
    const url = `${site.origin}/article/caucasus`;
    t.discord.failNext('POST /channels/:id/messages', { status: 403, body: { code: 50001, message: 'Missing Access' } });
    const lost = await t.discord.slash(t.guildId, t.users.bob, t.channels.news, 'news submit', { url }).settled();
    expect(JSON.stringify(lost.edits.at(-1)?.body)).toMatch(/could not post your submission in the review channel <#\d+>, so it was not kept/);
    expect(await t.app.db.prisma.submission.count({ where: { url } })).toBe(0);
    const again = await t.discord.slash(t.guildId, t.users.bob, t.channels.news, 'news submit', { url }).settled();
    expect(JSON.stringify(again.edits.at(-1)?.body)).toMatch(/waiting for a moderator/);

    const long = `${site.origin}/article/caucasus?ref=${'x'.repeat(1990 - site.origin.length - 30)}`;
    const queued = await t.discord.slash(t.guildId, t.users.alice, t.channels.news, 'news submit', { url: long }).settled();
    expect(JSON.stringify(queued.edits.at(-1)?.body)).toMatch(/waiting for a moderator/);
    const review = t.discord.messages(t.channels.review, { includeEphemeral: false }).at(-1)!;
    expect(review.data.content.length).toBeLessThanOrEqual(2000);
    const id = /Submission #(\d+)/.exec(review.data.content)![1];
    await t.discord.button(review.data.id, t.users.admin, `review:reject:${id}`).settled();
    expect(t.discord.message(review.data.id)!.data.content).toMatch(/Rejected by <@\d+>\.$/);
    t.discord.assertNoViolations();
  });

  it('posts each digest once, at its time in the server’s time zone', async () => {
    await t.discord.slash(t.guildId, t.users.admin, t.channels.news, 'config digest', { schedule: 'daily', channel: t.channels.caucasus, time: '08:00', timezone: 'Asia/Baku' }).settled();
    const at = (time: Date) => createDigestRunner({ prisma: t.app.db.prisma, client: t.app.bot.client, logger: silentLogger, now: () => time });
    // The next 08:00 in Baku (04:00 UTC) within a day from now, so today's stories are in its 24-hour window.
    const eight = new Date(Date.now());
    eight.setUTCHours(4, 0, 0, 0);
    if (eight.getTime() <= Date.now()) eight.setUTCDate(eight.getUTCDate() + 1);
    const plus = (minutes: number) => new Date(eight.getTime() + minutes * 60_000);
    const digestDay = (time: Date) => digestPeriod({ digestFrequency: 'daily', digestTime: '08:00', timezone: 'Asia/Baku' }, time)!.period;
    const digests = () => t.discord.messages(t.channels.caucasus, { includeEphemeral: false }).filter((m) => m.data.embeds[0]?.title?.includes('digest'));
    // A story the channel's hourly limit kept from being posted an hour before (delivery-sql.ts records it so).
    const prisma = t.app.db.prisma;
    const held = await storeArticle(prisma, articleFixture({ title: 'Held back by the hourly limit' }), newStory, { now: plus(-60), windowHours: 72 });
    if (held.status !== 'stored') throw new Error('not stored');
    await prisma.guildStory.create({ data: { guildId: t.guildId, storyId: held.storyId, createdAt: plus(-60) } });
    await prisma.heldPost.create({ data: { guildId: t.guildId, storyId: held.storyId, channelId: t.channels.news, createdAt: plus(-60) } });
    // Ten newer stories fill the top list, which a held story would otherwise head (it is listed once, there).
    for (let i = 0; i < 10; i++) {
      const other = await storeArticle(prisma, articleFixture({ title: `Posted story ${i}`, url: `https://news.example/posted-${i}` }), newStory, { now: plus(-30), windowHours: 72 });
      if (other.status !== 'stored') throw new Error('not stored');
      await prisma.guildStory.create({ data: { guildId: t.guildId, storyId: other.storyId, createdAt: plus(-30) } });
    }
    await at(plus(-1))(); // 07:59 in Baku (UTC+4): not yet
    expect(digests()).toHaveLength(0);
    await at(plus(0))();
    const field = digests()[0]!.data.embeds[0]!.fields?.[0];
    expect(field?.name).toBe('Not posted: their channel had reached its hourly limit');
    expect(field?.value).toContain(`[Held back by the hourly limit](`);
    expect(field?.value).toContain(`<#${t.channels.news}> · #${held.storyId}`);
    await at(plus(1))(); // the next minute: already posted for this day
    expect(digests()).toHaveLength(1);
    // Given back as if its record were lost (the database failed after Discord took it): posted again, the same
    // nonce finds the digest already there.
    await releaseDigest(t.app.db.prisma, t.guildId, digestDay(eight));
    await at(plus(2))();
    expect(digests()).toHaveLength(1);
    expect(digests()[0]!.data.embeds[0]!.description).toMatch(/\*\*1\.\*\* \[/);
    // Its record lost and its claim lapsed, and Gazette back after longer than Discord remembers the nonce (a restart
    // after a crash): the digest is found in the channel and recorded, not posted again.
    const posted = digests()[0]!.data.id;
    // (The claim's time is the stand-in's real one, as Discord's messages are stamped: the lookup reads those after it.)
    const run = { guildId_period: { guildId: t.guildId, period: digestDay(eight) } };
    await t.app.db.prisma.digestRun.update({ where: run, data: { messageId: null, createdAt: new Date(Date.now() - 30 * 60_000) } });
    t.discord.forgetNonces();
    await at(plus(20))();
    expect(digests()).toHaveLength(1);
    const found = await t.app.db.prisma.digestRun.findUniqueOrThrow({ where: run });
    expect(found.messageId).toBe(posted);
    // Recorded at the time it was posted, from which the next digest counts, not when it was found.
    expect(found.createdAt.getTime()).toBe(new Date(digests()[0]!.data.timestamp).getTime());
    await at(plus(24 * 60))(); // the next day
    expect(digests()).toHaveLength(2);

    // The day after, Discord refuses it (Gazette lost access to the channel): not retried every minute, and said
    // where moderators look, the log channel and `/config show`, instead of only in the bot's own log.
    await t.discord.slash(t.guildId, t.users.admin, t.channels.news, 'config log-channel', { channel: t.channels.review }).settled();
    t.discord.failNext('POST /channels/:id/messages', { status: 403, body: { code: 50001, message: 'Missing Access' } });
    await at(plus(48 * 60))();
    await at(plus(48 * 60 + 1))();
    expect(digests()).toHaveLength(2);
    const told = t.discord.messages(t.channels.review, { includeEphemeral: false }).at(-1)!;
    expect(told.data.content).toBe(`The daily digest could not be posted in <#${t.channels.caucasus}>: Gazette cannot see <#${t.channels.caucasus}> (Missing Access): give it View Channel there.`);
    // The answer as it ended: an edit of a deferred reply (the router defers a slow one), else the reply itself.
    const answer = (record: Awaited<ReturnType<ReturnType<typeof t.discord.slash>['settled']>>) => JSON.stringify(record.edits.at(-1)?.body ?? record.firstResponse?.data);
    const shown = answer(await t.discord.slash(t.guildId, t.users.admin, t.channels.news, 'config show').settled());
    expect(shown).toContain(`⚠ The last one (${digestDay(plus(48 * 60))}) could not be posted: Gazette cannot see`);
    expect(shown).toContain('1 story was held back by it in the last 24 hours: the digest lists them.');
    // A moderator fixes it by changing the digest's channel: the refused day is tried again, and the warning goes.
    await t.discord.slash(t.guildId, t.users.admin, t.channels.news, 'config digest', { schedule: 'daily', channel: t.channels.news }).settled();
    const fixed = answer(await t.discord.slash(t.guildId, t.users.admin, t.channels.news, 'config show').settled());
    expect(fixed).toContain('"name":"Digest"');
    expect(fixed).not.toContain('⚠ The last one');
    await at(plus(48 * 60 + 2))();
    expect(t.discord.messages(t.channels.news, { includeEphemeral: false }).filter((m) => m.data.embeds[0]?.title?.includes('digest'))).toHaveLength(1);
    t.discord.assertNoViolations();
  });

  it('retries posts after Discord server errors and records refusals in words', async () => {
    const source = await addSource(t.app.db.prisma, { guildId: t.guildId, actorId: t.users.admin, url: site.feedUrl, kind: 'feed', channelId: t.channels.news, intervalMinutes: 15 });
    await recordFetchSuccess(t.app.db.prisma, source.feedId, new Date(), { seenKeys: [], nextFetchAt: new Date() });
    // discord.js resends a post (its nonce makes that safe) three times; the fourth failure is the outbox's to retry later.
    t.discord.failNext('POST /channels/:id/messages', { status: 500 }, 4);
    await t.app.scheduler.pollOnce();
    await t.deliver();
    const failing = await t.app.db.prisma.delivery.findFirstOrThrow({ where: { status: 'pending', attempts: { gt: 0 } } });
    expect(failing.lastError).toMatch(/Discord answered 500/);
    await t.app.db.prisma.delivery.update({ where: { id: failing.id }, data: { nextAttemptAt: new Date() } });
    await t.deliver();
    expect(await t.app.db.prisma.delivery.findUniqueOrThrow({ where: { id: failing.id } })).toMatchObject({ status: 'posted', lastError: null });

    // A success without a message (an empty answer, as a proxy that lost the body once gave) is not a post: the
    // delivery stays pending and the next attempt posts it, once.
    const second = t.discord.addChannel(t.guildId, { name: 'second', type: 'text' });
    await t.app.db.prisma.delivery.create({ data: { storyId: failing.storyId, guildId: t.guildId, channelId: second, nonce: 'n-second', updatedAt: new Date() } });
    t.discord.failNext('POST /channels/:id/messages', { status: 200, body: {} });
    await t.deliver();
    const unanswered = await t.app.db.prisma.delivery.findFirstOrThrow({ where: { channelId: second } });
    expect(unanswered).toMatchObject({ status: 'pending', messageId: null });
    expect(unanswered.lastError).toMatch(/without a message/);
    await t.app.db.prisma.delivery.update({ where: { id: unanswered.id }, data: { nextAttemptAt: new Date() } });
    await t.deliver();
    expect(await t.app.db.prisma.delivery.findUniqueOrThrow({ where: { id: unanswered.id } })).toMatchObject({ status: 'posted' });
    expect(t.discord.messages(second, { includeEphemeral: false })).toHaveLength(1);

    // A deleted channel is not retried: the delivery fails with the reason, for /source list.
    const doomed = t.discord.addChannel(t.guildId, { name: 'doomed', type: 'text' });
    await t.app.db.prisma.delivery.create({ data: { storyId: failing.storyId, guildId: t.guildId, channelId: doomed, nonce: 'n-doomed', updatedAt: new Date() } });
    t.discord.deleteChannel(doomed);
    await t.deliver();
    const dead = await t.app.db.prisma.delivery.findFirstOrThrow({ where: { channelId: doomed } });
    expect(dead).toMatchObject({ status: 'failed', lastError: `The channel <#${doomed}> no longer exists.` });
    t.discord.assertNoViolations();
  });
});
