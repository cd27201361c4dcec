// `/source edit` in the data layer (issue 11): a source changes in place — its posts, votes and id stay, the next
// story follows the new channel and filter — each change is audited with its old and new value, and a channel that
// already has the feed is refused. Also a filter stored by addSource, and the items a new filter is tried on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { loadAudience, planDeliveries } from '../../../src/db/deliveries.js';
import { addSource, editSource, recentSourceItems } from '../../../src/db/sources.js';
import { viewsForAudience } from '../../../src/ingest/guild-views.js';
import { createTestDatabase } from '../../helpers/db.js';
import { articleFixture, newStory } from '../../helpers/fixtures.js';

const guild = '100000000000000081';
const otherGuild = '100000000000000082';
const mod = '200000000000000081';
const member = '200000000000000082';
const news = '300000000000000081';
const caucasus = '300000000000000082';
const asia = '300000000000000083';

describe('editing a source', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  const add = (channelId: string, extra: { filter?: string; url?: string; guildId?: string } = {}) =>
    addSource(db.prisma, { guildId: extra.guildId ?? guild, actorId: mod, url: extra.url ?? 'https://edit.example/rss', kind: 'feed', channelId, intervalMinutes: 15, filter: extra.filter });

  /** Stores an article of the feed as a new story and plans its posts, as a poll would; returns the channels posted to. */
  async function ingest(feedId: number, title: string, text: string, facts = { countries: ['GE'], topics: ['economy'] }) {
    const article = articleFixture({ feedId, title, text, ...facts });
    const now = new Date();
    const stored = await storeArticle(db.prisma, article, newStory, { now, windowHours: 72 });
    if (stored.status !== 'stored') throw new Error('not stored');
    const audience = await loadAudience(db.prisma, feedId);
    await planDeliveries(db.prisma, { storyId: stored.storyId, audience, articleCreatedAt: stored.createdAt, now, views: viewsForAudience(audience, facts, article) });
    const deliveries = await db.prisma.delivery.findMany({ where: { storyId: stored.storyId } });
    return { storyId: stored.storyId, channels: deliveries.map((d) => d.channelId) };
  }

  it('stores the filter given when a source is added, and audits it', async () => {
    const source = await add(news, { url: 'https://filtered.example/rss', filter: 'gas -sport' });
    expect(source.filter).toBe('gas -sport');
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { target: `source:${source.id}` } });
    expect(audit).toMatchObject({ action: 'source.add', details: { filter: 'gas -sport' } });
    expect((await add(caucasus, { url: 'https://filtered.example/rss' })).filter).toBeNull();
  });

  it('moves a source to another channel and changes its filter in place: posts and votes stay, the next story goes there', async () => {
    const source = await add(news);
    const before = await ingest(source.feedId, 'Tbilisi budget passes', 'The parliament in Tbilisi passed the budget.');
    expect(before.channels).toEqual([news]);
    await db.prisma.delivery.updateMany({ where: { storyId: before.storyId }, data: { status: 'posted', messageId: '900000000000000081' } });
    await db.prisma.vote.create({ data: { guildId: guild, storyId: before.storyId, userId: member, value: 4 } });

    const { source: edited, changed } = await editSource(db.prisma, { guildId: guild, actorId: mod, sourceId: source.id, changes: { channelId: caucasus, filter: 'budget or gas' } });
    expect(edited).toMatchObject({ id: source.id, channelId: caucasus, filter: 'budget or gas', feedId: source.feedId });
    expect(changed).toEqual([
      { field: 'channelId', from: news, to: caucasus },
      { field: 'filter', from: null, to: 'budget or gas' },
    ]);
    // What was posted stays where it was, with its votes.
    expect(await db.prisma.delivery.findMany({ where: { storyId: before.storyId }, select: { channelId: true, messageId: true } })).toEqual([{ channelId: news, messageId: '900000000000000081' }]);
    expect(await db.prisma.vote.count({ where: { storyId: before.storyId } })).toBe(1);

    expect((await ingest(source.feedId, 'Georgia gas imports rise', 'Gas imports rose in Georgia.')).channels).toEqual([caucasus]);
    const filtered = await ingest(source.feedId, 'Tbilisi wins the derby', 'A football story from Tbilisi.');
    expect(filtered.channels).toEqual([]);
    expect(await db.prisma.guildStory.count({ where: { guildId: guild, storyId: filtered.storyId } })).toBe(1); // still searchable

    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: 'source.edit', target: `source:${source.id}` } });
    expect(audit).toMatchObject({ actorId: mod, details: { channelId: { from: news, to: caucasus }, filter: { from: null, to: 'budget or gas' } } });
  });

  it('changes region, tags and interval, clears a filter, and reports only what changed', async () => {
    const source = await add(asia, { url: 'https://settings.example/rss', filter: 'oil' });
    const { changed } = await editSource(db.prisma, {
      guildId: guild,
      actorId: mod,
      sourceId: source.id,
      changes: { channelId: asia, region: 'central-asia', tags: ['Steppe'], intervalMinutes: 60, filter: null },
    });
    expect(changed.map((c) => c.field)).toEqual(['region', 'tags', 'intervalMinutes', 'filter']);
    expect(await db.prisma.source.findUniqueOrThrow({ where: { id: source.id } })).toMatchObject({ region: 'central-asia', tags: ['Steppe'], intervalMinutes: 60, filter: null });

    // The same values again: nothing changes and nothing is audited.
    const audits = await db.prisma.auditLog.count({ where: { action: 'source.edit' } });
    const again = await editSource(db.prisma, { guildId: guild, actorId: mod, sourceId: source.id, changes: { region: 'central-asia', tags: ['Steppe'], filter: null } });
    expect(again.changed).toEqual([]);
    expect(await db.prisma.auditLog.count({ where: { action: 'source.edit' } })).toBe(audits);
  });

  it('checks a source sooner when its interval shrinks', async () => {
    const source = await add(asia, { url: 'https://daily.example/rss' });
    await db.prisma.source.update({ where: { id: source.id }, data: { intervalMinutes: 1440 } });
    const lastFetchAt = new Date(Date.now() - 30 * 60_000);
    await db.prisma.feed.update({ where: { id: source.feedId }, data: { lastFetchAt, nextFetchAt: new Date(lastFetchAt.getTime() + 24 * 3_600_000) } });
    await editSource(db.prisma, { guildId: guild, actorId: mod, sourceId: source.id, changes: { intervalMinutes: 60 } });
    const feed = await db.prisma.feed.findUniqueOrThrow({ where: { id: source.feedId } });
    expect(feed.nextFetchAt.getTime()).toBe(lastFetchAt.getTime() + 60 * 60_000);
  });

  it('refuses a channel that already has the feed, and another server’s source, changing nothing', async () => {
    const first = await add(news, { url: 'https://twice.example/rss' });
    const second = await add(asia, { url: 'https://twice.example/rss' });
    await expect(editSource(db.prisma, { guildId: guild, actorId: mod, sourceId: second.id, changes: { channelId: news, tags: ['X'] } })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining(`Source #${first.id} already posts this feed to <#${news}>`),
    });
    expect(await db.prisma.source.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ channelId: asia, tags: [] });
    const foreign = await add(news, { url: 'https://twice.example/rss', guildId: otherGuild });
    await expect(editSource(db.prisma, { guildId: guild, actorId: mod, sourceId: foreign.id, changes: { tags: ['X'] } })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('lists the newest stored items of a source’s feed with their story’s countries and topics', async () => {
    const source = await add(news, { url: 'https://recent.example/rss' });
    await ingest(source.feedId, 'Older story', 'Older text.', { countries: ['AM'], topics: ['trade'] });
    await ingest(source.feedId, 'Newer story', 'Newer text.', { countries: ['AZ'], topics: ['energy'] });
    const items = await recentSourceItems(db.prisma, guild, source.id, 5);
    expect(items.map((i) => [i.title, i.countries, i.topics])).toEqual([
      ['Newer story', ['AZ'], ['energy']],
      ['Older story', ['AM'], ['trade']],
    ]);
    expect(items[0]).toMatchObject({ text: 'Newer text.', url: expect.stringMatching(/^https:\/\//) });
    // Past RETENTION_DAYS an article's text is emptied: a filter tried on it reads its summary.
    await db.prisma.article.updateMany({ where: { feedId: source.feedId, title: 'Older story' }, data: { text: '', summary: 'Older summary.' } });
    expect((await recentSourceItems(db.prisma, guild, source.id, 5))[1]).toMatchObject({ title: 'Older story', text: 'Older summary.' });
  });
});
