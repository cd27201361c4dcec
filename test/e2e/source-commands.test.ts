// `/source add|test|list|pause|resume|remove` through the real bot and the Discord stand-in: permissions, feed
// discovery from a site, backfill, explanations for addresses that cannot be used, and health in /source list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordSiteWait } from '../../src/db/site-waits.js';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import type { OptionValue } from '../helpers/discord/index.js';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.js';
import { startNewsSite, type NewsSite, type SiteArticle } from '../helpers/news-site.js';

const SEND_MESSAGES = 1n << 11n;

const texts: Record<string, [string, string]> = {
  harvest: [
    'Kakheti growers start the grape harvest two weeks early',
    'Wine makers in the Kakheti valley started picking grapes two weeks earlier than usual after a hot, dry summer. Cooperatives in Telavi said yields were lower but the sugar content was high. Exporters expect steady demand from buyers in Poland and China. The agriculture ministry promised subsidies for small growers who lost vines to hail in June.',
  ],
  railway: [
    'New freight line links Aktau port to the national network',
    'A freight railway connecting the Caspian port of Aktau with the central network opened on Monday. Transport officials in Astana said the line would cut container transit times to Europe by three days. Shipping companies welcomed the project, which was financed by a development bank loan. Critics questioned the tariffs charged to private operators.',
  ],
  snow: [
    'Early snow strands herders in western Mongolia',
    'Heavy snowfall in the Bayan-Ölgii province stranded hundreds of herding families and their livestock this week. Emergency teams from Ulaanbaatar delivered fodder by truck and helicopter. Meteorologists warned of a harsh winter, known locally as a dzud, that could kill millions of animals. Aid agencies appealed for donations of hay and fuel.',
  ],
  fjord: [
    'Ferry operators on the western fjords switch to batteries',
    'Three ferry companies serving the fjords near Bergen said they would replace diesel vessels with battery ferries by 2027. The transport authority will pay for charging stations at twelve quays. Tourism boards hope quieter ships will attract visitors in summer. Shipyards in Ulsteinvik have already received orders for the first hulls.',
  ],
  bazaar: [
    'Fire damages historic bazaar in Tabriz',
    'A fire broke out overnight in a section of the historic covered bazaar of Tabriz, a UNESCO World Heritage site. Firefighters contained the blaze before dawn and no one was hurt. Carpet traders said dozens of shops lost their stock. Heritage officials began assessing the damage to the brick vaults on Tuesday.',
  ],
};

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function item(key: string, hoursAgo: number): SiteArticle {
  const [title, text] = texts[key]!;
  return { slug: key, title, text, published: new Date(Date.now() - hoursAgo * 3_600_000), fullInFeed: true };
}

