// `/source import` and `/source export` through the real bot and the Discord stand-in: an OPML file attached to the
// command is read line by line (added / skipped / failed), the export is an OPML attachment, and importing that
// export into another server follows the same feeds.
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Imported before the app on purpose: the pipeline's HTTP client loading before discord.js once broke discord.js's
// file uploads (two undici versions sharing one global dispatcher); the export test below guards against it.
import { importLimits, isDiscordAttachmentUrl } from '../../src/discord/commands/source-import.js';
import { addSource } from '../../src/db/sources.js';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import type { OptionValue } from '../helpers/discord/index.js';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.js';
import { startNewsSite, type NewsSite, type SiteArticle } from '../helpers/news-site.js';

const MANAGE_GUILD = 1n << 5n;

const article = (slug: string, title: string, text: string, hoursAgo: number): SiteArticle => ({
  slug,
  title,
  text,
  published: new Date(Date.now() - hoursAgo * 3_600_000),
  fullInFeed: true,
});

const opml = (outlines: string) => `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>My reader</title></head><body>
<outline text="News">${outlines}</outline>
</body></opml>`;

describe('/source import and export', () => {
  let t: TestBot;
  let daily: NewsSite;
  let post: NewsSite;
  let homes: TestHttpServer;
  let hangingReads: ServerResponse[] | undefined = [];

  async function run(guildId: string, user: string, channel: string, command: string, options: Record<string, OptionValue> = {}) {
    const handle = t.discord.slash(guildId, user, channel, command, options);
    const record = await handle.settled({ timeoutMs: 25_000 });
    const message = handle.originalMessage();
    return { record, message, content: message?.data.content ?? '', embeds: message?.data.embeds ?? [], ephemeral: message?.ephemeral ?? false };
  }

  /** Another server with a channel and a moderator, once the bot has seen it. */
  async function newServer(name: string, channelName: string, adminName: string) {
    const guild = t.discord.addGuild({ name });
    const channel = t.discord.addChannel(guild, { name: channelName, type: 'text' });
    const admin = t.discord.addMember(guild, { username: adminName, permissions: MANAGE_GUILD });
    await t.discord.waitFor(() => t.app.bot.client.guilds.cache.get(guild)?.channels.cache.has(channel), 5000, 'the bot to see the new server');
    return { guild, channel, admin };
  }

  const feedUrls = async (guildId: string) =>
    (await t.app.db.prisma.source.findMany({ where: { guildId }, include: { feed: true } })).map((s) => s.feed.url).sort();

  beforeAll(async () => {
    t = await startTestBot();
    daily = await startNewsSite('Caucasus Daily', [
      article('harvest', 'Kakheti growers start the grape harvest early', 'Wine makers in the Kakheti valley started picking grapes two weeks earlier than usual after a hot summer. Cooperatives in Telavi said yields were lower. Exporters expect steady demand.', 3),
    ]);
    post = await startNewsSite('Northern Post', [
      article('ferries', 'Fjord ferries switch to batteries', 'Three ferry companies near Bergen will replace diesel vessels with battery ferries by 2027. The transport authority will pay for charging stations at twelve quays. Shipyards have received the first orders.', 2),
    ]);
    const page = (feedUrl: string, title: string) => (_req: unknown, res: ServerResponse) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><html><head><title>${title}</title><link rel="alternate" type="application/rss+xml" href="${feedUrl}"></head><body><h1>${title}</h1></body></html>`);
    };
    // '/hang' does not answer: a feed read that outlasts the import's deadline (cut off once its test is done).
    // A feed without a title of its own.
    const untitled = (_req: unknown, res: ServerResponse) => {
      res.setHeader('content-type', 'application/rss+xml');
      res.end(`<?xml version="1.0"?><rss version="2.0"><channel><link>${homes.origin}/</link><item><title>Quiet day</title><link>${homes.origin}/q</link></item></channel></rss>`);
    };
    homes = await startHttpServer({ '/daily': page(daily.feedUrl, 'Caucasus Daily'), '/post': page(post.feedUrl, 'Northern Post'), '/untitled.xml': untitled, '/hang': (_req, res) => void (hangingReads ? hangingReads.push(res) : res.destroy()) });
  });
  afterAll(async () => {
    await t.close();
    await daily.close();
    await post.close();
    await homes.close();
  });

  it('imports an OPML file line by line: added, skipped and failed, each with its reason', async () => {
    const file = opml(`
  <outline text="Caucasus Daily" type="rss" xmlUrl="${daily.feedUrl}"/>
  <outline text="Northern Post (site)" type="link" url="${homes.origin}/post"/>
  <outline text="Caucasus Daily home" type="link" url="${homes.origin}/daily"/>
  <outline text="Gone" type="rss" xmlUrl="${daily.origin}/gone.xml"/>
  <outline text="Not the web" type="rss" xmlUrl="ftp://example.org/feed"/>`);
    const answer = await run(t.guildId, t.users.admin, t.channels.news, 'source import', {
      file: { filename: 'reader.opml', content: file, contentType: 'text/x-opml' },
      channel: t.channels.news,
    });
    expect(answer.record.firstResponse?.type).toBe(5);
    expect(answer.ephemeral).toBe(true);
    expect(answer.content).toMatch(new RegExp(`^Imported into <#${t.channels.news}>: \\*\\*2 added\\*\\*, 1 skipped, 1 failed\\.`));
    expect(answer.content).toContain('items already in them are not posted');
    const lines = answer.embeds[0]!.description!.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^✅ Caucasus Daily — source #\d+$/);
    expect(lines[1]).toMatch(new RegExp(`^✅ Northern Post \\\\\\(site\\\\\\) — source #\\d+ \\(feed ${post.feedUrl.replace(/[.]/g, '\\.')}\\)$`));
    expect(lines[2]).toMatch(new RegExp(`^⏭️ Caucasus Daily home — That source already posts to <#${t.channels.news}> \\(source #\\d+\\)$`));
    expect(lines[3]).toMatch(/^❌ Gone — Could not fetch .*\/gone\.xml: The server answered 404 Not Found\.$/);
    expect(await feedUrls(t.guildId)).toEqual([daily.feedUrl, post.feedUrl].sort());
    expect(await t.app.db.prisma.auditLog.count({ where: { action: 'source.add', actorId: t.users.admin } })).toBe(2);

    // The first checks store what the feeds hold without posting it: those items were there before.
    await t.poll();
    expect((await t.app.db.prisma.feed.findMany()).every((f) => f.lastSuccessAt !== null)).toBe(true);
    expect(t.discord.messages(t.channels.news, { includeEphemeral: false })).toHaveLength(0);
    t.discord.assertNoViolations();
  });

  it('reads attachments only from Discord’s CDN or the API’s own origin', async () => {
    const api = t.discord.apiUrl;
    expect(isDiscordAttachmentUrl('https://cdn.discordapp.com/ephemeral-attachments/1/2/feeds.opml', 'https://discord.com/api')).toBe(true);
    expect(isDiscordAttachmentUrl('https://media.discordapp.net/attachments/1/2/feeds.opml', 'https://discord.com/api')).toBe(true);
    expect(isDiscordAttachmentUrl(`${new URL(api).origin}/ephemeral-attachments/1/2/feeds.opml`, api)).toBe(true);
    expect(isDiscordAttachmentUrl('http://cdn.discordapp.com/attachments/1/2/feeds.opml', 'https://discord.com/api')).toBe(false);
    expect(isDiscordAttachmentUrl('https://discordapp.com.evil.example/feeds.opml', 'https://discord.com/api')).toBe(false);
    expect(isDiscordAttachmentUrl('http://169.254.169.254/latest/meta-data/', api)).toBe(false);
    expect(isDiscordAttachmentUrl('not a url', api)).toBe(false);
  });

  it('refuses a file that is not OPML, or too big, in plain words', async () => {
    const notOpml = await run(t.guildId, t.users.admin, t.channels.news, 'source import', { file: { filename: 'notes.txt', content: 'just some notes' }, channel: t.channels.asia });
    expect(notOpml.content).toMatch(/^The OPML file could not be read: .*\. Export the list again from your feed reader as OPML/);
    const huge = await run(t.guildId, t.users.admin, t.channels.news, 'source import', { file: { filename: 'huge.opml', content: 'x'.repeat(600 * 1024) }, channel: t.channels.asia });
    expect(huge.content).toBe('That file is over 512 KB; an OPML list of feeds is much smaller.');
    const member = await run(t.guildId, t.users.alice, t.channels.news, 'source import', { file: { filename: 'reader.opml', content: opml('') }, channel: t.channels.asia });
    expect(member.content).toMatch(/^Only moderators can do that/);
    expect(await t.app.db.prisma.source.count({ where: { channelId: t.channels.asia } })).toBe(0);
    t.discord.assertNoViolations();
  });

  it('exports an OPML attachment that another server imports into the same feeds', async () => {
    const exported = await run(t.guildId, t.users.admin, t.channels.news, 'source export');
    expect(exported.ephemeral).toBe(true);
    expect(exported.content).toMatch(/^2 feeds as OPML/);
    const attachment = exported.message!.data.attachments[0]!;
    expect(attachment.filename).toBe('gazette-sources.opml');
    const text = await (await fetch(attachment.url)).text();
    expect(text).toContain(`xmlUrl="${daily.feedUrl}"`);
    expect(text).toContain(`xmlUrl="${post.feedUrl}"`);
    expect(text).toContain('Caucasus Daily');

    const other = t.discord.addGuild({ name: 'Second Server' });
    const channel = t.discord.addChannel(other, { name: 'headlines', type: 'text' });
    const admin = t.discord.addMember(other, { username: 'admin2', permissions: MANAGE_GUILD });
    await t.discord.waitFor(() => t.app.bot.client.guilds.cache.get(other)?.channels.cache.has(channel), 5000, 'the bot to see the new server');
    const imported = await run(other, admin, channel, 'source import', { file: { filename: 'gazette-sources.opml', content: text }, channel });
    expect(imported.content).toMatch(/\*\*2 added\*\*, 0 skipped, 0 failed/);
    expect(await feedUrls(other)).toEqual(await feedUrls(t.guildId));
    // Importing the same file again skips every line.
    const again = await run(other, admin, channel, 'source import', { file: { filename: 'gazette-sources.opml', content: text }, channel });
    expect(again.content).toMatch(/\*\*0 added\*\*, 2 skipped, 0 failed/);
    t.discord.assertNoViolations();
  });

  it('stops reading at its deadline and still sends the report, naming the lines not finished and those not tried', async () => {
    const saved = importLimits.deadlineMs;
    importLimits.deadlineMs = 1_500;
    try {
      const hanging = Array.from({ length: 6 }, (_, i) => `<outline text="Slow ${i}" type="rss" xmlUrl="${homes.origin}/hang?${i}"/>`).join('\n');
      const started = Date.now();
      const answer = await run(t.guildId, t.users.admin, t.channels.news, 'source import', {
        file: { filename: 'slow.opml', content: opml(`<outline text="Caucasus Daily" type="rss" xmlUrl="${daily.feedUrl}"/>\n${hanging}`) },
        channel: t.channels.asia,
      });
      // Well before the 5-second fetch timeout the slow reads would otherwise wait for.
      expect(Date.now() - started).toBeLessThan(4_500);
      // The lines it was reading when time ran out are not counted as not tried; 1.5 s is not rounded up to 2.
      expect(answer.content).toMatch(new RegExp(`^Imported into <#${t.channels.asia}>: \\*\\*1 added\\*\\*, 0 skipped, 0 failed, 4 not finished, 2 not tried \\(time ran out\\)\\.`));
      expect(answer.content).toContain('The import stopped reading after 1 second so that this report could still be sent.');
      const lines = answer.embeds[0]!.description!.split('\n');
      expect(lines[0]).toMatch(/^✅ Caucasus Daily — source #\d+$/);
      expect(lines.slice(1).map((l) => l.replace(/^⏳ Slow \d — /, ''))).toEqual([
        ...Array(4).fill('not finished (time ran out while reading it)'),
        ...Array(2).fill('not tried (time ran out)'),
      ]);
    } finally {
      importLimits.deadlineMs = saved;
      // The reads left hanging would hold the bot's requests to this host (FETCH_PER_HOST) until their 5-s timeout,
      // and with them the next test's reads of the news sites on the same address.
      for (const res of hangingReads ?? []) res.destroy();
      hangingReads = undefined;
    }
    t.discord.assertNoViolations();
  });

  it('names a feed without a title after its line in the report only: the feed is every server’s', async () => {
    const { guild, channel, admin } = await newServer('Fourth Server', 'imports', 'admin4');
    const file = opml(`<outline text="Official Server Announcements" type="rss" xmlUrl="${homes.origin}/untitled.xml"/>`);
    const answer = await run(guild, admin, channel, 'source import', { file: { filename: 'c.opml', content: file }, channel });
    expect(answer.embeds[0]!.description).toMatch(/^✅ Official Server Announcements — source #\d+$/);
    // Other servers following that feed would have seen it under this server's words.
    expect((await t.app.db.prisma.feed.findUniqueOrThrow({ where: { url: `${homes.origin}/untitled.xml` } })).title).toBeNull();
    t.discord.assertNoViolations();
  });

  it('counts each line it reads against the server’s limit on source checks, as /source add and test do', async () => {
    const { guild, channel, admin } = await newServer('Third Server', 'feeds', 'admin3');
    const lines = Array.from({ length: 15 }, (_, i) => `<outline text="Gone ${i}" type="rss" xmlUrl="${daily.origin}/gone-${i}.xml"/>`).join('\n');
    const first = await run(guild, admin, channel, 'source import', { file: { filename: 'a.opml', content: opml(lines) }, channel });
    expect(first.content).toMatch(/\*\*0 added\*\*, 0 skipped, 15 failed/);
    // 15 of the minute's 20 are spent: another 15 lines do not fit, one test does.
    const second = await run(guild, admin, channel, 'source import', { file: { filename: 'b.opml', content: opml(lines) }, channel });
    expect(second.content).toMatch(/^This server has added, tested or imported 20 sources in the last minute\. Please try again in \d+ s\.$/);
    const test = await run(guild, admin, channel, 'source test', { url: daily.feedUrl });
    expect(test.content).toMatch(/\*\*Caucasus Daily\*\* \(<.*>\) is a feed\./);
    t.discord.assertNoViolations();
  });

  it('reads at most the first 50 lines of a file, and says how many it left for a second one', async () => {
    const { guild, channel, admin } = await newServer('Fifth Server', 'feeds', 'admin5');
    // 55 feeds the channel follows already: read without a fetch, so the file is not held up by the minute's 20 checks.
    const urls = Array.from({ length: 55 }, (_, i) => `${daily.origin}/many-${i}.xml`);
    for (const url of urls) await addSource(t.app.db.prisma, { guildId: guild, actorId: admin, url, kind: 'feed', channelId: channel, intervalMinutes: 60 });
    const file = opml(urls.map((url, i) => `<outline text="Many ${i}" type="rss" xmlUrl="${url}"/>`).join('\n'));
    const answer = await run(guild, admin, channel, 'source import', { file: { filename: 'many.opml', content: file }, channel });
    expect(answer.content).toMatch(/\*\*0 added\*\*, 50 skipped, 0 failed\./);
    expect(answer.content).toContain('The file lists 55 feeds; only the first 50 were read. Import the rest from a second file.');
    t.discord.assertNoViolations();
  });
});
