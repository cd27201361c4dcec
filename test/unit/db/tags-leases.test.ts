import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestFeedArticles, storeArticle } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { claimDailyRun, finishDailyRun, holdDailyRun, takeIdentifySlot, tryAcquireLease } from '../../../src/db/leases.js';
import { addMemberTag, banTag, findTag, mergeTags, removeStoryTag, renameTag, topTags } from '../../../src/db/tags.js';
import { createTestDatabase } from '../../helpers/db.js';
import { articleFixture, newStory } from '../../helpers/fixtures.js';

const guild = '100000000000000021';
const alice = '200000000000000021';
const bob = '200000000000000022';
const limits = { max: 3, windowMs: 60_000 };
const tag = (label: string) => ({ name: label.toLowerCase(), label, kind: 'member' as const });

describe('member tags', () => {
  let db: Database;
  let storyId: number;
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.prisma.guild.create({ data: { id: guild } });
    const stored = await storeArticle(db.prisma, articleFixture(), newStory, { now: new Date(), windowHours: 72 });
    storyId = stored.storyId!;
    await db.prisma.guildStory.create({ data: { guildId: guild, storyId } });
  });
  afterAll(() => db.close());

  it('adds a tag once, limits how fast one member tags, and lets members remove only their own', async () => {
    expect((await addMemberTag(db.prisma, guild, storyId, alice, tag('Sanctions'), limits, new Date(), new Date())).added).toBe(true);
    expect((await addMemberTag(db.prisma, guild, storyId, bob, tag('Sanctions'), limits, new Date(), new Date())).added).toBe(false);
    await addMemberTag(db.prisma, guild, storyId, alice, tag('Gas'), limits, new Date(), new Date());
    await addMemberTag(db.prisma, guild, storyId, alice, tag('Pipelines'), limits, new Date(), new Date());
    await expect(addMemberTag(db.prisma, guild, storyId, alice, tag('Oil'), limits, new Date(), new Date())).rejects.toMatchObject({ code: 'rate-limited' });
    await expect(removeStoryTag(db.prisma, guild, storyId, bob, 'gas', false, new Date())).rejects.toMatchObject({ code: 'forbidden' });
    await removeStoryTag(db.prisma, guild, storyId, alice, 'gas', false, new Date());
    await expect(addMemberTag(db.prisma, guild, 999999, bob, tag('Gas'), limits, new Date(), new Date())).rejects.toMatchObject({ code: 'not-found' });
  });

  it('bans, renames and merges tags, keeping old names as aliases', async () => {
    await banTag(db.prisma, guild, bob, tag('Pipelines'), new Date());
    await expect(addMemberTag(db.prisma, guild, storyId, bob, tag('Pipelines'), limits, new Date(), new Date())).rejects.toMatchObject({ code: 'forbidden' });
    await renameTag(db.prisma, guild, bob, 'sanctions', tag('Embargo'), new Date());
    expect((await findTag(db.prisma, guild, 'sanctions'))?.name).toBe('embargo');
    await addMemberTag(db.prisma, guild, storyId, bob, tag('Blockade'), limits, new Date(), new Date());
    // A banned tag is kept out of merges either way: its ban would spread to the stories, or be lifted.
    await expect(mergeTags(db.prisma, guild, bob, 'blockade', 'pipelines', new Date())).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/"Pipelines" is banned/) });
    await expect(mergeTags(db.prisma, guild, bob, 'pipelines', 'blockade', new Date())).rejects.toMatchObject({ code: 'conflict' });
    const merged = await mergeTags(db.prisma, guild, bob, 'blockade', 'embargo', new Date());
    // The story carried both: none moved.
    expect([merged.moved, merged.alreadyTagged]).toEqual([0, 1]);
    expect((await findTag(db.prisma, guild, 'blockade'))?.name).toBe('embargo');
    expect(await topTags(db.prisma, guild)).toEqual([{ name: 'embargo', label: 'Embargo', kind: 'member', stories: 1 }]);
    const actions = (await db.prisma.auditLog.findMany({ where: { guildId: guild } })).map((a) => a.action);
    expect(actions).toEqual(['tag.ban', 'tag.rename', 'tag.merge']);
  });

  it('gives a tag renamed to a country, region or topic that kind, keeps it for a plain name, and refuses a clash of kinds', async () => {
    const region = { name: 'south caucasus', label: 'South Caucasus', kind: 'region' as const };
    await addMemberTag(db.prisma, guild, storyId, bob, tag('Transcaucasia'), { max: 100, windowMs: 1 }, new Date(), new Date());
    // Now the region's tag: stories show it as the region, and the pipeline's region tags land on it (findTag).
    await renameTag(db.prisma, guild, bob, 'transcaucasia', region, new Date());
    expect(await findTag(db.prisma, guild, 'transcaucasia')).toMatchObject({ name: 'south caucasus', kind: 'region' });
    // A new label for the region's tag in the server's words: still the region.
    await renameTag(db.prisma, guild, bob, 'south caucasus', tag('Caucasus'), new Date());
    expect(await findTag(db.prisma, guild, 'south caucasus')).toMatchObject({ name: 'caucasus', kind: 'region' });
    await db.prisma.tag.create({ data: { guildId: guild, name: 'armenia', label: 'Armenia', kind: 'country' } });
    await expect(renameTag(db.prisma, guild, bob, 'armenia', { name: 'central asia', label: 'Central Asia', kind: 'region' }, new Date())).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/country.*region/) });
    expect((await findTag(db.prisma, guild, 'armenia'))?.kind).toBe('country');
  });

  it('tags the story a merged-away story is part of now', async () => {
    const away = await storeArticle(db.prisma, articleFixture({ title: 'Flood warning issued for the valley' }), newStory, { now: new Date(), windowHours: 72 });
    // Merged away (as /story merge leaves it): its server row is gone, its number points at the kept story.
    await db.prisma.story.update({ where: { id: away.storyId! }, data: { mergedIntoId: storyId } });
    const tagged = await addMemberTag(db.prisma, guild, away.storyId!, bob, tag('Floods'), limits, new Date(), new Date());
    expect(tagged.added).toBe(true);
    expect(await db.prisma.storyTag.count({ where: { guildId: guild, storyId, tagId: tagged.tag.id } })).toBe(1);
    await removeStoryTag(db.prisma, guild, away.storyId!, bob, 'floods', false, new Date());
    expect(await db.prisma.storyTag.count({ where: { guildId: guild, storyId, tagId: tagged.tag.id } })).toBe(0);
  });

  it('merges a tag on many stories in as many statements as on a few, keeping each link and who added it', async () => {
    // Counts what a merge sends inside its transaction: each statement is a round trip that holds the database.
    let statements = 0;
    const counted = <T extends object>(target: T): T =>
      new Proxy(target, {
        get(t, key) {
          const value = Reflect.get(t, key) as unknown;
          if (typeof value === 'function') return (...args: unknown[]) => (statements++, (value as (...a: unknown[]) => unknown).apply(t, args));
          return value && typeof value === 'object' && typeof key === 'string' && !key.startsWith('$') ? counted(value) : value;
        },
      });
    const prisma = new Proxy(db.prisma, {
      get: (t, key) => (key === '$transaction' ? (run: (tx: unknown) => Promise<unknown>) => t.$transaction((tx) => run(counted(tx))) : Reflect.get(t, key)),
    });
    const mergeOn = async (stories: number) => {
      const [from, into] = await Promise.all(['from', 'into'].map((end) => db.prisma.tag.create({ data: { guildId: guild, name: `${end} ${stories}`, label: `${end} ${stories}`, kind: 'member' } })));
      const ids = (await db.prisma.$queryRaw<{ id: number }[]>`INSERT INTO "Story" (title, summary) SELECT 't', 's' FROM generate_series(1, ${stories}) RETURNING id`).map((r) => r.id);
      await db.prisma.storyTag.createMany({ data: ids.map((id, i) => ({ guildId: guild, storyId: id, tagId: from!.id, addedById: `member ${i}` })) });
      // One story carries both already: it keeps one link.
      await db.prisma.storyTag.create({ data: { guildId: guild, storyId: ids[0]!, tagId: into!.id, addedById: 'earlier' } });
      statements = 0;
      const merged = await mergeTags(prisma, guild, bob, from!.name, into!.name, new Date());
      const links = await db.prisma.storyTag.findMany({ where: { tagId: into!.id }, orderBy: { storyId: 'asc' } });
      expect([merged.moved, merged.alreadyTagged, links.length, links[0]?.addedById, links.at(-1)?.addedById]).toEqual([stories - 1, 1, stories, 'earlier', `member ${stories - 1}`]);
      return statements;
    };
    expect(await mergeOn(60)).toBe(await mergeOn(2));
  });

  it('lets two members add one new tag at once (on PostgreSQL the second waits for the first, then finds it)', async () => {
    const both = await Promise.all([bob, '200000000000000023'].map((who) => addMemberTag(db.prisma, guild, storyId, who, tag('Drought'), limits, new Date(), new Date())));
    expect(both.map((r) => r.added).sort()).toEqual([false, true]);
    expect(await db.prisma.tag.count({ where: { guildId: guild, name: 'drought' } })).toBe(1);
  });
});