describe('/source: following, testing and checking sources', () => {
  let t: TestBot;
  let site: NewsSite;
  let other: NewsSite;
  let home: TestHttpServer;
  let locked: string;

  /** Runs a command as `user` and waits for its final answer. */
  async function run(user: string, command: string, options: Record<string, OptionValue> = {}, channel?: string) {
    const handle = t.discord.slash(t.guildId, user, channel ?? t.channels.news, command, options);
    const record = await handle.settled({ timeoutMs: 25_000 });
    const message = handle.originalMessage();
    return { record, message, content: message?.data.content ?? '', embeds: message?.data.embeds ?? [], ephemeral: message?.ephemeral ?? false };
  }

  beforeAll(async () => {
    t = await startTestBot();
    site = await startNewsSite('Caucasus Daily', [item('harvest', 1), item('railway', 5), item('snow', 9), item('fjord', 30)]);
    other = await startNewsSite('Northern Post', [item('fjord', 2)]);
    home = await startHttpServer({
      '/': (_req, res) => {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(`<!doctype html><html><head><title>Caucasus Daily</title>
<link rel="alternate" type="application/rss+xml" title="Caucasus Daily" href="${site.feedUrl}"></head>
<body><h1>Caucasus Daily</h1><p>News from the region.</p></body></html>`);
      },
      '/broken.xml': (_req, res) => {
        res.setHeader('content-type', 'application/rss+xml');
        res.end('<?xml version="1.0"?><rss version="2.0"><channel><title>Half a feed</title><item><title>Cut');
      },
    });
    locked = t.discord.addChannel(t.guildId, {
      name: 'read-only',
      type: 'text',
      permissionOverwrites: [{ id: t.discord.guild(t.guildId).botRoleId, type: 'role', deny: SEND_MESSAGES }],
    });
  });
  afterAll(async () => {
    await t.close();
    await site.close();
    await other.close();
    await home.close();
  });

  it('refuses members without permission privately, and changes and audits nothing', async () => {
    const attempts: [string, string, Record<string, OptionValue>][] = [
      [t.users.alice, 'source add', { url: site.feedUrl, channel: t.channels.news }],
      [t.users.alice, 'source list', {}],
      [t.users.alice, 'source pause', { source: 1 }],
      [t.users.alice, 'source export', {}],
      [t.users.alice, 'source test', { url: site.feedUrl }],
      // The Editors role is not the moderator role yet.
      [t.users.editor, 'source add', { url: site.feedUrl, channel: t.channels.news }],
    ];
    for (const [user, command, options] of attempts) {
      const answer = await run(user, command, options);
      expect(answer.ephemeral).toBe(true);
      expect(answer.content).toMatch(/^Only moderators can do that: members with Manage Server, or the role set with `\/config moderator-role`\.$/);
    }
    // Choosing the moderator role needs Manage Server itself.
    const escalation = await run(t.users.editor, 'config moderator-role', { role: t.roles.editors });
    expect(escalation.content).toBe('Only members with the Manage Server permission can do that.');
    expect(await t.app.db.prisma.source.count()).toBe(0);
    expect(await t.app.db.prisma.feed.count()).toBe(0);
    // No moderator role was set (checking permissions writes nothing: the server may have no row yet).
    expect((await t.app.db.prisma.guild.findUnique({ where: { id: t.guildId } }))?.moderatorRoleId ?? null).toBeNull();
    expect(await t.app.db.prisma.auditLog.count()).toBe(0);
    t.discord.assertNoViolations();
  });

  it('a moderator adds a site: its feed is found, the backfill is posted and older items are not', async () => {
    const granted = await run(t.users.admin, 'config moderator-role', { role: t.roles.editors });
    expect(granted.content).toMatch(/Members with the role <@&\d+> can now moderate/);

    const answer = await run(t.users.editor, 'source add', { url: home.url, channel: t.channels.news, backfill: 1, region: 'south caucasus', tags: 'Wine, #Harvest, wine' });
    expect(answer.record.firstResponse?.type).toBe(5); // deferred: fetching is slow
    expect(answer.ephemeral).toBe(true);
    expect(answer.content).toMatch(/^Added source #\d+: \*\*Caucasus Daily\*\* \(<http:\/\/127\.0\.0\.1:\d+\/feed\.xml>\), a feed\./);
    expect(answer.content).toContain(`Found it from the link on ${home.url}`);
    expect(answer.content).toContain(`3 items were already in it and will not be posted; the newest is being posted to <#${t.channels.news}> now.`);
    expect(answer.content).toContain(`new items are posted to <#${t.channels.news}>; Gazette checks every 15 min.`);
    expect(answer.content).toContain('Stories that name no country count as South Caucasus.');
    expect(answer.content).toContain('Its stories are tagged `Wine` `Harvest`.');
    // The preview: title, outlet, date and summary of the newest items, within Discord's limits (checked by the stand-in).
    expect(answer.embeds).toHaveLength(3);
    expect(answer.embeds[0]).toMatchObject({ title: texts.harvest![0], url: `${site.origin}/article/harvest`, author: { name: 'Caucasus Daily' } });
    expect(answer.embeds[0]!.fields?.find((f) => f.name === 'Published')?.value).toMatch(/^<t:\d+:f>$/);
    expect(answer.embeds[0]!.description).toMatch(/Kakheti/);

    const post = await t.discord.waitForMessage(t.channels.news, (m) => m.data.embeds.length > 0, 10_000);
    expect(post.data.embeds[0]!.title).toBe(texts.harvest![0]);
    const source = await t.app.db.prisma.source.findFirstOrThrow({ include: { feed: true } });
    expect(source).toMatchObject({ channelId: t.channels.news, region: 'south-caucasus', tags: ['Wine', 'Harvest'], createdById: t.users.editor, feed: { url: site.feedUrl } });
    const audit = await t.app.db.prisma.auditLog.findMany({ orderBy: { id: 'asc' } });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ['config.update', t.users.admin],
      ['source.add', t.users.editor],
    ]);

    // The next new item is posted; the three that were already in the feed never are.
    site.items.unshift(item('bazaar', 0));
    await t.pollNow();
    await t.discord.waitFor(() => t.discord.messages(t.channels.news, { includeEphemeral: false }).length === 2, 10_000, 'the new item');
    await new Promise((r) => setTimeout(r, 300));
    const titles = t.discord.messages(t.channels.news, { includeEphemeral: false }).map((m) => m.data.embeds[0]?.title);
    expect(titles).toEqual([texts.harvest![0], texts.bazaar![0]]);
    t.discord.assertNoViolations();
  });

  it('explains addresses and options it cannot use, privately, and adds nothing', async () => {
    const before = await t.app.db.prisma.source.count();
    const cases: [Record<string, OptionValue>, RegExp][] = [
      [{ url: 'http://169.254.169.254/latest/meta-data/' }, /Refused: 169\.254\.169\.254 is a cloud metadata address\.[\s\S]*only reads public web addresses/],
      [{ url: 'feeds dot example' }, /^That is not a web address\. Give the full address, starting with https:\/\/$/],
      [{ url: `${site.origin}/article/no-such-story` }, /answered 404 Not Found[\s\S]*opens in a browser/],
      // A broken feed is named as such, with the parser's reason.
      [{ url: `${home.origin}/broken.xml` }, /^The feed is not valid XML: .+\.\nThe feed may be broken right now/],
      [{ url: site.feedUrl, region: 'Atlantis' }, /This server has no region "Atlantis"\. Its regions are: South Caucasus, Central Asia/],
      [{ url: site.feedUrl, tags: 'ok, !!' }, /"!!" is not a tag/],
      [{ url: site.feedUrl, channel: locked }, new RegExp(`Gazette cannot post in <#${locked}>: it lacks Send Messages there`)],
      // The same feed into the same channel again.
      [{ url: site.feedUrl }, /That source already posts to <#\d+> \(source #\d+\)/],
    ];
    for (const [options, expected] of cases) {
      const answer = await run(t.users.admin, 'source add', { channel: t.channels.news, ...options });
      expect(answer.ephemeral).toBe(true);
      expect(answer.content).toMatch(expected);
    }
    expect(await t.app.db.prisma.source.count()).toBe(before);
    expect(await t.app.db.prisma.auditLog.count({ where: { action: 'source.add' } })).toBe(before);
    t.discord.assertNoViolations();
  });

  it('/source test previews a source and stores nothing', async () => {
    const counts = async () => [await t.app.db.prisma.feed.count(), await t.app.db.prisma.article.count(), await t.app.db.prisma.auditLog.count()];
    const before = await counts();
    const answer = await run(t.users.editor, 'source test', { url: other.feedUrl });
    expect(answer.content).toMatch(/\*\*Northern Post\*\* \(<.*>\) is a feed\./);
    expect(answer.content).toMatch(/nothing was stored/);
    expect(answer.embeds.map((e) => e.title)).toEqual([texts.fjord![0]]);
    expect(await counts()).toEqual(before);
    t.discord.assertNoViolations();
  });

  it('/source list shows a broken feed’s reason and a posting failure in words', async () => {
    const added = await run(t.users.admin, 'source add', { url: other.feedUrl, channel: t.channels.asia });
    expect(added.content).toMatch(/Added source #\d+/);
    other.override = (res) => {
      res.setHeader('content-type', 'application/rss+xml');
      res.end('<?xml version="1.0"?><rss version="2.0"><channel><title>Northern Post</title><item><title>Cut off');
    };
    // Discord refuses the next post in #news: the bot lost its permission there.
    t.discord.failNext(`POST /channels/${t.channels.news}/messages`, { status: 403 });
    site.items.unshift({ ...item('railway', 0), slug: 'railway-2', title: 'Aktau freight line carries its first containers' });
    await t.pollNow();
    await until(async () => (await t.app.db.prisma.delivery.count({ where: { status: 'failed' } })) === 1, 'the refused post');

    const list = await run(t.users.editor, 'source list');
    expect(list.embeds).toHaveLength(1);
    const text = list.embeds[0]!.description!;
    expect(text).toMatch(/\*\*#\d+ Caucasus Daily\*\* → <#\d+> · every 15 min · region South Caucasus · tags `Wine` `Harvest`/);
    expect(text).toMatch(/✅ Working\.\nLast check <t:\d+:R>, last success <t:\d+:R>\./);
    // Escaped (it may quote a remote server), but the channel it names stays a mention.
    expect(text).toContain(`📭 **1 story could not be posted** in <#${t.channels.news}> in the last 7 days: Gazette lacks permission to post in <#${t.channels.news}> \\(Missing Permissions\\)`);
    expect(text).toMatch(/\*\*#\d+ Northern Post\*\*[\s\S]*⚠️ \*\*Failing:\*\* 1 failed check in a row\. Last error: The feed is not valid XML/);
    expect(list.embeds[0]!.footer?.text).toBe('2 sources · 1 failing · 1 with posting errors');
    t.discord.assertNoViolations();
  });

  it('pause, resume and remove go through the audit log', async () => {
    const source = await t.app.db.prisma.source.findFirstOrThrow({ where: { channelId: t.channels.asia } });
    expect((await run(t.users.editor, 'source pause', { source: source.id })).content).toMatch(/^Paused source #\d+ \(Northern Post\)/);
    const listed = await run(t.users.editor, 'source list');
    expect(listed.embeds[0]!.description).toMatch(/⏸️ \*\*Paused\.\*\* Paused by a moderator \(<@\d+>\)\./);
    // Its site asked Gazette to wait meanwhile (a 429's Retry-After): resumed, it is checked once the wait is over.
    const waitEnds = new Date(Date.now() + 3_600_000);
    await recordSiteWait(t.app.db.prisma, new URL(other.feedUrl).hostname, waitEnds);
    const resumed = (await run(t.users.editor, 'source resume', { source: source.id })).content;
    await t.app.db.prisma.siteWait.deleteMany();
    expect(resumed).toBe(`Resumed source #${source.id} (Northern Post): Gazette checks it again after <t:${Math.floor(waitEnds.getTime() / 1000)}:t> (<t:${Math.floor(waitEnds.getTime() / 1000)}:R>), when the wait its site asked for is over.`);
    await run(t.users.editor, 'source pause', { source: source.id });
    expect((await run(t.users.editor, 'source resume', { source: source.id })).content).toMatch(/^Resumed source #\d+ \(Northern Post\): Gazette checks it again within a minute or two\.$/);
    expect((await run(t.users.editor, 'source remove', { source: source.id })).content).toMatch(/^Removed source #\d+ \(Northern Post\): nothing more from it is posted to <#\d+>/);
    expect((await run(t.users.editor, 'source remove', { source: source.id })).content).toBe(`There is no source #${source.id} in this server. \`/source list\` shows them.`);
    const actions = (await t.app.db.prisma.auditLog.findMany({ where: { target: `source:${source.id}` }, orderBy: { id: 'asc' } })).map((a) => a.action);
    expect(actions).toEqual(['source.add', 'source.pause', 'source.resume', 'source.pause', 'source.resume', 'source.remove']);
    t.discord.assertNoViolations();
  });

  it('a long list is split into private messages within Discord’s limits', async () => {
    const feeds = Array.from({ length: 40 }, (_, i) => ({ url: `https://example.org/feeds/${i}/${'long-path-segment/'.repeat(4)}rss.xml`, kind: 'feed' as const, title: `Regional outlet number ${i} with a rather long name` }));
    for (const f of feeds) {
      const feed = await t.app.db.prisma.feed.create({ data: { ...f, lastError: 'The server answered 503 Service Unavailable.', consecutiveFailures: 2, lastFetchAt: new Date() } });
      await t.app.db.prisma.source.create({ data: { guildId: t.guildId, feedId: feed.id, channelId: t.channels.asia } });
    }
    const handle = t.discord.slash(t.guildId, t.users.admin, t.channels.news, 'source list');
    const record = await handle.settled({ timeoutMs: 15_000 });
    // Pages after the first are follow-ups sent one after another: wait for the one holding the last source.
    const last = (id: string) => t.discord.message(id)?.data.embeds[0]?.description?.includes('Regional outlet number 39 with');
    await t.discord.waitFor(() => record.followUps.some((f) => last(f.messageId)), 10_000, 'the last page');
    const pages = [handle.originalMessage()!, ...record.followUps.map((f) => t.discord.message(f.messageId)!)];
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      expect(page.ephemeral).toBe(true);
      expect(page.data.embeds).toHaveLength(1);
      expect(page.data.embeds[0]!.description!.length).toBeLessThanOrEqual(4096);
    }
    const all = pages.map((p) => p.data.embeds[0]!.description).join('\n');
    expect(all).toContain('Regional outlet number 0 with');
    expect(all).toContain('Regional outlet number 39 with');
    t.discord.assertNoViolations();
  });
});
