import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { latestStories, loadStoryCards, searchStories } from '../../../src/db/lookups.js';
import { topStories } from '../../../src/db/rankings.js';
import { castVote } from '../../../src/db/votes.js';
import { bayesianAverage } from '../../../src/ranking/significance.js';
import { findTag, mergeTags, type TagInput } from '../../../src/db/tags.js';
import { createTestDatabase } from '../../helpers/db.js';
import { articleFixture, newStory } from '../../helpers/fixtures.js';


/** Tags a story in a guild directly, as the pipeline would. */
async function tagStory(prisma: Database['prisma'], guildId: string, storyId: number, tags: TagInput[]) {
  for (const t of tags) {
    const tag = await prisma.tag.upsert({ where: { guildId_name: { guildId, name: t.name } }, create: { guildId, ...t }, update: {} });
    await prisma.storyTag.create({ data: { guildId, storyId, tagId: tag.id } });
  }
}
const guild = '100000000000000031';
const other = '100000000000000032';
const hour = 3600_000;
const now = new Date('2026-03-01T12:00:00Z');
const caucasus: TagInput = { name: 'south caucasus', label: 'South Caucasus', kind: 'region' };
const energy: TagInput = { name: 'energy', label: 'Energy', kind: 'topic' };

describe('story look-ups', () => {
  let db: Database;
  const ids: Record<string, number> = {};

  async function story(key: string, input: { title: string; summary: string; hoursAgo: number; language?: string; guilds?: string[]; tags?: TagInput[]; feedId?: number; votes?: [number, number] }) {
    const seen = new Date(now.getTime() - input.hoursAgo * hour);
    const stored = await storeArticle(db.prisma, articleFixture({ title: input.title, summary: input.summary, language: input.language, feedId: input.feedId ?? null, sourceName: `Outlet ${key}` }), newStory, { now: seen, windowHours: 1 });
    if (stored.status !== 'stored') throw new Error('not stored');
    ids[key] = stored.storyId;
    for (const g of input.guilds ?? [guild]) {
      await db.prisma.guildStory.create({ data: { guildId: g, storyId: stored.storyId, createdAt: seen, voteCount: input.votes?.[0] ?? 0, voteSum: input.votes?.[1] ?? 0, score: bayesianAverage(input.votes?.[0] ?? 0, input.votes?.[1] ?? 0) } });
      await tagStory(db.prisma, g, stored.storyId, input.tags ?? []);
    }
    return stored.storyId;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.prisma.guild.createMany({ data: [{ id: guild }, { id: other }] });
    const feed = await db.prisma.feed.create({ data: { url: 'https://caspian.example/rss', kind: 'feed', title: 'Caspian Daily' } });
    await story('titleHit', { title: 'Pipeline explosion near Tbilisi', summary: 'Firefighters worked through the night at the site.', hoursAgo: 5, tags: [caucasus, energy], votes: [5, 25] });
    await story('summaryHit', { title: 'Night of fires in Georgia', summary: 'A pipeline was damaged and the explosion was heard in Tbilisi.', hoursAgo: 4, tags: [caucasus] });
    await story('phrase', { title: 'Oil pipeline reopens', summary: 'Exports resume after repairs.', hoursAgo: 3, tags: [energy], feedId: feed.id });
    await story('reversed', { title: 'Pipeline for oil and gas planned', summary: 'Ministers signed a memorandum.', hoursAgo: 2, feedId: feed.id, votes: [1, 2] });
    await story('old', { title: 'Pipeline talks began', summary: 'The first round of talks on a pipeline.', hoursAgo: 24 * 40, tags: [energy] });
    await story('elsewhere', { title: 'Pipeline secrets of Zanzibar', summary: 'Only the other server has this one.', hoursAgo: 1, guilds: [other] });
    await story('shared', { title: 'Pipeline summit in Baku', summary: 'Both servers follow this story.', hoursAgo: 6, guilds: [guild, other], votes: [3, 15] });
    await story('russian', { title: 'Переговоры о поставках газа', summary: 'Министры России и Азербайджана встретились в Баку.', hoursAgo: 7, language: 'ru' });
    await story('arabic', { title: 'كمبوديا تتهم تايلاند بانتهاك الحدود', summary: 'قالت الحكومة إن القوات عبرت الحدود ليلا.', hoursAgo: 8, language: 'ar' });
    await story('chinese', { title: '中国和日本举行经济会谈', summary: '两国部长在北京会面。', hoursAgo: 9, language: 'zh' });
    await story('ukrainian', { title: 'Переговори у Варшаві', summary: 'Міністри України та Польщі зустрілися.', hoursAgo: 10, language: 'uk' });
    await story('harvest', { title: 'Wheat harvest begins', summary: 'Farmers started the harvest early.', hoursAgo: 11 });
    // A story first seen long ago that got a new article today: recent lastArticleAt, old firstSeenAt.
    const revived = await story('revived', { title: 'Caspian fisheries report', summary: 'Annual catch figures.', hoursAgo: 24 * 90 });
    await db.prisma.story.update({ where: { id: revived }, data: { lastArticleAt: now } });
  });
  afterAll(() => db.close());

  const tagId = async (name: string) => (await findTag(db.prisma, guild, name))!.id;
  const search = (text: string, filter = {}, rankWindow?: number) => searchStories(db.prisma, guild, text, filter, { ...(rankWindow && { rankWindow }) });
  /** A search's hits; any other answer (no terms, only exclusions) fails the test rather than asserting nothing. */
  const hitsOf = (result: Awaited<ReturnType<typeof search>>) => {
    if (result.kind !== 'hits') throw new Error(`expected hits, got ${JSON.stringify(result)}`);
    return result.ids;
  };

  it('ranks a match in the title above one in the summary, and finds only the guild’s stories', async () => {
    const result = await search('tbilisi explosion');
    expect(result).toEqual({ kind: 'hits', ids: [ids.titleHit, ids.summaryHit], more: false, cards: [] });
    const pipeline = await search('pipeline');
    expect(hitsOf(pipeline)).not.toContain(ids.elsewhere);
    expect(hitsOf(pipeline)).toContain(ids.shared);
    expect(await searchStories(db.prisma, other, 'zanzibar')).toEqual({ kind: 'hits', ids: [ids.elsewhere], more: false, cards: [] });
    expect(await search('zanzibar')).toEqual({ kind: 'hits', ids: [], more: false, cards: [] });
  });

  it('understands quoted phrases, exclusions and "or"', async () => {
    expect(await search('"oil pipeline"')).toEqual({ kind: 'hits', ids: [ids.phrase], more: false, cards: [] });
    const both = await search('oil pipeline');
    expect([...hitsOf(both)].sort()).toEqual([ids.phrase, ids.reversed].sort());
    const without = await search('pipeline -oil -tbilisi');
    expect(hitsOf(without)).toEqual(expect.arrayContaining([ids.old, ids.shared]));
    expect(hitsOf(without)).not.toContain(ids.phrase);
    expect(hitsOf(without)).not.toContain(ids.titleHit);
    // A phrase under a negation is checked exactly: "oil" and "pipeline" apart do not exclude a story.
    const notPhrase = await search('pipeline -"oil pipeline"');
    expect(hitsOf(notPhrase)).toContain(ids.reversed);
    expect(hitsOf(notPhrase)).not.toContain(ids.phrase);
    const either = await search('zanzibar or baku');
    expect(either).toEqual({ kind: 'hits', ids: [ids.shared], more: false, cards: [] });
  });

  it('finds stories in their own language by inflected forms, and Chinese by its words', async () => {
    const hits = async (text: string) => hitsOf(await search(text));
    // Russian: the story says "газа" (genitive) and "России"; the member types other cases.
    expect(await hits('газом')).toEqual([ids.russian]);
    expect(await hits('Россией -Тбилиси')).toEqual([ids.russian]);
    // Arabic: the story says "الحدود" (the border); the member types it without the article.
    expect(await hits('حدود')).toEqual([ids.arabic]);
    // Chinese is written without spaces: the words inside the title are found.
    expect(await hits('日本')).toEqual([ids.chinese]);
    expect(await hits('北京 会谈')).toEqual([ids.chinese]);
    // Ukrainian has no stemmer in PostgreSQL: its words match as written, even when read as Russian.
    expect(await hits('Варшаві')).toEqual([ids.ukrainian]);
    // English still stems: "explosions" finds "explosion".
    expect(await hits('explosions tbilisi')).toEqual([ids.titleHit, ids.summaryHit]);
  });

  it('tells apart a query with no words and one that only excludes', async () => {
    expect(await search('?! ...')).toEqual({ kind: 'no-terms' });
    expect(await search('и в')).toEqual({ kind: 'no-terms' });
    expect(await search('-pipeline')).toEqual({ kind: 'only-exclusions' });
    expect(await search('и в -газ')).toEqual({ kind: 'only-exclusions' });
    // Latin script is shared by languages whose words are English stop words (Vietnamese "than", "to"): a Latin query
    // English reads as nothing is read as written, so these find the stories holding every word.
    expect(await search('the and of')).toEqual({ kind: 'hits', ids: [ids.summaryHit], more: false, cards: [] });
    expect(hitsOf(await search('the -pipeline'))).toEqual([ids.harvest]);
  });

  it('filters by region, by tag or alias, by feed and by age', async () => {
    const region = await search('pipeline', { tagIds: [await tagId('south caucasus')] });
    expect([...hitsOf(region)].sort()).toEqual([ids.titleHit, ids.summaryHit].sort());
    const recent = await search('pipeline', { tagIds: [await tagId('energy')], since: new Date(now.getTime() - 24 * hour) });
    expect([...hitsOf(recent)].sort()).toEqual([ids.titleHit, ids.phrase].sort());
    const both = await search('pipeline', { tagIds: [await tagId('energy'), await tagId('south caucasus')] });
    expect(hitsOf(both)).toEqual([ids.titleHit]);
    expect(hitsOf(recent)).not.toContain(ids.old);
    await db.prisma.tag.create({ data: { guildId: guild, name: 'power', label: 'Power', kind: 'member' } });
    await mergeTags(db.prisma, guild, 'mod', 'power', 'energy', new Date());
    // Members type names or aliases; findTag resolves either to the tag whose stories are searched.
    const alias = await search('pipeline', { tagIds: [await tagId('power')] });
    expect([...hitsOf(alias)].sort()).toEqual([ids.titleHit, ids.phrase, ids.old].sort());
    const feed = await db.prisma.feed.findFirstOrThrow({ where: { url: 'https://caspian.example/rss' } });
    const byFeed = await search('pipeline', { feedId: feed.id });
    expect([...hitsOf(byFeed)].sort()).toEqual([ids.phrase, ids.reversed].sort());
  });

  it('ranks only the newest matches when there are more than the window, and says more exist', async () => {
    const result = await search('pipeline', {}, 3);
    expect(result.kind).toBe('hits');
    if (result.kind !== 'hits') return;
    expect(result.more).toBe(true);
    // The three newest matches in this guild (2, 3 and 4 hours old), ordered by relevance: title before summary.
    expect([...result.ids].sort()).toEqual([ids.reversed, ids.phrase, ids.summaryHit].sort());
    expect(result.ids.indexOf(ids.phrase!)).toBeLessThan(result.ids.indexOf(ids.summaryHit!));
    // The first page's cards come with the answer, in rank order, even when the story cut beyond the window (the
    // older title match, which ranks high) would have been among them.
    const withCards = await searchStories(db.prisma, guild, 'pipeline', {}, { rankWindow: 3, firstCards: 2 });
    if (withCards.kind !== 'hits') throw new Error('no hits');
    expect(withCards.ids).toEqual(result.ids);
    expect(withCards.cards).toEqual(await loadStoryCards(db.prisma, guild, result.ids.slice(0, 2)));
    expect(withCards.cards).toHaveLength(2);
  });

  it('lists the newest stories by first sight, with filters, not by their latest article', async () => {
    const latest = await latestStories(db.prisma, guild, {}, 3);
    expect(latest).toEqual({ ids: [ids.reversed, ids.phrase, ids.summaryHit], more: true });
    const all = await latestStories(db.prisma, guild, {}, 50);
    expect(all.ids.at(-1)).toBe(ids.revived);
    expect(all.ids.at(-2)).toBe(ids.old);
    expect(all.more).toBe(false);
    expect(all.ids).not.toContain(ids.elsewhere);
    const caucasusId = (await findTag(db.prisma, guild, 'south caucasus'))!.id;
    expect((await latestStories(db.prisma, guild, { tagIds: [caucasusId] }, 50)).ids).toEqual([ids.summaryHit, ids.titleHit]);
    expect((await latestStories(db.prisma, guild, { since: new Date(now.getTime() - 5 * hour) }, 50)).ids).toEqual([ids.reversed, ids.phrase, ids.summaryHit, ids.titleHit]);
  });

  it('loads cards in the order asked, leaving out stories the guild does not have', async () => {
    const cards = await loadStoryCards(db.prisma, guild, [ids.shared!, ids.elsewhere!, ids.titleHit!]);
    expect(cards.map((c) => c.id)).toEqual([ids.shared, ids.titleHit]);
    expect(cards[0]).toMatchObject({ title: 'Pipeline summit in Baku', sourceName: 'Outlet shared', voteCount: 3, voteSum: 15, otherOutlets: 0, channelId: null });
    expect(await loadStoryCards(db.prisma, guild, [])).toEqual([]);
  });

  it('ranks top stories by votes within the period', async () => {
    const week = await topStories(db.prisma, guild, { period: 'week', limit: 10, now });
    expect(week[0]?.id).toBe(ids.titleHit);
    expect(week.map((s) => s.id)).not.toContain(ids.old);
    expect(week.map((s) => s.id)).not.toContain(ids.revived);
    expect(week.map((s) => s.id)).not.toContain(ids.elsewhere);
    const all = await topStories(db.prisma, guild, { period: 'all', limit: 10, now });
    expect(all.map((s) => s.id)).toContain(ids.old);
    expect(all.find((s) => s.id === ids.titleHit)).toMatchObject({ voteCount: 5, voteSum: 25, title: 'Pipeline explosion near Tbilisi', sourceName: 'Outlet titleHit' });
    const energyOnly = await topStories(db.prisma, guild, { period: 'all', tagIds: [await tagId('energy')], limit: 10, now });
    expect(energyOnly.map((s) => s.id).sort()).toEqual([ids.titleHit, ids.phrase, ids.old].sort());
    // Filtered by the tags latest is (resolved once, by name or alias, whatever their kind): the two lists agree.
    const region = { tagIds: [await tagId('south caucasus')] };
    const topInRegion = await topStories(db.prisma, guild, { period: 'all', ...region, limit: 50, now });
    expect(topInRegion.map((s) => s.id).sort()).toEqual((await latestStories(db.prisma, guild, region, 50)).ids.sort());
    expect(topInRegion).toHaveLength(2);
  });

  it('keeps the all-time score with the tally as members vote, and ranks all time by it', async () => {
    const before = await topStories(db.prisma, guild, { period: 'all', limit: 50, now });
    expect(before.map((s) => s.score)).toEqual(before.map((s) => bayesianAverage(s.voteCount, s.voteSum)));
    expect(before.map((s) => s.score)).toEqual([...before.map((s) => s.score)].sort((a, b) => b - a));
    // Eight members rate the summary hit 5 and one changes to 4: (9 + 39) / (3 + 8) ≈ 4.36 overtakes the title hit's 4.25.
    for (const userId of ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8']) await castVote(db.prisma, { guildId: guild, storyId: ids.summaryHit!, userId, value: 5, now, editDelayMs: 0 });
    await castVote(db.prisma, { guildId: guild, storyId: ids.summaryHit!, userId: 'u5', value: 4, now, editDelayMs: 0 });
    const after = await topStories(db.prisma, guild, { period: 'all', limit: 50, now });
    expect(after[0]).toMatchObject({ id: ids.summaryHit, voteCount: 8, voteSum: 39, score: bayesianAverage(8, 39) });
    expect(after.map((s) => s.score)).toEqual(after.map((s) => bayesianAverage(s.voteCount, s.voteSum)));
  });
});
