// A source's filter and `/source edit` through the real bot and the Discord stand-in (issue 11): a filtered story is
// stored and searchable but not posted; `/source test` shows what a filter lets through; `/source edit` moves a
// source to another channel without losing what it posted; bad filters and plain members get a clear answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceCommand } from '../../commands/source.js';
import { maxFilterLength } from '../../src/pipeline/orchestrator.js';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import type { OptionValue } from '../helpers/discord/index.js';
import { startNewsSite, type NewsSite, type SiteArticle } from '../helpers/news-site.js';

const texts: Record<string, [string, string]> = {
  harvest: [
    'Kakheti growers start the grape harvest two weeks early',
    'Wine makers in the Kakheti valley started picking grapes two weeks earlier than usual after a hot, dry summer. Cooperatives in Telavi said yields were lower but the sugar content was high. Exporters expect steady demand from buyers in Poland. The agriculture ministry promised subsidies for small growers who lost vines to hail in June.',
  ],
  caspian: [
    'Azerbaijan and Georgia agree on a new gas pipeline',
    'Energy ministers from Baku and Tbilisi signed an agreement on Tuesday to build a second gas pipeline across the South Caucasus. The line will carry Caspian gas to Turkey and on to European buyers. Officials said construction would start next spring and take three years. Environmental groups asked for a review of the route through protected forests.',
  ],
  steppe: [
    'Ulaanbaatar raises gas prices for households',
    'The city government of Ulaanbaatar raised the price of liquefied gas for household heating by a fifth on Monday. Officials in Mongolia blamed higher import costs. Families in the ger districts, who burn coal and gas to get through the winter, protested outside the city hall. Economists expect inflation to rise further this year.',
  ],
  bazaar: [
    'Fire damages historic bazaar in Tabriz',
    'A fire broke out overnight in a section of the historic covered bazaar of Tabriz, a UNESCO World Heritage site. Firefighters contained the blaze before dawn and no one was hurt. Carpet traders said dozens of shops lost their stock. Heritage officials began assessing the damage to the brick vaults on Tuesday.',
  ],
  snow: [
    'Early snow strands herders in western Mongolia',
    'Heavy snowfall in the Bayan-Ölgii province stranded hundreds of herding families and their livestock this week. Emergency teams from Ulaanbaatar delivered fodder by truck and helicopter. Meteorologists warned of a harsh winter, known locally as a dzud, that could kill millions of animals. Aid agencies appealed for donations of hay and fuel.',
  ],
  ferry: [
    'Batumi opens a new ferry terminal on the Black Sea',
    'A passenger and cargo ferry terminal opened in the Georgian port of Batumi on Monday. Port officials said ferries to Bulgaria and Ukraine would call twice a week. Truck drivers welcomed a route that avoids the mountain border crossings. The terminal was built with a loan from a development bank.',
  ],
  tea: [
    'Tea growers in Lankaran expand their plantations',
    'Farmers around Lankaran in southern Azerbaijan planted tea bushes on two hundred more hectares this spring. A new processing plant near the town buys green leaf from small growers at fixed prices. The agriculture ministry hopes to halve tea imports within five years. Growers said they still lack workers at harvest time.',
  ],
  wine: [
    'Armenian brandy makers report a record year',
    'Distilleries in the Ararat valley sold more brandy abroad last year than ever before, the statistics office in Yerevan said. Most bottles went to buyers in Russia and China. Producers said new oak barrels and better grapes raised prices. Smaller makers complained about the cost of glass bottles.',
  ],
};

function item(key: string, hoursAgo: number): SiteArticle {
  const [title, text] = texts[key]!;
  return { slug: key, title, text, published: new Date(Date.now() - hoursAgo * 3_600_000), fullInFeed: true };
}

const stored = 'gas or pipeline -country:MN';