describe('leases', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('elects exactly one holder per key until the lease expires', async () => {
    const now = new Date();
    const results = await Promise.all(['a', 'b', 'c'].map((h) => tryAcquireLease(db.prisma, 'poll:2025-01-01T00:00:00Z', h, 60_000, now)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await tryAcquireLease(db.prisma, 'poll:2025-01-01T00:00:00Z', 'z', 60_000, new Date(now.getTime() + 61_000))).toBe(true);
  });

  it('never gives a daily run another process is running to a second one, even at the preferred hour', async () => {
    const key = 'maintenance:running';
    const t0 = new Date('2026-03-02T04:00:00Z');
    const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
    expect(await claimDailyRun(db.prisma, key, 'a', t0, true)).toBe(true);
    // Within its claim (an hour), and within it again once renewed: the preferred hour's 6-hour reach must not take it.
    expect(await claimDailyRun(db.prisma, key, 'b', at(10), true)).toBe(false);
    await holdDailyRun(db.prisma, key, 'a', at(70));
    expect(await claimDailyRun(db.prisma, key, 'b', at(50), true)).toBe(false);
    // Its process died: once the claim lapses, another takes it.
    expect(await claimDailyRun(db.prisma, key, 'b', at(71), false)).toBe(true);
    // A finished run's hold is not shortened by a renewal still on its way, and is taken at the preferred hour 20 hours on.
    await finishDailyRun(db.prisma, key, 'b', at(71));
    await holdDailyRun(db.prisma, key, 'b', at(131));
    expect(await claimDailyRun(db.prisma, key, 'a', at(71 + 180), false)).toBe(false);
    expect(await claimDailyRun(db.prisma, key, 'a', at(71 + 21 * 60), true)).toBe(true);
  });

  it('gives one process a bucket’s identify slot at a time, on the database’s clock, and says how long to wait', async () => {
    // A window no run of three statements can outlast, however loaded the machine: a short one could run out between
    // the calls and hand a second caller the slot.
    const windowMs = 60_000;
    const waits = await Promise.all(['p1', 'p2', 'p3'].map((h) => takeIdentifySlot(db.prisma, 0, h, windowMs)));
    expect(waits.filter((w) => w === 0)).toHaveLength(1);
    for (const w of waits.filter((x) => x > 0)) {
      expect(w).toBeGreaterThan(windowMs / 2);
      expect(w).toBeLessThanOrEqual(windowMs);
    }
    // Another bucket is free at the same moment.
    expect(await takeIdentifySlot(db.prisma, 1, 'p2', windowMs)).toBe(0);
  });

  it('frees a bucket’s identify slot once the wait it named has passed', async () => {
    expect(await takeIdentifySlot(db.prisma, 2, 'p1', 300)).toBe(0);
    // 0 as well when more than the window passed between the calls (a loaded machine): then p2 holds a fresh slot.
    const wait = await takeIdentifySlot(db.prisma, 2, 'p2', 300);
    expect(wait).toBeLessThanOrEqual(300);
    await new Promise((r) => setTimeout(r, (wait || 300) + 20));
    expect(await takeIdentifySlot(db.prisma, 2, 'p3', 300)).toBe(0);
  });
});

