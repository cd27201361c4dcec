import type { APIEmbed } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../src/db/articles.js';
import { addSource } from '../../src/db/sources.js';
import type { TagInput } from '../../src/db/tags.js';
import { storyLists } from '../../src/discord/components/pagination.js';
import type { Database } from '../../src/db/client.js';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import type { InteractionRecord } from '../helpers/discord/interactions.js';
import { articleFixture, newStory, joinStory } from '../helpers/fixtures.js';
import { seedTexts, startNewsSite, type NewsSite } from '../helpers/news-site.js';
import { bayesianAverage } from '../../src/ranking/significance.js';


/** Tags a story in a guild directly, as the pipeline would. */
async function tagStory(prisma: Database['prisma'], guildId: string, storyId: number, tags: TagInput[]) {
  for (const t of tags) {
    const tag = await prisma.tag.upsert({ where: { guildId_name: { guildId, name: t.name } }, create: { guildId, ...t }, update: {} });
    await prisma.storyTag.create({ data: { guildId, storyId, tagId: tag.id } });
  }
}
const EPHEMERAL = 64;
const otherGuild = '900000000000000001';
const caucasus: TagInput = { name: 'south caucasus', label: 'South Caucasus', kind: 'region' };
const energy: TagInput = { name: 'energy', label: 'Energy', kind: 'topic' };

