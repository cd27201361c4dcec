// Matching stories to follows (src/db/alert-fanout.ts): by country, region, tag and keyword (whole words, phrases in
// order), only in the guild the follow was made in, only where the story is new, never for a guild with alerts off or
// a member whose DMs are closed; one alert per member, story and server it reaches them through. Storing a story only queues it, one row per guild;
// the worker's expansion finds its followers, in one statement that leaves the story queued if it fails (ADR 20).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countStoryAlerts, expandQueuedStory, queueStoryAlerts, type StoryAlertFacts } from '../../../src/db/alert-fanout.js';
import { finishSentAlerts, planDeliveriesWithAlerts, pruneSentAlerts, queueStoryForFollowers } from '../../../src/db/alerts.js';
import { storeArticle } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { loadAudience } from '../../../src/db/deliveries.js';
import { addFollow, maxFollowsPerGuild, removeFollow, setFollowsEnabled, type FollowKind } from '../../../src/db/follows.js';
import { addSource } from '../../../src/db/sources.js';
import { viewsForAudience } from '../../../src/ingest/guild-views.js';
import { alertKeywords } from '../../../src/ingest/alert-keywords.js';
import { keywordWords } from '../../../src/discord/commands/follow.js';
import { joinWords } from '../../../src/text/unspaced.js';
import { createTestDatabase } from '../../helpers/db.js';
import { articleFixture, joinStory, newStory } from '../../helpers/fixtures.js';

const guildA = '100000000000000081';
const guildB = '100000000000000082';
const [alice, bob, carol, dave] = ['200000000000000081', '200000000000000082', '200000000000000083', '200000000000000084'];
const now = new Date('2026-12-01T10:00:00Z');

