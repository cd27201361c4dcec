// `/news latest` of a server that has a few of many stored stories: it reads the guild's own rows in the order of
// their copy of the story's firstSeenAt (GuildStory.firstSeenAt, kept by the database), so the list must be the one
// the story's own column gives, ties newest id first, whatever wrote the rows and whatever moved a story's time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client.js';
import { latestStories } from '../../../src/db/lookups.js';
import { createTestDatabase } from '../../helpers/db.js';

const big = '100000000000000051';
const small = '100000000000000052';
const base = new Date('2026-03-01T12:00:00Z');
const minute = 60_000;
const stories = 3_000;
/** Story n (1…3000) was first seen this many minutes before `base`: out of id order, and every time twice (n, n + 1500). */
const minutesAgo = (n: number) => (n * 419) % 1500;

describe('latest stories of a small guild among many', () => {
  let db: Database;
  const id: Record<number, number> = {};
  let regionId: number;
  let feedId: number;

  /** The guild's stories with `where` as the story's own firstSeenAt orders them: what latestStories must return. */
  async function expected(guildId: string, where = 'true', ...params: unknown[]): Promise<number[]> {
    const rows = await db.prisma.$queryRawUnsafe<{ id: number }[]>(
      `SELECT s.id FROM "Story" s JOIN "GuildStory" g ON g."storyId" = s.id WHERE g."guildId" = $1 AND ${where} ORDER BY s."firstSeenAt" DESC, s.id DESC`,
      guildId, ...params,
    );
    return rows.map((r) => r.id);
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    const p = db.prisma;
    await p.guild.createMany({ data: [{ id: big }, { id: small }] });
    const rows = await p.$queryRawUnsafe<{ id: number; n: number }[]>(
      `INSERT INTO "Story" (title, summary, "firstSeenAt", "lastArticleAt")
       SELECT 'Story ' || n, 's', $1::timestamp - ((n * 419) % 1500) * interval '1 minute', $1::timestamp - ((n * 419) % 1500) * interval '1 minute'
       FROM generate_series(1, ${stories}) n ORDER BY n RETURNING id, (substring(title from 7))::int AS n`,
      base,
    );
    for (const r of rows) id[r.n] = r.id;
    // Rows written as the store writes them, in one statement; the copy of firstSeenAt is left to the database.
    await p.$executeRawUnsafe(`INSERT INTO "GuildStory" ("guildId", "storyId") SELECT $1, id FROM "Story"`, big);
    // The small guild: 6 of the 3,000, two of them first seen at the same minute (5 and 1505).
    for (const n of [5, 1505, 700, 2100, 2999, 42]) await p.guildStory.create({ data: { guildId: small, storyId: id[n]! } });
    // A story first seen long ago that got a new article now: its place is by first sight.
    await p.story.update({ where: { id: id[2100]! }, data: { lastArticleAt: base } });
    regionId = (await p.tag.create({ data: { guildId: small, name: 'south caucasus', label: 'South Caucasus', kind: 'region' } })).id;
    await p.storyTag.createMany({ data: [5, 700, 2999].map((n) => ({ guildId: small, storyId: id[n]!, tagId: regionId })) });
    feedId = (await p.feed.create({ data: { url: 'https://caspian.example/rss', kind: 'feed', title: 'Caspian Daily' } })).id;
    for (const n of [1505, 42]) {
      await p.article.create({ data: { feedId, storyId: id[n]!, url: `https://caspian.example/${n}`, title: `Story ${n}`, sourceName: 'Caspian Daily', text: '', summary: '' } });
    }
  });
  afterAll(() => db.close());

  it('lists the guild’s few stories newest first, ties by the newer story, none of the others', async () => {
    // 5 and 1505 595 minutes ago, 700 800, 2100 900, 2999 1,081, 42 1,098 (minutesAgo): not the order of the ids.
    const order = [1505, 5, 700, 2100, 2999, 42].map((n) => id[n]!);
    expect(await expected(small)).toEqual(order);
    expect(await latestStories(db.prisma, small, {}, 50)).toEqual({ ids: order, more: false });
    expect(await latestStories(db.prisma, small, {}, 6)).toEqual({ ids: order, more: false });
    expect(await latestStories(db.prisma, small, {}, 3)).toEqual({ ids: order.slice(0, 3), more: true });
  });

  it('filters the small guild by tag, feed and age as the story’s own columns say', async () => {
    const region = await latestStories(db.prisma, small, { tagIds: [regionId] }, 50);
    expect(region.ids).toEqual(await expected(small, `EXISTS (SELECT 1 FROM "StoryTag" t WHERE t."guildId" = g."guildId" AND t."storyId" = s.id AND t."tagId" = $2)`, regionId));
    expect(region.ids).toHaveLength(3);
    const feed = await latestStories(db.prisma, small, { feedId }, 50);
    expect(feed.ids).toEqual(await expected(small, `EXISTS (SELECT 1 FROM "Article" a WHERE a."storyId" = s.id AND a."feedId" = $2)`, feedId));
    expect(feed.ids).toHaveLength(2);
    const since = new Date(base.getTime() - 600 * minute);
    const recent = await latestStories(db.prisma, small, { since }, 50);
    expect(recent.ids).toEqual(await expected(small, `s."firstSeenAt" >= $2`, since));
    expect(recent.ids.length).toBe([5, 1505, 700, 2100, 2999, 42].filter((n) => minutesAgo(n) <= 600).length);
    expect((await latestStories(db.prisma, small, { tagIds: [regionId], since }, 50)).ids).toEqual(region.ids.filter((s) => recent.ids.includes(s)));
  });

  it('reads the big guild the same way', async () => {
    const newest = await latestStories(db.prisma, big, {}, 50);
    expect(newest).toEqual({ ids: (await expected(big)).slice(0, 50), more: true });
  });

  // A tag on few stories is read from its own stories, sorted; one on many by walking the guild's rows. Both must give
  // the list the story's own columns give, with every other filter, whichever the count picks.
  it('lists a tag’s stories the same whether they are few (read from the tag) or many (the guild’s rows walked)', async () => {
    const p = db.prisma;
    const common = (await p.tag.create({ data: { guildId: big, name: 'energy', label: 'energy', kind: 'topic' } })).id;
    await p.$executeRawUnsafe(`INSERT INTO "StoryTag" ("guildId", "storyId", "tagId") SELECT $1, id, $2 FROM "Story" WHERE id % 3 = 0`, big, common);
    const tagged = `EXISTS (SELECT 1 FROM "StoryTag" t WHERE t."guildId" = g."guildId" AND t."storyId" = s.id AND t."tagId" = $2)`;
    const since = new Date(base.getTime() - 700 * minute);
    for (const rareBelow of [1000, 10_000]) {
      expect(await latestStories(p, big, { tagIds: [common] }, 20, rareBelow)).toEqual({ ids: (await expected(big, tagged, common)).slice(0, 20), more: true });
      const recent = await latestStories(p, big, { tagIds: [common], since, feedId: undefined }, 2000, rareBelow);
      expect(recent.ids).toEqual(await expected(big, `${tagged} AND s."firstSeenAt" >= $3`, common, since));
      expect((await latestStories(p, small, { tagIds: [regionId] }, 50, rareBelow)).ids).toHaveLength(3);
    }
  });

  it('keeps each row’s copy of firstSeenAt the story’s, whatever a write gives', async () => {
    const p = db.prisma;
    // An insert's own value is replaced by the story's, and so is an update of the copy.
    await p.guildStory.create({ data: { guildId: small, storyId: id[10]!, firstSeenAt: new Date('2000-01-01T00:00:00Z') } });
    await p.guildStory.update({ where: { guildId_storyId: { guildId: small, storyId: id[5]! } }, data: { firstSeenAt: new Date('2030-01-01T00:00:00Z') } });
    expect((await latestStories(db.prisma, small, {}, 50)).ids).toEqual(await expected(small));
    // A story whose firstSeenAt moves moves in every guild's list.
    await p.story.update({ where: { id: id[2100]! }, data: { firstSeenAt: new Date(base.getTime() + minute) } });
    expect((await latestStories(db.prisma, small, {}, 50)).ids[0]).toBe(id[2100]);
    expect((await latestStories(db.prisma, big, {}, 1)).ids).toEqual([id[2100]]);
    expect((await latestStories(db.prisma, small, {}, 50)).ids).toEqual(await expected(small));
  });
});
