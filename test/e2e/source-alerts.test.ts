// Broken sources reach moderators (issue 11, ADR 15), through the real bot and the Discord stand-in:
// `/config log-channel` (moderators only), one message when a source pauses itself after failing — not twice the same
// day — one when it works again, and one when it is quiet for longer than its history makes usual.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSource } from '../../src/db/sources.js';
import { createSourceAlertSender } from '../../src/discord/source-alerts.js';
import { silentLogger } from '../../src/logger.js';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import type { OptionValue } from '../helpers/discord/index.js';
import { fixtureText, startNewsSite, type NewsSite } from '../helpers/news-site.js';

describe('source alerts in the log channel', () => {
  let t: TestBot;
  let site: NewsSite;
  let logChannel: string;
  let sourceId: number;
  let feedId: number;

  async function run(user: string, command: string, options: Record<string, OptionValue> = {}) {
    const handle = t.discord.slash(t.guildId, user, t.channels.news, command, options);
    const record = await handle.settled({ timeoutMs: 25_000 });
    return { record, content: handle.originalMessage()?.data.content ?? '', embeds: handle.originalMessage()?.data.embeds ?? [] };
  }
  /** What the alert job would send at `at` (the scheduler runs it every minute). */
  const sendAlerts = (at = new Date()) => createSourceAlertSender({ prisma: t.app.db.prisma, client: t.app.bot.client, logger: silentLogger, now: () => at })();
  const logMessages = () => t.discord.messages(logChannel, { includeEphemeral: false }).map((m) => m.data.content);
  async function pollNow() {
    await t.pollNow(feedId);
  }
  const breakFeed = () => {
    site.override = (res) => {
      res.statusCode = 503;
      res.end('Service Unavailable');
    };
  };

  beforeAll(async () => {
    t = await startTestBot({ env: { SOURCE_MAX_FAILURES: '2' } });
    logChannel = t.discord.addChannel(t.guildId, { name: 'mod-log', type: 'text' });
    site = await startNewsSite('OC Media', [{ slug: 'cop29', title: 'Azerbaijan opens COP29 in Baku', text: fixtureText('cop29-baku.txt'), published: new Date(), fullInFeed: true }]);
    const source = await addSource(t.app.db.prisma, { guildId: t.guildId, actorId: t.users.admin, url: site.feedUrl, kind: 'feed', channelId: t.channels.news, intervalMinutes: 15 });
    sourceId = source.id;
    feedId = source.feedId;
    await t.poll();
  });
  afterAll(async () => {
    await t.close();
    await site.close();
  });

  it('sets the log channel for moderators only, and shows it in /config show', async () => {
    expect((await run(t.users.alice, 'config log-channel', { channel: logChannel })).content).toMatch(/^Only moderators can do that/);
    expect((await t.app.db.prisma.guild.findUnique({ where: { id: t.guildId } }))?.logChannelId ?? null).toBeNull();
    expect((await run(t.users.admin, 'config log-channel', { channel: logChannel })).content).toMatch(
      new RegExp(`^Gazette will tell moderators in <#${logChannel}> when a source pauses itself after failing, when it works again, and when it has published nothing for longer than usual`),
    );
    const show = await run(t.users.admin, 'config show');
    expect(show.embeds[0]!.fields!.find((f) => f.name === 'Log channel')?.value).toBe(`<#${logChannel}>: sources that pause, recover or go quiet`);
    const audit = await t.app.db.prisma.auditLog.findMany({ where: { action: 'config.update' } });
    expect(audit.map((a) => a.details)).toEqual([{ logChannelId: logChannel }]);
    // A healthy source: nothing to say.
    expect(await sendAlerts()).toBe(0);
    t.discord.assertNoViolations();
  });

  it('posts one message when a source pauses itself, none again that day, and one when it works again', async () => {
    breakFeed();
    await pollNow();
    expect(await sendAlerts()).toBe(0); // one failure is not a pause
    await pollNow();
    expect(await t.app.db.prisma.source.findUniqueOrThrow({ where: { id: sourceId } })).toMatchObject({ paused: true });
    expect(await sendAlerts()).toBe(1);
    expect(logMessages()).toHaveLength(1);
    const [paused] = logMessages();
    expect(paused).toMatch(new RegExp(`^⏸️ \\*\\*Source #${sourceId}\\*\\* \\(OC Media\\) <${site.feedUrl}>, posting to <#${t.channels.news}>, paused itself`));
    expect(paused).toMatch(/\nWhy: Paused after 2 failed fetches in a row\. Last error: .*503/);
    expect(paused).toContain(`\`/source resume source:${sourceId}\` tries again at once`);
    const sent = t.discord.requests.find((r) => r.method === 'POST' && r.path === `/channels/${logChannel}/messages`)!;
    expect((sent.body as Record<string, unknown>).allowed_mentions).toEqual({ parse: [] });

    // The same day: told already, nothing more, however often the job runs.
    expect(await sendAlerts()).toBe(0);
    expect(await sendAlerts(new Date(Date.now() + 3_600_000))).toBe(0);
    expect(logMessages()).toHaveLength(1);

    // The site is back; a moderator resumes the source; the next fetch works.
    site.override = undefined;
    expect((await run(t.users.admin, 'source resume', { source: sourceId })).content).not.toMatch(/^Only moderators/);
    await pollNow();
    expect(await sendAlerts()).toBe(1);
    expect(logMessages()[1]).toBe(`✅ **Source #${sourceId}** (OC Media) <${site.feedUrl}>, posting to <#${t.channels.news}>, works again: its address answered and Gazette posts its new stories as before. Nothing to do.`);
    expect(await sendAlerts()).toBe(0);
    t.discord.assertNothingCouldPing();
    t.discord.assertNoViolations();
  });

  it('tells a source that has been quiet for longer than its history makes usual, once', async () => {
    const hour = 3_600_000;
    const feed = await t.app.db.prisma.feed.create({ data: { url: 'https://quiet.example/feed.xml', kind: 'feed', title: 'Quiet Times', lastSuccessAt: new Date() } });
    const quiet = await t.app.db.prisma.source.create({ data: { guildId: t.guildId, feedId: feed.id, channelId: t.channels.asia } });
    // Twenty articles six hours apart, the newest five days ago.
    const newest = Date.now() - 5 * 24 * hour;
    for (let i = 0; i < 20; i++) {
      const at = new Date(newest - i * 6 * hour);
      await t.app.db.prisma.article.create({ data: { feedId: feed.id, url: `https://quiet.example/${i}`, title: `Quiet ${i}`, sourceName: 'Quiet Times', text: 'Text.', summary: 'Text.', publishedAt: at, createdAt: at } });
    }
    expect(await sendAlerts()).toBe(1);
    expect(logMessages().at(-1)).toBe(
      `💤 **Source #${quiet.id}** (Quiet Times) <https://quiet.example/feed.xml>, posting to <#${t.channels.asia}>, has published nothing for 5 days ` +
        `(its newest article is from <t:${Math.floor(newest / 1000)}:R>), although its address answers. Its articles usually come no more than 6 hours apart.\n` +
        'What you can do: check that the site still publishes at this address: outlets move or retire feeds. If it moved, `/source remove` this source and `/source add` the new address; if it is only quiet, nothing: Gazette will say when it publishes again.',
    );
    expect(await sendAlerts()).toBe(0);
    expect(await sendAlerts(new Date(Date.now() + 25 * hour))).toBe(0); // still quiet: told already
    await t.app.db.prisma.source.delete({ where: { id: quiet.id } });
  });

  it('tells a second pause no sooner than a day after the last message, and nothing once the channel is off', async () => {
    breakFeed();
    await pollNow();
    await pollNow();
    expect(await t.app.db.prisma.source.findUniqueOrThrow({ where: { id: sourceId } })).toMatchObject({ paused: true });
    expect(await sendAlerts()).toBe(0);
    expect(logMessages()).toHaveLength(3);
    const tomorrow = new Date(Date.now() + 25 * 3_600_000);
    expect(await sendAlerts(tomorrow)).toBe(1);
    expect(logMessages()[3]).toMatch(/paused itself/);

    expect((await run(t.users.admin, 'config log-channel')).content).toMatch(/^Source alerts are off/);
    await t.app.db.prisma.source.update({ where: { id: sourceId }, data: { lastAlertAt: null, lastAlertKind: null } });
    expect(await sendAlerts(tomorrow)).toBe(0);
    const show = await run(t.users.admin, 'config show');
    expect(show.embeds[0]!.fields!.find((f) => f.name === 'Log channel')?.value).toBe('Off. `/config log-channel` turns it on.');
    t.discord.assertNothingCouldPing();
    t.discord.assertNoViolations();
  });

  it('takes a log or review channel where Gazette may send messages but not embed links (its messages are plain text)', async () => {
    const botRole = t.discord.guild(t.guildId).botRoleId;
    const noEmbeds = t.discord.addChannel(t.guildId, { name: 'plain-log', type: 'text', permissionOverwrites: [{ id: botRole, type: 'role', deny: 1n << 14n }] });
    const readOnly = t.discord.addChannel(t.guildId, { name: 'read-only-log', type: 'text', permissionOverwrites: [{ id: botRole, type: 'role', deny: 1n << 11n }] });
    expect((await run(t.users.admin, 'config log-channel', { channel: noEmbeds })).content).toMatch(new RegExp(`^Gazette will tell moderators in <#${noEmbeds}>`));
    expect((await run(t.users.admin, 'config log-channel', { channel: readOnly })).content).toBe(
      `Gazette cannot post in <#${readOnly}>: it lacks Send Messages there. Give Gazette's role that permission in the channel's settings, or pick another channel.`,
    );
    expect((await t.app.db.prisma.guild.findUniqueOrThrow({ where: { id: t.guildId } })).logChannelId).toBe(noEmbeds);
    // So are review posts (text and buttons): such a review channel was refused for lacking Embed Links.
    expect((await run(t.users.admin, 'config submissions', { approval: true, 'review-channel': noEmbeds })).content).toMatch(new RegExp(`now wait for a moderator’s approval in <#${noEmbeds}>`));
    t.discord.assertNoViolations();
  });
});
