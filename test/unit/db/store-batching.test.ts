// What storing does fewer of per article (docs/benchmarks.md, the pipeline): term counts written every few dozen
// articles, centroids not sent again while unchanged, one planning statement for every guild, and statements whose
// plans the database keeps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CentroidCache, candidateProfileRows, PendingTermCounts } from '../../../src/db/article-sql.js';
import { finishStoring, storeArticle, type PlaceArticle } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { loadAudience, planDeliveries, planDeliveriesIn } from '../../../src/db/deliveries.js';
import { refreshSql } from '../../../src/db/outbox.js';
import { searchDocumentOf } from '../../../src/db/search-sql.js';
import type { Prisma as P } from '../../../src/generated/prisma/client.js';
import { addSource } from '../../../src/db/sources.js';
import { createTestDatabase } from '../../helpers/db.js';
import { articleFixture, joinStory, newStory } from '../../helpers/fixtures.js';

const opts = () => ({ now: new Date(), windowHours: 72 });
const counted = (stats: { documents: number; frequency: (t: string) => number }) => stats.frequency('a');

describe('pending term counts', () => {
  it('adds what is pending to what was read, writes everything every n articles, and takes back a failed store', () => {
    const pending = new PendingTermCounts(3);
    const read = { documents: 10, frequency: (t: string) => (t === 'a' ? 5 : 0) };
    const first = pending.forArticle(['a', 'b']);
    expect(first.write.terms).toEqual([]);
    first.committed();
    const failed = pending.forArticle(['a']);
    expect(counted(pending.plus(read))).toBe(6); // not pending before its transaction commits
    failed.undo();
    expect(counted(pending.plus(read))).toBe(6);
    const second = pending.forArticle(['a']);
    expect(second.write.terms).toEqual([]);
    second.committed();
    expect(counted(pending.plus(read))).toBe(7);
    const due = pending.forArticle(['a', 'c']);
    expect(Object.fromEntries(due.write.terms.map((t, i) => [t, due.write.counts[i]]))).toEqual({ a: 3, b: 1, c: 1 });
    expect(counted(pending.plus(read))).toBe(5);
    due.undo(); // its transaction failed: the earlier articles' counts are pending again, its own are not
    expect(counted(pending.plus(read))).toBe(7);
  });

  // Two stores at once (a PostgreSQL server): one flushed what was pending while the other's transaction was open; that
  // one then failed, took nothing back (its terms were written), and its retry counted them a second time.
  it('never writes the terms of an article whose transaction has not committed', () => {
    const pending = new PendingTermCounts(3);
    pending.forArticle(['gamma']).committed();
    const open = pending.forArticle(['alpha']);
    pending.forArticle(['delta']).committed();
    const flushing = pending.forArticle(['beta']);
    expect([...flushing.write.terms].sort()).toEqual(['beta', 'delta', 'gamma']);
    flushing.committed();
    open.undo(); // failed, to be placed again
    pending.forArticle(['alpha']).committed();
    expect(pending.drain()).toEqual({ terms: ['alpha'], counts: [1] });
  });
});