describe('source filters and /source edit', () => {
  let t: TestBot;
  let site: NewsSite;
  let sourceId: number;

  async function run(user: string, command: string, options: Record<string, OptionValue> = {}) {
    const handle = t.discord.slash(t.guildId, user, t.channels.news, command, options);
    await handle.settled({ timeoutMs: 25_000 });
    const message = handle.originalMessage();
    return { content: message?.data.content ?? '', embeds: message?.data.embeds ?? [], ephemeral: message?.ephemeral ?? false };
  }
  const posts = (channel: string) => t.discord.messages(channel, { includeEphemeral: false }).map((m) => m.data.embeds[0]?.title);
  const pollWith = async (...items: SiteArticle[]) => {
    site.items.unshift(...items);
    await t.pollNow(); // returns once the posts it planned are made
  };

  beforeAll(async () => {
    t = await startTestBot();
    site = await startNewsSite('Caspian Wire', [item('harvest', 20)]);
  });
  afterAll(async () => {
    await t.close();
    await site.close();
  });

  it('the filter option is as long as a filter may be', () => {
    const subcommands = sourceCommand.options as readonly { options?: readonly { name: string; max_length?: number }[] }[];
    const options = subcommands.flatMap((o) => o.options ?? []).filter((o) => o.name === 'filter');
    expect(options).toHaveLength(3); // add, edit, test
    for (const o of options) expect(o.max_length).toBe(maxFilterLength);
  });

  it('refuses a filter it cannot read, saying what is wrong, and adds nothing', async () => {
    const cases: [string, RegExp][] = [
      ['gas country:Atlantis', /^Gazette does not know the country "Atlantis"\. Use an English name or ISO code, such as country:Georgia or country:GE\.$/],
      ['region:Mars', /^Gazette does not know the region "Mars"\. Use one of this server’s regions/],
      ['lang:zz', /^Gazette does not know the language "zz"\. Use a two-letter language code, such as lang:ru\.$/],
      ['?! ...', /^That filter has no words to look for\./],
    ];
    for (const [filter, expected] of cases) {
      const answer = await run(t.users.admin, 'source add', { url: site.feedUrl, channel: t.channels.news, filter });
      expect(answer.ephemeral).toBe(true);
      expect(answer.content).toMatch(expected);
    }
    expect(await t.app.db.prisma.source.count()).toBe(0);
    expect(await t.app.db.prisma.auditLog.count()).toBe(0);
    t.discord.assertNoViolations();
  });

  it('/source test shows which newest items a filter passes, and says so when it passes none', async () => {
    site.items.unshift(item('caspian', 3), item('snow', 2));
    const answer = await run(t.users.admin, 'source test', { url: site.feedUrl, filter: 'gas or pipeline -country:Mongolia' });
    expect(answer.content).toContain(`The filter \`${stored}\` passes 1 of these 3 items (✓): only those would be posted`);
    expect(answer.content).toContain(`✗ ${texts.snow![0]}\n✓ ${texts.caspian![0]}\n✗ ${texts.harvest![0]}`);
    expect(answer.embeds.length).toBeGreaterThan(0);

    const none = await run(t.users.admin, 'source test', { url: site.feedUrl, filter: 'country:Japan' });
    expect(none.content).toContain('The filter `country:JP` passes none of these 3 items: nothing from them would be posted.');
    expect(await t.app.db.prisma.article.count()).toBe(0);
    site.items.splice(0, 2);
    t.discord.assertNoViolations();
  });

  it('posts what passes a source’s filter; a filtered story is stored and found by /news search, not posted', async () => {
    const added = await run(t.users.admin, 'source add', { url: site.feedUrl, channel: t.channels.news, filter: 'gas or pipeline -country:Mongolia' });
    expect(added.content).toMatch(/^Added source #\d+/);
    expect(added.content).toContain(`Only its stories matching \`${stored}\` are posted; the others are stored, and \`/news search\` finds them.`);
    // The one item in the feed is about grapes: the moderator hears that the filter passes none of it.
    expect(added.content).toContain('⚠️ The filter passes none of its newest items (1)');
    const source = await t.app.db.prisma.source.findFirstOrThrow();
    sourceId = source.id;
    expect(source.filter).toBe(stored);
    // Alice follows words of all three stories: the two the filter holds back must not alert her through it.
    for (const value of ['gas', 'Tabriz']) expect((await run(t.users.alice, 'follow add', { kind: 'keyword', value })).content).toMatch(/^You now follow keyword/);

    await pollWith(item('caspian', 0.3), item('bazaar', 0.2), item('steppe', 0.1));
    expect(posts(t.channels.news)).toEqual([texts.caspian![0]]);
    expect(await t.app.alerts.runOnce()).toBe(1);
    const dm = t.discord.directMessages(t.users.alice);
    expect(dm).toHaveLength(1);
    expect(dm[0]!.data.content).toBe('1 new story you follow in Regional News.');
    expect(dm[0]!.data.embeds[0]!.description).toContain(texts.caspian![0]);
    expect(await t.app.db.prisma.article.count({ where: { feedId: source.feedId } })).toBe(3);
    expect(await t.app.db.prisma.delivery.count()).toBe(1);

    // Both stories the filter held back are this server's, found by search.
    const found = async (query: string) => (await run(t.users.alice, 'news search', { query })).embeds[0]?.description ?? '';
    expect(await found('bazaar Tabriz')).toContain(texts.bazaar![0]);
    expect(await found('Ulaanbaatar prices')).toContain(texts.steppe![0]);
    expect(await t.app.db.prisma.story.count()).toBe(3);

    const list = await run(t.users.admin, 'source list');
    expect(list.embeds[0]!.description).toMatch(new RegExp(`\\*\\*#${sourceId} Caspian Wire\\*\\* → <#${t.channels.news}> · every 15 min · filter \`gas or pipeline -country:MN\``));
    t.discord.assertNoViolations();
  });

  it('/source edit moves a source to another channel: posts stay, the next story goes to the new channel', async () => {
    const answer = await run(t.users.admin, 'source edit', { source: sourceId, channel: t.channels.caucasus, filter: 'none' });
    expect(answer.ephemeral).toBe(true);
    expect(answer.content).toBe(
      [
        `Source #${sourceId} (Caspian Wire): channel <#${t.channels.news}> → <#${t.channels.caucasus}>, filter \`${stored}\` → none.`,
        `Stories already posted stay in <#${t.channels.news}>; its new stories go to <#${t.channels.caucasus}>.`,
        'Every new story of it is posted again.',
      ].join('\n'),
    );
    const source = await t.app.db.prisma.source.findUniqueOrThrow({ where: { id: sourceId } });
    expect(source).toMatchObject({ channelId: t.channels.caucasus, filter: null });
    const audit = await t.app.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'source.edit' } });
    expect(audit).toMatchObject({ actorId: t.users.admin, target: `source:${sourceId}`, details: { channelId: { from: t.channels.news, to: t.channels.caucasus } } });

    await pollWith(item('ferry', 0));
    expect(posts(t.channels.caucasus)).toEqual([texts.ferry![0]]);
    expect(posts(t.channels.news)).toEqual([texts.caspian![0]]);
    t.discord.assertNoViolations();
  });

  it('/source edit checks every change as /source add does, and refuses a channel that has the feed already', async () => {
    const before = await t.app.db.prisma.source.findUniqueOrThrow({ where: { id: sourceId } });
    const other = await run(t.users.admin, 'source add', { url: site.feedUrl, channel: t.channels.asia });
    const otherId = Number(/^Added source #(\d+)/.exec(other.content)?.[1]);
    const cases: [Record<string, OptionValue>, RegExp][] = [
      [{ channel: t.channels.asia }, new RegExp(`^Source #${otherId} already posts this feed to <#${t.channels.asia}>\\. Remove one of them`)],
      [{ region: 'Atlantis' }, /^This server has no region "Atlantis"\. Its regions are: South Caucasus/],
      [{ tags: 'ok, !!' }, /"!!" is not a tag/],
      [{ filter: 'topic:knitting' }, /^Gazette does not know the topic "knitting"/],
      [{}, /^Say what to change: a new `channel`, `region`, `tags`, `interval` or `filter`/],
    ];
    for (const [options, expected] of cases) {
      const answer = await run(t.users.admin, 'source edit', { source: sourceId, ...options });
      expect(answer.ephemeral).toBe(true);
      expect(answer.content).toMatch(expected);
    }
    expect(await t.app.db.prisma.source.findUniqueOrThrow({ where: { id: sourceId } })).toEqual(before);
    expect(await t.app.db.prisma.auditLog.count({ where: { action: 'source.edit' } })).toBe(1);
    t.discord.assertNoViolations();
  });

  it('/source edit sets region, tags, interval and a filter, warning when the filter passes none of its latest stories', async () => {
    const answer = await run(t.users.admin, 'source edit', { source: sourceId, region: 'south caucasus', tags: 'Energy, Ports', interval: 30, filter: 'tourism' });
    const [first, ...rest] = answer.content.split('\n');
    expect(first).toBe(`Source #${sourceId} (Caspian Wire): region none → South Caucasus, tags none → \`Energy\` \`Ports\`, checked every 15 → 30 min, filter none → \`tourism\`.`);
    expect(rest).toContain('⚠️ The filter passes none of the latest stories it brought in (4): check its words. `/source test` with `filter:` shows what a filter lets through.');
    expect(await t.app.db.prisma.source.findUniqueOrThrow({ where: { id: sourceId } })).toMatchObject({ region: 'south-caucasus', tags: ['Energy', 'Ports'], intervalMinutes: 30, filter: 'tourism' });
    const same = await run(t.users.admin, 'source edit', { source: sourceId, filter: 'Tourism' });
    expect(same.content).toBe(`Source #${sourceId} (Caspian Wire) already has those settings: nothing changed.`);
    t.discord.assertNoViolations();
  });

  it('a backfill with a filter posts only what passes it, and says so', async () => {
    const other = await startNewsSite('Lowland Post', [item('tea', 1), item('wine', 2)]);
    try {
      const answer = await run(t.users.admin, 'source add', { url: other.feedUrl, channel: t.channels.asia, backfill: 2, filter: 'tea' });
      expect(answer.content).toContain(`Of the 2 newest, what passes the filter is being posted to <#${t.channels.asia}> now (one post).`);
      expect(answer.content).not.toContain('⚠️');
      // The bot's own delivery worker may have claimed the post already: this round then has nothing to do, and the
      // post lands a moment later.
      await t.deliver();
      await t.discord.waitFor(() => posts(t.channels.asia).length > 0, 5_000, 'the backfilled post');
      expect(posts(t.channels.asia)).toEqual([texts.tea![0]]);
      t.discord.assertNoViolations();
    } finally {
      await other.close();
    }
  });

  it('/source edit is for moderators, and its source option autocompletes', async () => {
    const before = await t.app.db.prisma.source.findUniqueOrThrow({ where: { id: sourceId } });
    const refused = await run(t.users.alice, 'source edit', { source: sourceId, channel: t.channels.asia });
    expect(refused.content).toMatch(/^Only moderators can do that/);
    expect(await t.app.db.prisma.source.findUniqueOrThrow({ where: { id: sourceId } })).toEqual(before);

    const record = await t.discord.autocomplete(t.guildId, t.users.admin, t.channels.news, 'source edit', { source: 'caspian' }, 'source').settled();
    const choices = (record.firstResponse!.data as { choices: { name: string; value: number }[] }).choices;
    expect(choices.find((c) => c.value === sourceId)?.name).toMatch(new RegExp(`^#${sourceId} Caspian Wire`));
    t.discord.assertNoViolations();
  });
});