describe('matching stories to follows', () => {
  let db: Database;
  let nextStory = 0;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await db.prisma.pendingAlert.deleteMany();
    await db.prisma.queuedStory.deleteMany();
    await db.prisma.follow.deleteMany();
    await db.prisma.memberAlerts.deleteMany();
  });

  const follow = (guildId: string, userId: string, kind: FollowKind, value: string) => addFollow(db.prisma, { guildId, userId, kind, value, label: value }, now);
  type Guilds = { guildId: string; regions: string[]; tags: string[] }[];
  async function queued(facts: { countries?: string[]; guilds?: Guilds; text?: string; title?: string }) {
    const storyId = ++nextStory;
    const alertFacts: StoryAlertFacts = {
      storyId,
      at: now,
      guilds: (facts.guilds ?? [{ guildId: guildA, regions: [], tags: [] }]).map((g) => ({ ...g, countries: facts.countries ?? [] })),
      keywords: alertKeywords({ title: facts.title ?? '', text: facts.text ?? '' }),
    };
    // The read-only count (what the alerts benchmark times as the matching) finds the same members and writes nothing.
    const counted = await countStoryAlerts(db.prisma, alertFacts);
    expect(await db.prisma.pendingAlert.count({ where: { storyId } })).toBe(0);
    const { queued: count } = await queueStoryAlerts(db.prisma, alertFacts);
    expect(counted).toBe(count);
    const rows = await db.prisma.pendingAlert.findMany({ where: { storyId }, orderBy: [{ userId: 'asc' }, { guildId: 'asc' }] });
    expect(rows).toHaveLength(count);
    return rows.map((r) => [r.userId, r.guildId]);
  }

  it('matches a tag moderators renamed or merged by the name it has now, whose alias the story’s facts carry', async () => {
    await db.prisma.guild.upsert({ where: { id: guildA }, create: { id: guildA }, update: {} });
    await db.prisma.tag.create({ data: { guildId: guildA, name: 'zephyr', label: 'Zephyr', kind: 'topic', aliases: ['energy'] } });
    try {
      await follow(guildA, alice, 'tag', 'zephyr');
      await follow(guildA, bob, 'tag', 'energy');
      expect(await queued({ guilds: [{ guildId: guildA, regions: [], tags: ['energy'] }] })).toEqual([
        [alice, guildA],
        [bob, guildA],
      ]);
    } finally {
      await db.prisma.tag.deleteMany({ where: { guildId: guildA, name: 'zephyr' } });
    }
  });

  it('matches countries, regions and tags of the guild that has the story, in that guild only', async () => {
    await follow(guildA, alice, 'country', 'GE');
    await follow(guildB, bob, 'country', 'GE');
    await follow(guildA, carol, 'region', 'south-caucasus');
    await follow(guildA, dave, 'tag', 'energy');
    expect(await queued({ countries: ['GE', 'AM'], guilds: [{ guildId: guildA, regions: [], tags: ['georgia'] }] })).toEqual([[alice, guildA]]);
    expect(await queued({ countries: ['AM'], guilds: [{ guildId: guildA, regions: ['south-caucasus'], tags: ['energy'] }] })).toEqual([
      [carol, guildA],
      [dave, guildA],
    ]);
    // The same story new to both guilds: each member hears of it from the guild they follow in.
    expect(await queued({ countries: ['GE'], guilds: [{ guildId: guildA, regions: [], tags: [] }, { guildId: guildB, regions: [], tags: [] }] })).toEqual([
      [alice, guildA],
      [bob, guildB],
    ]);
    // A region of another guild's definitions is not this guild's.
    expect(await queued({ guilds: [{ guildId: guildB, regions: ['south-caucasus'], tags: [] }] })).toEqual([]);
  });

  it('matches keywords as whole words, and phrases only with their words in a row', async () => {
    await follow(guildA, alice, 'keyword', 'gas deal');
    await follow(guildA, bob, 'keyword', 'gas');
    await follow(guildA, carol, 'keyword', 'deal gas');
    await follow(guildB, dave, 'keyword', 'gas deal');
    const text = 'Azerbaijan and the EU signed a gas deal on Monday. The deal covers pipelines.';
    expect(await queued({ title: 'Baku signs', text })).toEqual([
      [alice, guildA],
      [bob, guildA],
    ]);
    // "gasoline" is not the word "gas", and "deal on gasoline" is neither phrase.
    expect(await queued({ text: 'Gasoline prices rose; the deal on gasoline stays open.' })).toEqual([]);
    expect(await queued({ text: 'A new GAS DEAL (the second) was signed.' })).toEqual([
      [alice, guildA],
      [bob, guildA],
    ]);
  });

  it('matches a keyword in a script without spaces by its letters, wherever ICU puts the word boundaries', async () => {
    // As /follow add stores what was typed: its words as filters read them, joined as the script writes them.
    const typed = (text: string) => joinWords(keywordWords(text));
    await follow(guildA, alice, 'keyword', typed('北京'));
    await follow(guildA, bob, 'keyword', typed('กรุงเทพ'));
    await follow(guildA, carol, 'keyword', typed('习近平'));
    await follow(guildA, dave, 'keyword', typed('上海'));
    // ICU reads 北京市 and กรุงเทพมหานคร as single words, and 习近平 as 习 + 近平 in this sentence.
    expect(await queued({ title: '习近平在北京市会见外宾', text: 'กรุงเทพมหานครประกาศมาตรการใหม่' })).toEqual([
      [alice, guildA],
      [bob, guildA],
      [carol, guildA],
    ]);
    // Not across the gap between title and text.
    expect(await queued({ title: '会见在北', text: '京举行' })).toEqual([]);
  });

  it('upgrades keyword follows stored before in a script without spaces, leaving one whose new form is taken', async () => {
    // Stored the old way: ICU's words joined by spaces, looked up by the first of them.
    const old = (userId: string, value: string) => db.prisma.follow.create({ data: { guildId: guildA, userId, kind: 'keyword', value, firstWord: value.split(' ')[0]! } });
    await old(alice, '习 近平');
    await old(bob, '北京');
    await old(carol, 'gas deal');
    await old(dave, '习 近平');
    await old(dave, '习近 平');
    const sql = readFileSync(new URL('../../../prisma/migrations/20261207200000_unspaced_keyword_follows/migration.sql', import.meta.url), 'utf8');
    await db.prisma.$executeRawUnsafe(sql);
    const rows = await db.prisma.follow.findMany({ orderBy: { id: 'asc' }, select: { userId: true, value: true, firstWord: true } });
    expect(rows).toEqual([
      { userId: alice, value: '习近平', firstWord: '习' },
      { userId: bob, value: '北京', firstWord: '北' },
      { userId: carol, value: 'gas deal', firstWord: 'gas' },
      { userId: dave, value: '习 近平', firstWord: '习' },
      { userId: dave, value: '习近 平', firstWord: '习近' },
    ]);
    expect(await queued({ title: '习近平在北京市会见外宾', text: 'The gas deal was signed.' })).toEqual([
      [alice, guildA],
      [bob, guildA],
      [carol, guildA],
      [dave, guildA],
    ]);
  });

  it('queues one alert per member and story, however many follows match, and never twice', async () => {
    await follow(guildA, alice, 'country', 'GE');
    await follow(guildA, alice, 'keyword', 'tbilisi');
    await follow(guildA, alice, 'tag', 'energy');
    const facts: StoryAlertFacts = {
      storyId: 999,
      at: now,
      guilds: [{ guildId: guildA, countries: ['GE'], regions: [], tags: ['energy'] }],
      keywords: alertKeywords({ title: 'Tbilisi', text: 'Tbilisi power plant.' }),
    };
    expect(await queueStoryAlerts(db.prisma, facts)).toEqual({ guilds: 1, queued: 1 });
    expect(await queueStoryAlerts(db.prisma, facts)).toEqual({ guilds: 1, queued: 0 });
    expect(await db.prisma.pendingAlert.count({ where: { storyId: 999 } })).toBe(1);
  });

  it('owes a story through every server the member follows it in, so that leaving one does not lose it', async () => {
    await follow(guildA, alice, 'country', 'GE');
    await follow(guildB, alice, 'keyword', 'tbilisi');
    expect(await queued({ countries: ['GE'], text: 'Talks in Tbilisi.', guilds: [{ guildId: guildA, regions: [], tags: [] }, { guildId: guildB, regions: [], tags: [] }] })).toEqual([
      [alice, guildA],
      [alice, guildB],
    ]);
  });

  it('does not alert a member again when a story they were DMed about reaches another of their servers', async () => {
    await follow(guildA, alice, 'country', 'GE');
    await follow(guildB, alice, 'country', 'GE');
    const inA: StoryAlertFacts = { storyId: 998, at: now, guilds: [{ guildId: guildA, countries: ['GE'], regions: [], tags: [] }], keywords: alertKeywords({ title: '', text: '' }) };
    expect(await queueStoryAlerts(db.prisma, inA)).toEqual({ guilds: 1, queued: 1 });
    await finishSentAlerts(db.prisma, { userId: alice, alerts: [{ guildId: guildA, storyId: 998 }] }, now, new Set([998]));
    expect(await db.prisma.pendingAlert.count({ where: { userId: alice } })).toBe(0);
    // Hours later an outlet that server B follows joins the story: B has it for the first time, Alice has had it.
    expect(await queueStoryAlerts(db.prisma, { ...inA, guilds: [{ ...inA.guilds[0]!, guildId: guildB }] })).toEqual({ guilds: 1, queued: 0 });
    // Once stories that old are closed, the record goes.
    expect(await pruneSentAlerts(db.prisma, new Date(now.getTime() + 1))).toBe(1);
  });

  it('alerts a member when a story their DM could not tell reaches another of their servers', async () => {
    await follow(guildA, bob, 'country', 'GE');
    await follow(guildB, bob, 'country', 'GE');
    const inA: StoryAlertFacts = { storyId: 997, at: now, guilds: [{ guildId: guildA, countries: ['GE'], regions: [], tags: [] }], keywords: alertKeywords({ title: '', text: '' }) };
    expect(await queueStoryAlerts(db.prisma, inA)).toEqual({ guilds: 1, queued: 1 });
    // The DM went out with other stories; this one was owed only through server A, which Bob had left meanwhile.
    await finishSentAlerts(db.prisma, { userId: bob, alerts: [{ guildId: guildA, storyId: 997 }] }, now, new Set());
    expect(await db.prisma.pendingAlert.count({ where: { userId: bob } })).toBe(0);
    expect(await queueStoryAlerts(db.prisma, { ...inA, guilds: [{ ...inA.guilds[0]!, guildId: guildB }] })).toEqual({ guilds: 1, queued: 1 });
  });

  it('queues nothing for a guild with alerts off, or for a member whose DMs are closed', async () => {
    await follow(guildA, alice, 'country', 'GE');
    await follow(guildA, bob, 'country', 'GE');
    await db.prisma.memberAlerts.update({ where: { userId: bob }, data: { dmClosed: true } });
    expect(await queued({ countries: ['GE'] })).toEqual([[alice, guildA]]);
    const turnedOff = await setFollowsEnabled(db.prisma, guildA, carol, false);
    expect(turnedOff).toEqual({ follows: 2, dropped: 1 });
    expect(await queued({ countries: ['GE'] })).toEqual([]);
    await expect(follow(guildA, carol, 'country', 'AM')).rejects.toMatchObject({ code: 'forbidden' });
    await setFollowsEnabled(db.prisma, guildA, carol, true);
    expect(await db.prisma.auditLog.count({ where: { guildId: guildA, action: 'config.update' } })).toBe(2);
  });

  it('keeps follows per member and guild: no doubles, a cap, and only the member removes theirs', async () => {
    const georgia = await follow(guildA, alice, 'country', 'GE');
    await expect(follow(guildA, alice, 'country', 'GE')).rejects.toMatchObject({ code: 'conflict', message: 'You already follow GE in this server.' });
    for (let i = 1; i < maxFollowsPerGuild; i++) await follow(guildA, alice, 'keyword', `word${i}`);
    await expect(follow(guildA, alice, 'keyword', 'one too many')).rejects.toMatchObject({ code: 'limit' });
    await follow(guildB, alice, 'keyword', 'elsewhere'); // the cap is per guild
    await expect(removeFollow(db.prisma, bob, georgia.id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(removeFollow(db.prisma, alice, georgia.id, guildB)).rejects.toMatchObject({ code: 'not-found' });
    expect((await removeFollow(db.prisma, alice, georgia.id, guildA)).value).toBe('GE');
  });

  it('alerts when the guild first gets the story, not when another outlet joins it later', async () => {
    const source = await addSource(db.prisma, { guildId: guildA, actorId: carol, url: 'https://alerts.example/rss', kind: 'feed', channelId: '300000000000000081', intervalMinutes: 15 });
    await db.prisma.source.update({ where: { id: source.id }, data: { createdAt: new Date(now.getTime() - 3600_000) } });
    await follow(guildA, alice, 'country', 'GE');
    await follow(guildA, bob, 'keyword', 'anaklia port');
    async function ingest(title: string, text: string, place = newStory) {
      const article = articleFixture({ feedId: source.feedId, title, text, countries: ['GE'] });
      const audience = await loadAudience(db.prisma, source.feedId);
      const stored = await storeArticle(db.prisma, article, place, {
        now,
        windowHours: 72,
        then: (tx, s) =>
          planDeliveriesWithAlerts(
            tx,
            { storyId: s.storyId, articleCreatedAt: s.createdAt, now, audience, views: viewsForAudience(audience, s.story, article) },
            { newStory: s.newStory, articleId: s.articleId },
          ),
      });
      if (stored.status !== 'stored') throw new Error('not stored');
      return stored.storyId;
    }
    const storyId = await ingest('Anaklia port contract signed', 'Georgia signed the Anaklia port contract.');
    // Storing wrote one row for the guild, none per member; the worker's expansion finds the members.
    expect(await db.prisma.queuedStory.findMany({ select: { guildId: true, storyId: true, countries: true } })).toEqual([{ guildId: guildA, storyId, countries: ['GE'] }]);
    expect(await db.prisma.pendingAlert.count()).toBe(0);
    expect(await expandQueuedStory(db.prisma, alertKeywords)).toEqual({ status: 'expanded', storyId, guilds: 1, queued: 2 });
    expect(await expandQueuedStory(db.prisma, alertKeywords)).toEqual({ status: 'empty' });
    const rows = await db.prisma.pendingAlert.findMany({ where: { storyId }, orderBy: { userId: 'asc' } });
    expect(rows.map((r) => r.userId)).toEqual([alice, bob]);
    await db.prisma.pendingAlert.deleteMany(); // sent
    await ingest('Second report on the Anaklia port', 'Another outlet on the Anaklia port in Georgia.', joinStory(storyId));
    expect(await db.prisma.queuedStory.count()).toBe(0);
    expect(await db.prisma.pendingAlert.count()).toBe(0);
  });

  it('lets workers expand at once, each queued row claimed by exactly one of them', async () => {
    await follow(guildA, alice, 'country', 'GE');
    await follow(guildB, bob, 'country', 'GE');
    const guilds = [guildA, guildB].map((guildId) => ({ guildId, countries: ['GE'], regions: [], tags: [] }));
    for (const storyId of [6000, 6001, 6002]) await queueStoryForFollowers(db.prisma, { storyId, articleId: 0, at: now, guilds });
    const done = await Promise.all([0, 1, 2, 3].map(() => expandQueuedStory(db.prisma, alertKeywords)));
    // On a server a worker may find every row locked by the others (empty) and come back next round.
    for (let d = await expandQueuedStory(db.prisma, alertKeywords); d.status !== 'empty'; d = await expandQueuedStory(db.prisma, alertKeywords)) done.push(d);
    expect(done.reduce((rows, d) => rows + (d.status === 'expanded' ? d.guilds : 0), 0)).toBe(6);
    expect(await db.prisma.pendingAlert.count()).toBe(6);
    expect(await db.prisma.queuedStory.count()).toBe(0);
  });

  it('looks for keywords in an old article’s summary once retention emptied its text', async () => {
    await follow(guildA, alice, 'keyword', 'anaklia');
    const stored = await storeArticle(db.prisma, articleFixture({ url: 'https://retained.example/1', title: 'Port contract signed', text: 'Georgia signed the Anaklia port contract.' }), newStory, { now, windowHours: 72 });
    if (stored.status !== 'stored') throw new Error('not stored');
    // Past RETENTION_DAYS: the text is gone, the summary stays (a split or another feed queues the story later).
    await db.prisma.article.update({ where: { id: stored.articleId }, data: { text: '', summary: 'Georgia signed the Anaklia port contract.' } });
    await queueStoryForFollowers(db.prisma, { storyId: stored.storyId, articleId: stored.articleId, at: now, guilds: [{ guildId: guildA, countries: [], regions: [], tags: [] }] });
    expect(await expandQueuedStory(db.prisma, alertKeywords)).toMatchObject({ status: 'expanded', queued: 1 });
    expect((await db.prisma.pendingAlert.findMany()).map((r) => r.userId)).toEqual([alice]);
  });

  it('keeps a story queued when finding its followers fails, and drops it after the third failure', async () => {
    await follow(guildA, alice, 'keyword', 'pipeline');
    const article = await db.prisma.article.create({ data: { url: 'https://alerts.example/pipeline', title: 'Pipeline', sourceName: 'Example', text: 'A new pipeline.', summary: '' } });
    const story = { storyId: 5000, articleId: article.id, at: now, guilds: [{ guildId: guildA, countries: [], regions: [], tags: [] }] };
    expect(await queueStoryForFollowers(db.prisma, story)).toBe(1);
    const crash: typeof alertKeywords = () => {
      throw new Error('crashed mid-way');
    };
    for (const attempt of [1, 2]) {
      expect(await expandQueuedStory(db.prisma, crash)).toMatchObject({ status: 'failed', storyId: 5000, dropped: false });
      expect(await db.prisma.queuedStory.findFirstOrThrow()).toMatchObject({ storyId: 5000, attempts: attempt });
    }
    expect(await db.prisma.pendingAlert.count()).toBe(0);
    // Retried, it is matched once, with the time it arrived.
    expect(await expandQueuedStory(db.prisma, alertKeywords)).toEqual({ status: 'expanded', storyId: 5000, guilds: 1, queued: 1 });
    expect(await db.prisma.pendingAlert.findMany({ select: { userId: true, createdAt: true } })).toEqual([{ userId: alice, createdAt: now }]);
    await queueStoryForFollowers(db.prisma, { ...story, storyId: 5001 });
    for (const dropped of [false, false, true]) expect(await expandQueuedStory(db.prisma, crash)).toMatchObject({ status: 'failed', storyId: 5001, dropped });
    expect(await db.prisma.queuedStory.count()).toBe(0);
  });
});