type Response = NonNullable<InteractionRecord['firstResponse']>;
const embedOf = (r: Response) => (r.data as { embeds?: APIEmbed[] }).embeds?.[0];
const contentOf = (r: Response) => String((r.data as { content?: string }).content ?? '');
const flagsOf = (r: Response) => Number((r.data as { flags?: number }).flags ?? 0);
/** Story numbers of a list page, in order, from the "#123" at the end of each line's meta. */
const storyNumbers = (embed: APIEmbed | undefined) => [...(embed?.description ?? '').matchAll(/(?:^| · )#(\d+)$/gm)].map((m) => Number(m[1]));
const buttonsOf = (r: Response) =>
  ((r.data as { components?: { components: { custom_id?: string; label?: string; disabled?: boolean }[] }[] }).components ?? []).flatMap((row) => row.components);

describe('members look up stories', () => {
  let t: TestBot;
  let site: NewsSite;
  let sourceId: number;
  const pipelines: number[] = [];
  let posted: number;
  let old: number;
  let elsewhere: number;

  async function seed(title: string, summary: string, hoursAgo: number, opts: { guilds?: string[]; tags?: TagInput[]; votes?: [number, number]; sourceName?: string } = {}) {
    const at = new Date(Date.now() - hoursAgo * 3600_000);
    const stored = await storeArticle(t.db.prisma, articleFixture({ title, summary, sourceName: opts.sourceName ?? 'Caspian Wire' }), newStory, { now: at, windowHours: 1 });
    if (stored.status !== 'stored') throw new Error('not stored');
    for (const g of opts.guilds ?? [t.guildId]) {
      await t.db.prisma.guild.upsert({ where: { id: g }, create: { id: g }, update: {} });
      await t.db.prisma.guildStory.create({ data: { guildId: g, storyId: stored.storyId, createdAt: at, voteCount: opts.votes?.[0] ?? 0, voteSum: opts.votes?.[1] ?? 0, score: bayesianAverage(opts.votes?.[0] ?? 0, opts.votes?.[1] ?? 0) } });
      await tagStory(t.db.prisma, g, stored.storyId, opts.tags ?? []);
    }
    return stored.storyId;
  }

  const slash = async (command: string, options: Record<string, string | number | boolean> = {}, user?: string) => {
    const record = await t.discord.slash(t.guildId, user ?? t.users.alice, t.channels.news, command, options).settled();
    expect(record.firstResponse?.ms).toBeLessThan(3000);
    expect(record.firstResponse?.type).toBe(4); // answered at once, never deferred
    return { record, response: record.firstResponse! };
  };

  beforeAll(async () => {
    t = await startTestBot();
    site = await startNewsSite('Al Jazeera');
    const source = await addSource(t.app.db.prisma, { guildId: t.guildId, actorId: t.users.admin, url: site.feedUrl, kind: 'feed', channelId: t.channels.news, intervalMinutes: 15 });
    sourceId = source.id;
    await t.poll();
    site.items.unshift({ slug: 'caucasus', title: "The South Caucasus is slipping from Russia's grasp", text: seedTexts().aljazeera, published: new Date(), fullInFeed: true });
    await t.pollNow(source.feedId);
    posted = (await t.db.prisma.story.findFirstOrThrow({ where: { title: { contains: 'South Caucasus' } } })).id;
    // A second outlet joins the posted story.
    await storeArticle(t.db.prisma, articleFixture({ title: 'Baku and Moscow fall out', summary: 'Relations between Azerbaijan and Russia sour.', sourceName: 'Al Arabiya', url: 'https://alarabiya.example/baku' }), joinStory(posted), { now: new Date(), windowHours: 72 });
    for (let i = 0; i < 23; i++) {
      const tags = i % 2 === 0 ? [energy] : [caucasus];
      pipelines.push(await seed(`Pipeline talks, round ${i + 1}`, `Negotiators met again about the gas pipeline; session ${i + 1} ended without a deal.`, 2 + i, { tags, votes: i === 7 ? [6, 30] : [0, 0] }));
    }
    pipelines.push(await seed('Oil pipeline explosion near Tbilisi', 'Firefighters worked through the night.', 30, { tags: [caucasus, energy] }));
    old = await seed('Pipeline archive: the first treaty', 'An old story about the first pipeline treaty.', 24 * 40, { tags: [energy] });
    elsewhere = await seed('Pipeline secrets of Zanzibar', 'Only another server has this story.', 1, { guilds: [otherGuild] });
  });
  afterAll(async () => {
    await t.close();
    await site.close();
  });

  it('searches privately by default and pages through the results with buttons', async () => {
    const { record, response } = await slash('news search', { query: 'pipeline' });
    expect(flagsOf(response) & EPHEMERAL).toBe(EPHEMERAL);
    const first = embedOf(response)!;
    expect(first.title).toBe('Search: pipeline');
    expect(first.footer?.text).toBe('Page 1 of 3');
    const page1 = storyNumbers(first);
    expect(page1).toHaveLength(10);
    const buttons = buttonsOf(response);
    expect(buttons.map((b) => b.label)).toEqual(['Previous', 'Page 1 of 3', 'Next']);
    expect(buttons[0]!.disabled).toBe(true);
    expect(Math.max(...buttons.map((b) => b.custom_id!.length))).toBeLessThanOrEqual(100);

    const message = t.discord.message(record.originalMessageId!)!;
    const next = async (customId: string) => {
      const click = await t.discord.button(t.discord.message(message.data.id)!, t.users.alice, customId).settled();
      expect(click.firstResponse?.type).toBe(7); // the list message itself is rewritten
      expect(click.firstResponse?.ms).toBeLessThan(3000);
      return click.firstResponse!;
    };
    const second = await next(buttons[2]!.custom_id!);
    const page2 = storyNumbers(embedOf(second));
    expect(embedOf(second)!.footer?.text).toBe('Page 2 of 3');
    expect(embedOf(second)!.description).toMatch(/^\*\*11\.\*\*/m);
    const third = await next(buttonsOf(second)[2]!.custom_id!);
    const page3 = storyNumbers(embedOf(third));
    expect(buttonsOf(third)[2]!.disabled).toBe(true);
    const all = [...page1, ...page2, ...page3];
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual([...pipelines, old].sort());
    expect(all).not.toContain(elsewhere);
    const back = await next(buttonsOf(third)[0]!.custom_id!);
    expect(storyNumbers(embedOf(back))).toEqual(page2);
    t.discord.assertNoViolations();
  });

  it('ranks by relevance and applies tag, region and age filters', async () => {
    const exact = embedOf((await slash('news search', { query: 'explosion tbilisi' })).response)!;
    expect(storyNumbers(exact)).toEqual([pipelines[23]]);
    const phrase = embedOf((await slash('news search', { query: '"gas pipeline" round' })).response)!;
    expect(storyNumbers(phrase)).toHaveLength(10);
    const tagged = embedOf((await slash('news search', { query: 'pipeline', tag: 'Energy', since: 'week' })).response)!;
    const energyIds = [...pipelines.filter((_, i) => i % 2 === 0 && i < 23), pipelines[23]];
    expect(tagged.description).toContain('tag Energy · last 7 days');
    const tagPages = Math.ceil(energyIds.length / 10);
    expect(tagged.footer?.text).toBe(`Page 1 of ${tagPages}`);
    expect(storyNumbers(tagged)).toHaveLength(10);
    expect(storyNumbers(tagged).every((id) => energyIds.includes(id))).toBe(true);
    const region = embedOf((await slash('news search', { query: 'explosion', region: 'south caucasus' })).response)!;
    expect(storyNumbers(region)).toEqual([pipelines[23]]);
    t.discord.assertNoViolations();
  });

  it('answers impossible or empty searches with a clear private sentence', async () => {
    // Russian stop words: a Latin query English reads as nothing is searched as written (Vietnamese "than to").
    const stop = (await slash('news search', { query: 'и в', public: true })).response;
    expect(flagsOf(stop) & EPHEMERAL).toBe(EPHEMERAL);
    expect(contentOf(stop)).toMatch(/has no words to search for/);
    expect(contentOf((await slash('news search', { query: '?!' })).response)).toMatch(/has no words to search for/);
    expect(contentOf((await slash('news search', { query: '-pipeline' })).response)).toMatch(/only excludes words/);
    const none = contentOf((await slash('news search', { query: 'zanzibar' })).response);
    expect(none).toMatch(/^No stories in this server match "zanzibar"\./);
    expect(contentOf((await slash('news search', { query: 'pipeline', region: 'atlantis' })).response)).toMatch(/There is no region "atlantis"/);
    expect(contentOf((await slash('news search', { query: 'pipeline', tag: 'no such tag' })).response)).toMatch(/No story in this server has the tag "no such tag"/);
    t.discord.assertNoViolations();
  });

  it('answers in the open when asked to be public', async () => {
    const { record, response } = await slash('news search', { query: 'tbilisi', public: true });
    expect(flagsOf(response) & EPHEMERAL).toBe(0);
    const message = t.discord.message(record.originalMessageId!)!;
    expect(message.ephemeral).toBe(false);
    expect(t.discord.messages(t.channels.news, { includeEphemeral: false }).map((m) => m.data.id)).toContain(message.data.id);
    t.discord.assertNothingCouldPing();
  });

  it('lists top stories by votes within the period, and the newest stories, also by source', async () => {
    const top = embedOf((await slash('news top', { period: 'week' })).response)!;
    expect(storyNumbers(top)[0]).toBe(pipelines[7]);
    // Ordered by a score that decays with age: the all-time score beside it would read as a wrong order.
    expect(top.description).toMatch(/5\.0 \/ 5 from 6 votes/);
    expect(top.description).not.toMatch(/score/);
    const allTime = await slash('news top', { period: 'all', tag: 'energy' });
    expect(embedOf(allTime.response)!.footer?.text).toBe('Page 1 of 2');
    // All time, the order is the score kept with the votes, and each line shows it.
    const allTimeList = embedOf((await slash('news top', { period: 'all' })).response)!;
    expect(allTimeList.description).toMatch(/5\.0 \/ 5 from 6 votes \(score \d\.\d\d\)/);
    // Only a period's ranking favours newer stories; all time it is the votes alone.
    expect(JSON.stringify(top)).toContain('newer stories count more');
    expect(JSON.stringify(allTimeList)).toContain('a story needs several votes to rise.');
    expect(JSON.stringify(allTimeList)).not.toContain('newer stories');
    const todayInCaucasus = [posted, ...pipelines.filter((_, i) => i % 2 === 1 && i <= 21)];
    const regional = embedOf((await slash('news top', { period: 'day', region: 'South Caucasus' })).response)!;
    expect(regional.footer?.text).toBe('Page 1 of 2');
    // A rolling window, said as one: "today" read as since midnight.
    expect([top.title, regional.title]).toEqual(['Top stories in the last 7 days', 'Top stories in the last 24 hours']);
    expect(storyNumbers(regional)).toHaveLength(10);
    expect(storyNumbers(regional).every((id) => todayInCaucasus.includes(id))).toBe(true);

    const latest = embedOf((await slash('news latest')).response)!;
    expect(storyNumbers(latest).slice(0, 3)).toEqual([posted, pipelines[0], pipelines[1]]);
    const bySource = embedOf((await slash('news latest', { source: sourceId })).response)!;
    expect(storyNumbers(bySource)).toEqual([posted]);
    expect(bySource.description).toContain(`source #${sourceId}`);
    expect(contentOf((await slash('news latest', { source: 99999 })).response)).toMatch(/no source #99999/);
    t.discord.assertNoViolations();
  });

  it('shows one story with every outlet, tags, votes and a link to its post — never another server’s', async () => {
    await t.discord.button(t.discord.messages(t.channels.news)[0]!, t.users.bob, `vote:${posted}:4`).settled();
    const { response } = await slash('news story', { id: posted });
    const embed = embedOf(response)!;
    expect(embed.title).toBe("The South Caucasus is slipping from Russia's grasp");
    const field = (name: string) => embed.fields?.find((f) => f.name.startsWith(name))?.value ?? '';
    expect(field('Sources (2)')).toMatch(/\[Al Jazeera\]\(http:\/\/127\.0\.0\.1:\d+\/article\/caucasus\)/);
    expect(field('Sources')).toMatch(/\[Al Arabiya\]\(https:\/\/alarabiya\.example\/baku\)/);
    expect(field('Regions')).toContain('South Caucasus');
    expect(field('Votes')).toBe('4.0 / 5 from 1 vote (score 3.25)');
    const post = t.discord.messages(t.channels.news)[0]!;
    expect(field('Posted')).toContain(`https://discord.com/channels/${t.guildId}/${t.channels.news}/${post.data.id}`);
    // Once discussed, the story links its thread too.
    await t.discord.button(post, t.users.bob, `discuss:${posted}`).settled();
    const thread = t.discord.threads(t.channels.news)[0]!;
    const discussed = embedOf((await slash('news story', { id: posted })).response)!;
    expect(discussed.fields?.find((f) => f.name.startsWith('Posted'))?.value).toContain(`[discussion thread](https://discord.com/channels/${t.guildId}/${thread.id})`);
    expect(buttonsOf(response).map((b) => b.custom_id)).toEqual([1, 2, 3, 4, 5].map((v) => `vote:${posted}:${v}`));

    for (const id of [elsewhere, 987654]) {
      const refused = (await slash('news story', { id, public: true })).response;
      expect(flagsOf(refused) & EPHEMERAL).toBe(EPHEMERAL);
      expect(contentOf(refused)).toBe(`There is no story #${id} in this server. Each post shows its number ("Story #…"), and \`/news search\` finds stories by their words.`);
    }
    t.discord.assertNoViolations();
  });

  it('lists the most used tags', async () => {
    const embed = embedOf((await slash('news tags')).response)!;
    expect(embed.title).toBe('Most used tags');
    expect(embed.description).toMatch(/^\*\*1\.\*\* `Energy` · topic · 14 stories$/m);
    expect(embed.description).toMatch(/`South Caucasus` · region · 1[34] stories/);
  });

  it('says a list expired once it is no longer kept', async () => {
    const { record, response } = await slash('news search', { query: 'pipeline' });
    for (let i = 0; i < 2_000; i++) storyLists.save({ guildId: t.guildId, kind: 'latest', title: 'filler', note: '', ids: [] });
    const click = await t.discord.button(t.discord.message(record.originalMessageId!)!, t.users.alice, buttonsOf(response)[2]!.custom_id!).settled();
    expect(flagsOf(click.firstResponse!) & EPHEMERAL).toBe(EPHEMERAL);
    expect(contentOf(click.firstResponse!)).toMatch(/^This list has expired .* Run the command again/);
    t.discord.assertNoViolations();
  });
  // A member's tag, a region's or a feed's name is shown in a list's heading: written as a masked link, it showed as a
  // clickable link inside Gazette's public embed.
  it('shows names in a list heading as text, never as a link', async () => {
    const nitro: TagInput = { name: 'free nitro https evil example', label: '[Free Nitro](https://evil.example)', kind: 'member' };
    await seed('Pipeline giveaway rumour', 'A rumour about the pipeline.', 3, { tags: [nitro] });
    const listed = embedOf((await slash('news latest', { tag: 'free nitro https evil example', public: true })).response)!;
    expect(listed.description).toContain('tag \\[Free Nitro\\]\\(https://evil.example\\)');
    expect(listed.description).not.toContain('[Free Nitro](');
    t.discord.assertNoViolations();
  });
});
