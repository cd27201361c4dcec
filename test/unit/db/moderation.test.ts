import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client.js';
import { updateGuildSettings } from '../../../src/db/guilds.js';
import { guildOverview } from '../../../src/db/moderation.js';
import { requestStoryRefresh } from '../../../src/db/outbox.js';
import { maxCustomRegionsPerGuild, resetRegion, setRegion } from '../../../src/db/regions.js';
import { addRoute } from '../../../src/db/routes.js';
import { addSource, setSourcePaused } from '../../../src/db/sources.js';
import { findTag, mergeTags } from '../../../src/db/tags.js';
import { createTestDatabase } from '../../helpers/db.js';

const guild = '100000000000000077';
const otherGuild = '100000000000000078';
const mod = '200000000000000077';
const news = '300000000000000077';

describe('moderation reads and post refreshes', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  const story = async (title: string) => (await db.prisma.story.create({ data: { title, summary: `${title}.` } })).id;

  it('guildOverview counts sources (and paused ones), routes and changed regions of one guild only', async () => {
    const empty = await guildOverview(db.prisma, guild);
    expect(empty).toMatchObject({ sources: 0, pausedSources: 0, routes: 0, regions: [], guild: { id: guild, timezone: 'UTC' } });
    const a = await addSource(db.prisma, { guildId: guild, actorId: mod, url: 'https://a.example/rss', kind: 'feed', channelId: news, intervalMinutes: 15 });
    await addSource(db.prisma, { guildId: guild, actorId: mod, url: 'https://b.example/rss', kind: 'feed', channelId: news, intervalMinutes: 15 });
    await addSource(db.prisma, { guildId: otherGuild, actorId: mod, url: 'https://a.example/rss', kind: 'feed', channelId: news, intervalMinutes: 15 });
    await setSourcePaused(db.prisma, guild, mod, a.id, true);
    await addRoute(db.prisma, guild, mod, { kind: 'region', value: 'south-caucasus', channelId: news });
    await setRegion(db.prisma, guild, mod, { slug: 'caspian', name: 'Caspian', countries: ['AZ', 'KZ'] }, []);
    expect(await guildOverview(db.prisma, guild)).toMatchObject({
      sources: 2,
      pausedSources: 1,
      routes: 1,
      regions: [{ slug: 'caspian', name: 'Caspian', countries: ['AZ', 'KZ'] }],
    });
    expect(await guildOverview(db.prisma, otherGuild)).toMatchObject({ sources: 1, pausedSources: 0, routes: 0, regions: [] });
  });

  it('resets a region in a server Gazette has not stored yet (its first command), with the audit entry', async () => {
    const fresh = '100000000000000079';
    expect(await resetRegion(db.prisma, fresh, mod, 'south-caucasus')).toBe(false);
    expect(await db.prisma.auditLog.findFirst({ where: { guildId: fresh } })).toMatchObject({ action: 'region.reset', target: 'region:south-caucasus' });
  });

  it('caps a server’s own regions, under its lock, but lets it change those it has and redefine built-in ones', async () => {
    const capped = '100000000000000080';
    const builtIn = ['south-caucasus'];
    const define = (slug: string) => setRegion(db.prisma, capped, mod, { slug, name: slug, countries: ['AZ'] }, builtIn);
    // Two at once at the last free place: only one passes the count.
    for (let i = 0; i < maxCustomRegionsPerGuild - 1; i++) await define(`region-${i}`);
    const raced = await Promise.allSettled([define('late-a'), define('late-b')]);
    expect(raced.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(raced.find((r) => r.status === 'rejected')).toMatchObject({ reason: { message: expect.stringMatching(/^This server has 25 regions of its own, the most it may have\./) } });
    await expect(define('one-more')).rejects.toThrow(/the most it may have/);
    await expect(define('region-0')).resolves.toMatchObject({ slug: 'region-0' });
    await expect(define('south-caucasus')).resolves.toMatchObject({ slug: 'south-caucasus' });
    expect(await db.prisma.guildRegion.count({ where: { guildId: capped } })).toBe(maxCustomRegionsPerGuild + 1);
  });

  it('updateGuildSettings stores the review channel and writes the change to the audit log', async () => {
    const updated = await updateGuildSettings(db.prisma, guild, mod, { submissionsNeedApproval: true, reviewChannelId: '300000000000000099' });
    expect(updated).toMatchObject({ submissionsNeedApproval: true, reviewChannelId: '300000000000000099' });
    const entry = await db.prisma.auditLog.findFirstOrThrow({ where: { guildId: guild, action: 'config.update' }, orderBy: { id: 'desc' } });
    expect(entry).toMatchObject({ actorId: mod, details: { submissionsNeedApproval: true, reviewChannelId: '300000000000000099' } });
  });

  it('a change worked out from the current settings cannot undo another moderator’s change landing meanwhile', async () => {
    const raced = '100000000000000081';
    await updateGuildSettings(db.prisma, raced, mod, { digestTime: '08:00' });
    // `/config digest channel:` keeps the time it reads; another moderator sets the time while it runs. On PostgreSQL
    // the second write waits for the first's lock, on the embedded database for its transaction: it lands after.
    let other: Promise<unknown> | undefined;
    await updateGuildSettings(db.prisma, raced, mod, (current) => {
      other = updateGuildSettings(db.prisma, raced, '200000000000000078', { digestTime: '09:30' });
      return { digestChannelId: news, digestTime: current.digestTime };
    });
    await other;
    expect(await db.prisma.guild.findUniqueOrThrow({ where: { id: raced } })).toMatchObject({ digestChannelId: news, digestTime: '09:30' });
    // The other way round: a change that reads after the other one's write keeps it.
    await updateGuildSettings(db.prisma, raced, mod, { digestTime: '07:15' });
    expect(await updateGuildSettings(db.prisma, raced, mod, (current) => ({ digestChannelId: null, digestTime: current.digestTime }))).toMatchObject({ digestTime: '07:15', digestChannelId: null });
  });

  it('a tag merge refreshes, in its transaction, the posts of the stories that carried the merged tag', async () => {
    const [s1, s2, s3, s4] = [await story('One'), await story('Two'), await story('Three'), await story('Four')];
    const corridor = await db.prisma.tag.create({ data: { guildId: guild, name: 'zangezur corridor', label: 'Zangezur corridor', kind: 'member' } });
    const route = await db.prisma.tag.create({ data: { guildId: guild, name: 'zangezur route', label: 'Zangezur route', kind: 'member' } });
    await db.prisma.storyTag.createMany({
      data: [
        { guildId: guild, storyId: s2, tagId: corridor.id },
        { guildId: guild, storyId: s1, tagId: corridor.id },
        { guildId: guild, storyId: s3, tagId: route.id },
        // Carries both: refreshed (it loses a tag), not counted as moved.
        { guildId: guild, storyId: s4, tagId: corridor.id },
        { guildId: guild, storyId: s4, tagId: route.id },
      ],
    });
    const post = (storyId: number) => db.prisma.delivery.create({ data: { storyId, guildId: guild, channelId: news, status: 'posted', nonce: `m${storyId}` } });
    const [p1, p2, p3, p4] = [await post(s1), await post(s2), await post(s3), await post(s4)];
    const now = new Date('2030-02-01T00:00:00Z');
    const merged = await mergeTags(db.prisma, guild, mod, 'zangezur corridor', 'zangezur route', now);
    expect(merged).toMatchObject({ previousLabel: 'Zangezur corridor', moved: 2, edits: 3 });
    const due = async (id: number) => (await db.prisma.delivery.findUniqueOrThrow({ where: { id } })).editDueAt;
    expect([await due(p1.id), await due(p2.id), await due(p3.id), await due(p4.id)]).toEqual([now, now, null, now]);
    expect((await findTag(db.prisma, guild, 'zangezur corridor'))?.name).toBe('zangezur route');
  });

  it('requestStoryRefresh schedules edits of posted deliveries of those stories, in one guild or all, keeping earlier requests', async () => {
    const [s1, s2] = [await story('Edited'), await story('Untouched')];
    const early = new Date('2030-01-01T00:00:00Z');
    const now = new Date('2030-01-01T00:05:00Z');
    const make = (storyId: number, guildId: string, channelId: string, status: 'posted' | 'pending' | 'failed', editDueAt: Date | null = null) =>
      db.prisma.delivery.create({ data: { storyId, guildId, channelId, status, nonce: `n${storyId}${channelId}${guildId}`.slice(0, 25), editDueAt } });
    const posted = await make(s1, guild, '301', 'posted');
    const alreadyDue = await make(s1, guild, '302', 'posted', early);
    const pending = await make(s1, guild, '303', 'pending');
    const otherStory = await make(s2, guild, '301', 'posted');
    const otherServer = await make(s1, otherGuild, '301', 'posted');
    expect((await requestStoryRefresh(db.prisma, { storyIds: [s1], guildId: guild }, now)).map((d) => d.id).sort()).toEqual([posted.id, alreadyDue.id].sort());
    const due = async (id: number) => (await db.prisma.delivery.findUniqueOrThrow({ where: { id } })).editDueAt;
    expect(await due(posted.id)).toEqual(now);
    expect(await due(alreadyDue.id)).toEqual(early);
    expect(await due(pending.id)).toBeNull();
    expect(await due(otherStory.id)).toBeNull();
    expect(await due(otherServer.id)).toBeNull();
    expect(await requestStoryRefresh(db.prisma, { storyIds: [], guildId: guild }, now)).toEqual([]);
    // Without a guild, every server's posts of the story.
    expect((await requestStoryRefresh(db.prisma, { storyIds: [s1] }, now)).map((d) => d.id).sort()).toEqual([posted.id, alreadyDue.id, otherServer.id].sort());
    expect(await due(otherServer.id)).toEqual(now);
  });
});