describe('maintenance', () => {
  it('prunes clustering keys older than the window and vacuums without error', async () => {
    const { pruneArticleKeys, vacuumAnalyze } = await import('../../../src/db/maintenance.js');
    const db = await createTestDatabase();
    try {
      const old = new Date(Date.now() - 100 * 3600_000);
      await storeArticle(db.prisma, articleFixture({ terms: { old: 1 } }), newStory, { now: old, windowHours: 72 });
      await storeArticle(db.prisma, articleFixture({ terms: { new: 1 } }), newStory, { now: new Date(), windowHours: 72 });
      expect(await pruneArticleKeys(db.prisma, new Date(Date.now() - 72 * 3600_000))).toBe(1);
      expect((await db.prisma.articleKey.findMany()).map((k) => k.key)).toEqual(['t:new']);
      await vacuumAnalyze(db.prisma);
    } finally {
      await db.close();
    }
  });

  it('empties the text of articles older than the retention and keeps everything else', async () => {
    const { pruneArticleBodies } = await import('../../../src/db/maintenance.js');
    const db = await createTestDatabase();
    try {
      const old = await storeArticle(db.prisma, articleFixture({ title: 'Old news', text: 'Old body.', summary: 'Old summary.' }), newStory, { now: new Date(Date.now() - 40 * 86_400_000), windowHours: 72 });
      const recent = await storeArticle(db.prisma, articleFixture({ text: 'New body.' }), newStory, { now: new Date(), windowHours: 72 });
      expect(await pruneArticleBodies(db.prisma, new Date(Date.now() - 30 * 86_400_000))).toBe(1);
      const [a, b] = await Promise.all([old, recent].map((r) => db.prisma.article.findUniqueOrThrow({ where: { id: r.articleId }, include: { story: true } })));
      expect(a).toMatchObject({ text: '', title: 'Old news', summary: 'Old summary.', story: { title: 'Old news' } });
      expect(b!.text).toBe('New body.');
      expect(await pruneArticleBodies(db.prisma, new Date(Date.now() - 30 * 86_400_000))).toBe(0);
      // A new source's backfill filters such an article by its summary, the text it has left.
      const feed = await db.prisma.feed.create({ data: { url: 'https://retention.example/rss', kind: 'feed' } });
      await db.prisma.article.update({ where: { id: old.articleId }, data: { feedId: feed.id } });
      expect((await latestFeedArticles(db.prisma, feed.id, 5)).map((x) => x.text)).toEqual(['Old summary.']);
      // A backlog goes in batches, each a statement of its own, until none is left.
      for (let i = 0; i < 5; i++) await storeArticle(db.prisma, articleFixture({ text: `Archived body ${i}.` }), newStory, { now: new Date(Date.now() - 50 * 86_400_000), windowHours: 72 });
      expect(await pruneArticleBodies(db.prisma, new Date(Date.now() - 30 * 86_400_000), 2)).toBe(5);
      expect(await db.prisma.article.count({ where: { text: { startsWith: 'Archived body' } } })).toBe(0);
    } finally {
      await db.close();
    }
  });
});