describe('storing with fewer statements', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('writes term counts to TermStat in batches, and every article sees the counts of all before it', async () => {
    const seen: number[] = [];
    const recording: PlaceArticle = async (terms, index) => {
      seen.push((await index.stats(Object.keys(terms))).frequency('batched'));
      return newStory(terms, index);
    };
    for (let i = 0; i < 60; i++) await storeArticle(db.prisma, articleFixture({ terms: { batched: 1 } }), recording, opts());
    expect(seen).toEqual(Array.from({ length: 60 }, (_, i) => i));
    const row = await db.prisma.termStat.findUniqueOrThrow({ where: { term: 'batched' } });
    expect(row.documents).toBe(50);
    // A clean stop writes the ten still pending.
    await finishStoring(db.prisma);
    expect((await db.prisma.termStat.findUniqueOrThrow({ where: { term: 'batched' } })).documents).toBe(60);
  });

  it('sends a story centroid again only once its row has changed', async () => {
    const lead = await storeArticle(db.prisma, articleFixture({ terms: { tbilisi: 1 } }), async (terms) => ({ storyId: null, centroid: { tbilisi: [1, 1] }, lookupTerms: Object.keys(terms) }), opts());
    if (lead.status !== 'stored') throw new Error('not stored');
    const cache = new CentroidCache();
    const since = new Date(Date.now() - 3600_000);
    const first = await candidateProfileRows(db.prisma, since, ['t:tbilisi'], cache);
    expect(first.map((c) => c.centroid)).toEqual([{ tbilisi: [1, 1] }]);
    expect(await candidateProfileRows(db.prisma, since, ['t:tbilisi'], cache)).toEqual(first);
    await storeArticle(db.prisma, articleFixture({ terms: { tbilisi: 1 } }), async (terms) => ({ ...(await joinStory(lead.storyId)(terms, {} as never)), centroid: { tbilisi: [2, 2] } }), opts());
    const after = await candidateProfileRows(db.prisma, since, ['t:tbilisi'], cache);
    expect(after.map((c) => [c.size, c.centroid])).toEqual([[2, { tbilisi: [2, 2] }]]);
  });

  it('gives a held centroid back as it was read, its terms in the same order, and drops the least recently met first', () => {
    const cache = new CentroidCache(2);
    // The model sums over a centroid's terms in their order: a copy must keep it (integer-like terms come first).
    const read = JSON.parse('{"tbilisi":[0.5,2],"2024":[1,1],"gas":[0.1,1],"__proto__":[3,3]}') as Record<string, [number, number]>;
    cache.remember(1, '7', read);
    const { held, ids, versions } = cache.known();
    expect([ids, versions]).toEqual([[1], ['7']]);
    const back = held.get(1)!;
    expect(back.version).toBe('7');
    expect(Object.keys(back.centroid)).toEqual(['2024', 'tbilisi', 'gas', '__proto__']);
    expect(Object.entries(back.centroid)).toEqual(Object.entries(read));
    cache.remember(2, '8', { a: [1, 1] });
    cache.remember(1, '9', read);
    cache.remember(3, '10', { b: [1, 1] });
    expect(cache.known().ids).toEqual([1, 3]);
    expect(held.get(1)!.version).toBe('7');
  });

  it('plans every guild in one go: posts where the story is new, edits where it was posted, tags through aliases and never banned ones', async () => {
    const [g1, g2] = ['100000000000000021', '100000000000000022'];
    const feed = await db.prisma.feed.create({ data: { url: 'https://two.example/rss', kind: 'feed' } });
    for (const [guildId, channelId] of [[g1, '300000000000000021'], [g2, '300000000000000022']] as const) {
      await addSource(db.prisma, { guildId, actorId: '200000000000000021', url: feed.url, kind: 'feed', channelId, intervalMinutes: 15 });
    }
    await db.prisma.guild.upsert({ where: { id: g2 }, create: { id: g2 }, update: {} });
    const merged = await db.prisma.tag.create({ data: { guildId: g2, name: 'energy', label: 'Energy', kind: 'topic', aliases: ['gas'] } });
    await db.prisma.tag.create({ data: { guildId: g2, name: 'spam', label: 'Spam', kind: 'topic', banned: true } });
    const stored = await storeArticle(db.prisma, articleFixture({ feedId: feed.id }), newStory, opts());
    if (stored.status !== 'stored') throw new Error('not stored');
    const tags = [
      { name: 'gas', label: 'Gas', kind: 'topic' as const },
      { name: 'spam', label: 'Spam', kind: 'topic' as const },
    ];
    const views = new Map([g1, g2].map((g) => [g, { regions: [], tags, countries: [] }]));
    const audience = await loadAudience(db.prisma, feed.id);
    // Guild 1 already has the story, posted: it gets an edit; guild 2 gets a post.
    await db.prisma.guildStory.create({ data: { guildId: g1, storyId: stored.storyId } });
    const posted = await db.prisma.delivery.create({ data: { storyId: stored.storyId, guildId: g1, channelId: '300000000000000021', nonce: 'n1', status: 'posted', messageId: '1' } });
    const planned = await planDeliveries(db.prisma, { storyId: stored.storyId, audience, articleCreatedAt: new Date(), now: new Date(), views });
    expect(planned.map((p) => [p.guildId, p.channelId, p.action])).toEqual([
      [g1, '300000000000000021', 'edit'],
      [g2, '300000000000000022', 'post'],
    ]);
    expect(planned[0]!.deliveryId).toBe(posted.id);
    const linked = await db.prisma.storyTag.findMany({ where: { storyId: stored.storyId }, include: { tag: true }, orderBy: [{ guildId: 'asc' }] });
    expect(linked.map((l) => [l.guildId, l.tag.name]).sort()).toEqual([
      [g1, 'gas'],
      [g1, 'spam'],
      [g2, 'energy'],
    ]);
    expect(linked.find((l) => l.guildId === g2)!.tagId).toBe(merged.id);
  });

  it('sends the candidate query, the insert and the planning as calls of functions, whose plans the database keeps (ADR 29)', async () => {
    const feed = await db.prisma.feed.create({ data: { url: 'https://kept.example/rss', kind: 'feed' } });
    await addSource(db.prisma, { guildId: '100000000000000031', actorId: '200000000000000031', url: feed.url, kind: 'feed', channelId: '300000000000000031', intervalMinutes: 15 });
    const audience = await loadAudience(db.prisma, feed.id);
    const sent: string[] = [];
    const recording = db.prisma.$extends({
      query: {
        async $allOperations({ operation, args, query }) {
          if (operation === '$queryRaw') sent.push((args as P.Sql).strings.join('?').replace(/\s+/g, ' ').trim());
          return query(args);
        },
      },
    }) as unknown as Database['prisma'];
    // Asks what the story model asks (the term counts, then the candidates) and joins the story found.
    const joinFound: PlaceArticle = async (terms, index) => {
      await index.stats(Object.keys(terms));
      const [found] = await index.candidates(Object.keys(terms));
      return { storyId: found?.id ?? null, centroid: {}, lookupTerms: Object.keys(terms) };
    };
    const store = (terms: Record<string, number>) =>
      storeArticle(recording, articleFixture({ feedId: feed.id, terms }), joinFound, {
        ...opts(),
        then: (tx, stored) => planDeliveriesIn(tx, { storyId: stored.storyId, audience, articleCreatedAt: new Date(), now: new Date(), views: new Map() }),
      });
    const first = await store({ kutaisi: 2, flights: 1 });
    if (first.status !== 'stored') throw new Error('not stored');
    expect(first.followUp).toEqual([expect.objectContaining({ action: 'post' })]);
    await db.prisma.delivery.updateMany({ where: { storyId: first.storyId }, data: { status: 'posted', messageId: '1' } });
    sent.length = 0;
    const second = await store({ kutaisi: 2, runway: 1 });
    if (second.status !== 'stored') throw new Error('not stored');
    expect(second.storyId).toBe(first.storyId);
    expect(second.followUp).toEqual([expect.objectContaining({ action: 'edit' })]);
    // Five statements for an article joining a story (the duplicate check, the candidates, the insert, its sources
    // read again under a share lock, the planning); three of them only name a function.
    expect(sent).toHaveLength(5);
    expect(sent.filter((sql) => /FROM "Source" .* FOR SHARE/.test(sql))).toHaveLength(1);
    expect(sent.flatMap((sql) => /FROM (store_\w+)\(/.exec(sql)?.[1] ?? [])).toEqual(['store_candidate_stories', 'store_insert_into_story', 'store_plan_story']);
    // The planning's edit condition is outbox.ts's: a post that is being made gets its edit too.
    const [definition] = await db.prisma.$queryRaw<{ body: string }[]>`SELECT pg_get_functiondef('store_plan_story'::regproc) AS body`;
    expect(definition!.body.replace(/\s+/g, ' ')).toContain(refreshSql.strings.join('').replace(/\s+/g, ' '));
  });

  it('stores through the insert functions every field, key and term count of the article, and its story as before', async () => {
    const feed = await db.prisma.feed.create({ data: { url: 'https://fields.example/rss', kind: 'feed' } });
    const full = (n: number, countries: string[], topics: string[]) =>
      articleFixture({
        feedId: feed.id, guid: `guid-${n}`, author: `Author ${n}`, sourceName: `Source ${n}`, publishedAt: new Date(Date.UTC(2026, 11, n)), language: 'en',
        imageUrl: `https://img.example/${n}.jpg`, contentHash: `hash-${n}`, countries, regions: [`region-${n}`], topics, terms: { fieldwork: 1, [`own${n}`]: 1 },
      });
    const columns = { feedId: true, storyId: true, url: true, guid: true, title: true, author: true, sourceName: true, publishedAt: true, language: true, imageUrl: true, text: true, summary: true, contentHash: true, countries: true, regions: true, topics: true } as const;
    const expected = (a: ReturnType<typeof full>, storyId: number) => ({ ...Object.fromEntries(Object.keys(columns).map((k) => [k, a[k as keyof typeof a] ?? null])), storyId });
    await finishStoring(db.prisma); // the fiftieth article from here writes the term counts

    const a1 = full(1, ['GE', 'AM'], ['energy']);
    const lead = await storeArticle(db.prisma, a1, async (terms) => ({ storyId: null, centroid: { fieldwork: [1, 2] }, lookupTerms: Object.keys(terms) }), opts());
    if (lead.status !== 'stored') throw new Error('not stored');
    expect(await db.prisma.article.findUniqueOrThrow({ where: { id: lead.articleId }, select: columns })).toEqual(expected(a1, lead.storyId));
    const story = await db.prisma.story.findUniqueOrThrow({ where: { id: lead.storyId } });
    expect(story).toMatchObject({ leadArticleId: lead.articleId, title: a1.title, summary: a1.summary, countries: ['GE', 'AM'], regions: ['region-1'], topics: ['energy'], size: 1, centroid: { fieldwork: [1, 2] } });

    const a2 = full(2, ['AM', 'AZ'], ['energy']);
    const joined = await storeArticle(db.prisma, a2, async (terms) => ({ ...(await joinStory(lead.storyId)(terms, {} as never)), centroid: { fieldwork: [3, 4] } }), opts());
    expect(joined).toMatchObject({ status: 'stored', storyId: lead.storyId, newStory: false, factsChanged: true, story: { countries: ['GE', 'AM', 'AZ'], topics: ['energy'] } });
    if (joined.status !== 'stored') throw new Error('not stored');
    expect(await db.prisma.article.findUniqueOrThrow({ where: { id: joined.articleId }, select: columns })).toEqual(expected(a2, lead.storyId));
    expect(await db.prisma.story.findUniqueOrThrow({ where: { id: lead.storyId } })).toMatchObject({ countries: ['GE', 'AM', 'AZ'], regions: ['region-1', 'region-2'], size: 2, centroid: { fieldwork: [3, 4] } });
    const keys = await db.prisma.articleKey.findMany({ where: { articleId: { in: [lead.articleId, joined.articleId] } }, orderBy: [{ articleId: 'asc' }, { key: 'asc' }] });
    expect(keys.map((k) => [k.articleId, k.key, k.storyId])).toEqual([
      [lead.articleId, 't:fieldwork', lead.storyId],
      [lead.articleId, 't:own1', lead.storyId],
      [joined.articleId, 't:fieldwork', lead.storyId],
      [joined.articleId, 't:own2', lead.storyId],
    ]);
    // Nothing new for the story's facts: factsChanged says so.
    const third = await storeArticle(db.prisma, full(3, ['GE'], ['energy']), joinStory(lead.storyId), opts());
    expect(third).toMatchObject({ status: 'stored', factsChanged: false });
    // The term counts reach TermStat with the fiftieth article, here one joining the story.
    for (let i = 4; i < 50; i++) await storeArticle(db.prisma, full(i, [], []), joinStory(lead.storyId), opts());
    expect(await db.prisma.termStat.findMany({ where: { term: { in: ['fieldwork', 'own1', 'own50'] } } })).toEqual([]);
    await storeArticle(db.prisma, full(50, [], []), joinStory(lead.storyId), opts());
    const counted = await db.prisma.termStat.findMany({ where: { term: { in: ['fieldwork', 'own1', 'own50'] } }, orderBy: { term: 'asc' } });
    expect(counted.map((t) => [t.term, t.documents])).toEqual([['fieldwork', 50], ['own1', 1], ['own50', 1]]);
  });

  it('gives a new story the search document searchDocumentOf computes, in every configuration', async () => {
    const cases = [
      { language: 'en', title: 'Ministers running talks', summary: 'Gas pipelines were discussed' },
      { language: undefined, title: 'Министры провели переговоры', summary: 'Газопроводы обсуждались' },
      { language: 'zh', title: '格鲁吉亚政府宣布新的能源政策', summary: '天然气管道' },
      { language: 'ka', title: 'მინისტრები შეხვდნენ', summary: 'გაზსადენი' },
      { language: undefined, title: 'Şirket yatırım açıkladı', summary: 'Bakü' },
    ];
    for (const c of cases) {
      const a = articleFixture(c);
      const stored = await storeArticle(db.prisma, a, newStory, opts());
      if (stored.status !== 'stored') throw new Error('not stored');
      const [row] = await db.prisma.$queryRaw<{ same: boolean; search: string }[]>`
        SELECT s.search = ${searchDocumentOf({ ...a, language: a.language })} AS same, s.search::text AS search FROM "Story" s WHERE s.id = ${stored.storyId}`;
      expect(row, c.title).toMatchObject({ same: true });
      expect(row!.search.length).toBeGreaterThan(0);
    }
  });
});
