import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client.js';
import { claimDueFeeds, claimEnd, recordFetchFailure, recordFetchSuccess } from '../../../src/db/feeds.js';
import { addSource, editSource, listSources, removeSource, setSourcePaused } from '../../../src/db/sources.js';
import { storeArticle } from '../../../src/db/articles.js';
import { createTestDatabase } from '../../helpers/db.js';
import { articleFixture, newStory } from '../../helpers/fixtures.js';

const guildA = '100000000000000001';
const guildB = '100000000000000002';
const mod = '200000000000000001';

describe('sources and feeds', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('shares one feed between guilds that follow the same URL, and refuses a duplicate in one channel', async () => {
    const base = { actorId: mod, url: 'https://common.example/rss', kind: 'feed' as const, intervalMinutes: 15 };
    const a = await addSource(db.prisma, { ...base, guildId: guildA, channelId: '300000000000000001' });
    const b = await addSource(db.prisma, { ...base, guildId: guildB, channelId: '300000000000000002', intervalMinutes: 5 });
    expect(a.feedId).toBe(b.feedId);
    await expect(addSource(db.prisma, { ...base, guildId: guildA, channelId: '300000000000000001' })).rejects.toMatchObject({ code: 'conflict' });
    const due = await claimDueFeeds(db.prisma, new Date(Date.now() + 1000), 50, 60_000);
    expect(due).toEqual([a.feedId]);
    // Claimed feeds are not handed out again until the claim lapses.
    expect(await claimDueFeeds(db.prisma, new Date(Date.now() + 1000), 50, 60_000)).toEqual([]);
    const audit = await db.prisma.auditLog.findMany({ where: { guildId: guildA, action: 'source.add' } });
    expect(audit).toHaveLength(1);
  });

  it('pauses every source of a feed after too many failures, with the reason, and resumes on request', async () => {
    const s = await addSource(db.prisma, { guildId: guildA, actorId: mod, url: 'https://dead.example/feed', kind: 'feed', channelId: '300000000000000003', intervalMinutes: 15 });
    const now = new Date();
    for (let i = 1; i <= 3; i++) {
      const r = await recordFetchFailure(db.prisma, s.feedId, now, { message: 'The server answered 404 Not Found.', nextFetchAt: now, maxFailures: 3 });
      expect(r).toEqual({ consecutiveFailures: i, paused: i === 3 });
    }
    const [listed] = (await listSources(db.prisma, guildA)).filter((x) => x.id === s.id);
    expect(listed).toMatchObject({ paused: true, feed: { consecutiveFailures: 3, lastError: 'The server answered 404 Not Found.' } });
    expect(listed!.pausedReason).toContain('404 Not Found');
    expect(await claimDueFeeds(db.prisma, new Date(Date.now() + 1000), 50, 60_000)).not.toContain(s.feedId);

    await setSourcePaused(db.prisma, guildA, mod, s.id, false);
    const feed = await db.prisma.feed.findUniqueOrThrow({ where: { id: s.feedId } });
    expect(feed.consecutiveFailures).toBe(0);
    await recordFetchSuccess(db.prisma, s.feedId, new Date(), { etag: '"v2"', nextFetchAt: new Date(Date.now() + 60_000) });
    expect(await db.prisma.feed.findUniqueOrThrow({ where: { id: s.feedId } })).toMatchObject({ etag: '"v2"', lastError: null });
  });

  it('keeps a shared feed’s failure streak when a server resumes a source that was not paused', async () => {
    const url = 'https://dying.example/feed';
    const a = await addSource(db.prisma, { guildId: guildA, actorId: mod, url, kind: 'feed', channelId: '300000000000000008', intervalMinutes: 15 });
    await addSource(db.prisma, { guildId: guildB, actorId: mod, url, kind: 'feed', channelId: '300000000000000009', intervalMinutes: 15 });
    const fail = () => recordFetchFailure(db.prisma, a.feedId, new Date(), { message: 'The server answered 500.', nextFetchAt: new Date(Date.now() + 600_000), maxFailures: 3 });
    await fail();
    await fail();
    // Not paused: "resume" changes nothing, so one server cannot keep a dead shared feed from pausing for everyone.
    expect(await setSourcePaused(db.prisma, guildA, mod, a.id, false)).toMatchObject({ wasPaused: false });
    expect(await db.prisma.feed.findUniqueOrThrow({ where: { id: a.feedId } })).toMatchObject({ consecutiveFailures: 2 });
    expect(await fail()).toEqual({ consecutiveFailures: 3, paused: true });
  });

  it('starts a failing shared feed’s failure streak afresh when another server adds it', async () => {
    const url = 'https://failing.example/feed';
    const first = await addSource(db.prisma, { guildId: guildA, actorId: mod, url, kind: 'feed', channelId: '300000000000000006', intervalMinutes: 15 });
    const fail = () => recordFetchFailure(db.prisma, first.feedId, new Date(), { message: 'The server answered 500 Internal Server Error.', nextFetchAt: new Date(), maxFailures: 6 });
    for (let i = 0; i < 5; i++) await fail();
    await addSource(db.prisma, { guildId: guildB, actorId: mod, url, kind: 'feed', channelId: '300000000000000007', intervalMinutes: 15 });
    expect(await fail()).toEqual({ consecutiveFailures: 1, paused: false });
    expect(await db.prisma.source.count({ where: { feedId: first.feedId, paused: true } })).toBe(0);
  });

  it('never hands a feed a poll holds to a second poll when its next fetch is moved, and fetches it again right after', async () => {
    const url = 'https://claimed.example/feed';
    const a = await addSource(db.prisma, { guildId: guildA, actorId: mod, url, kind: 'feed', channelId: '300000000000000010', intervalMinutes: 30 });
    const b = await addSource(db.prisma, { guildId: guildB, actorId: mod, url, kind: 'feed', channelId: '300000000000000011', intervalMinutes: 30 });
    await setSourcePaused(db.prisma, guildB, mod, b.id, true);
    const soon = () => new Date(Date.now() + 1000);
    // A poll claims the feed; the ingest lets go of the claim it was handed (claimEnd), as the scheduler does.
    const claim = async (at: Date, leaseMs = 10 * 60_000) => {
      expect(await claimDueFeeds(db.prisma, at, 50, leaseMs)).toContain(a.feedId);
      return claimEnd(at, leaseMs);
    };
    let held = await claim(soon());
    // While the poll runs: a resume, a new follower and a shorter interval each ask for a fetch now.
    await setSourcePaused(db.prisma, guildB, mod, b.id, false);
    expect(await claimDueFeeds(db.prisma, soon(), 50, 10 * 60_000)).not.toContain(a.feedId);
    await addSource(db.prisma, { guildId: '100000000000000003', actorId: mod, url, kind: 'feed', channelId: '300000000000000012', intervalMinutes: 30 });
    expect(await claimDueFeeds(db.prisma, soon(), 50, 10 * 60_000)).not.toContain(a.feedId);
    await editSource(db.prisma, { guildId: guildA, actorId: mod, sourceId: a.id, changes: { intervalMinutes: 5 } });
    expect(await claimDueFeeds(db.prisma, soon(), 50, 10 * 60_000)).not.toContain(a.feedId);
    // The poll ends: the fetch asked for meanwhile comes next, at once, not at the poll's own next time.
    await recordFetchSuccess(db.prisma, a.feedId, new Date(), { nextFetchAt: new Date(Date.now() + 30 * 60_000), claim: held });
    held = await claim(soon());
    // A poll nobody asked anything of meanwhile sets the next fetch it found, failing or not; no claim is left.
    await recordFetchFailure(db.prisma, a.feedId, new Date(), { message: 'The server answered 500.', nextFetchAt: new Date(Date.now() + 20 * 60_000), maxFailures: 9, claim: held });
    expect(await claimDueFeeds(db.prisma, soon(), 50, 10 * 60_000)).not.toContain(a.feedId);
    held = await claim(new Date(Date.now() + 21 * 60_000));
    await recordFetchSuccess(db.prisma, a.feedId, new Date(), { nextFetchAt: new Date(Date.now() + 5 * 60_000), claim: held });
    expect(await db.prisma.feed.findUniqueOrThrow({ where: { id: a.feedId } })).toMatchObject({ claimedUntil: null });
    // A claim whose poll died lapses: the feed is handed out again then.
    expect(await claimDueFeeds(db.prisma, new Date(Date.now() + 6 * 60_000), 50, 60_000)).toContain(a.feedId);
    expect(await claimDueFeeds(db.prisma, new Date(Date.now() + 6 * 60_000 + 61_000), 50, 60_000)).toContain(a.feedId);
  });

  it('lets a poll’s claim go only when that poll is done: not when a fetch outside it, or an older poll, finishes first', async () => {
    const a = await addSource(db.prisma, { guildId: guildA, actorId: mod, url: 'https://own-claim.example/feed', kind: 'feed', channelId: '300000000000000013', intervalMinutes: 30 });
    const at = new Date(Date.now() + 1000);
    expect(await claimDueFeeds(db.prisma, at, 50, 10 * 60_000)).toContain(a.feedId);
    const claimed = claimEnd(at, 10 * 60_000);
    // /source add's own first fetch (no claim) ends while the poll still reads the feed: the poll keeps it.
    await recordFetchSuccess(db.prisma, a.feedId, new Date(), { nextFetchAt: new Date(Date.now() - 1000) });
    expect(await db.prisma.feed.findUniqueOrThrow({ where: { id: a.feedId } })).toMatchObject({ claimedUntil: claimed });
    expect(await claimDueFeeds(db.prisma, new Date(Date.now() + 2000), 50, 10 * 60_000)).not.toContain(a.feedId);
    // A poll whose claim lapsed, the feed taken by the next, lets go of nothing either.
    await recordFetchFailure(db.prisma, a.feedId, new Date(), { message: 'The server answered 500.', nextFetchAt: new Date(), maxFailures: 9, claim: new Date(claimed.getTime() - 60_000) });
    expect(await db.prisma.feed.findUniqueOrThrow({ where: { id: a.feedId } })).toMatchObject({ claimedUntil: claimed });
    // The poll itself ends: its claim goes.
    await recordFetchSuccess(db.prisma, a.feedId, new Date(), { nextFetchAt: new Date(Date.now() + 30 * 60_000), claim: claimed });
    expect(await db.prisma.feed.findUniqueOrThrow({ where: { id: a.feedId } })).toMatchObject({ claimedUntil: null });
  });

  it('holds a new feed back from the scheduler while the moderator’s own first fetch runs', async () => {
    const s = await addSource(db.prisma, { guildId: guildB, actorId: mod, url: 'https://held.example/feed', kind: 'feed', channelId: '300000000000000005', intervalMinutes: 15, readFirst: { claimMs: 10 * 60_000 } });
    expect(await claimDueFeeds(db.prisma, new Date(Date.now() + 1000), 50, 60_000)).not.toContain(s.feedId);
    expect(await claimDueFeeds(db.prisma, new Date(Date.now() + 11 * 60_000), 50, 60_000)).toContain(s.feedId);
  });

  it('gives /source add’s first read the feed’s claim, unless a poll holds it: then the feed is due right after that poll', async () => {
    const base = { actorId: mod, url: 'https://added-while-polled.example/feed', kind: 'feed' as const, intervalMinutes: 30 };
    const lease = 10 * 60_000;
    const a = await addSource(db.prisma, { ...base, guildId: guildA, channelId: '300000000000000031' });
    const at = new Date(Date.now() + 1000);
    expect(await claimDueFeeds(db.prisma, at, 50, lease)).toContain(a.feedId);
    // Another server adds the feed while the poll reads it: no claim, the poll keeps the feed.
    const b = await addSource(db.prisma, { ...base, guildId: guildB, channelId: '300000000000000032', readFirst: { claimMs: lease } });
    expect(b.claim).toBeUndefined();
    expect(await db.prisma.feed.findUniqueOrThrow({ where: { id: a.feedId } })).toMatchObject({ claimedUntil: claimEnd(at, lease) });
    // The poll ends: the feed is due at once (the read that posts the backfill), not at the poll's next time.
    await recordFetchSuccess(db.prisma, a.feedId, new Date(), { nextFetchAt: new Date(Date.now() + 30 * 60_000), claim: claimEnd(at, lease) });
    const next = new Date(Date.now() + 1000);
    expect(await claimDueFeeds(db.prisma, next, 50, lease)).toContain(a.feedId);
    await recordFetchSuccess(db.prisma, a.feedId, new Date(), { nextFetchAt: new Date(Date.now() + 30 * 60_000), claim: claimEnd(next, lease) });
    // Added while no poll holds it, the add's read takes the claim: no poll takes the feed beside it, though another
    // follower asks for a fetch now; its read lets go of the claim, and that fetch comes next.
    const c = await addSource(db.prisma, { ...base, guildId: '100000000000000003', channelId: '300000000000000033', readFirst: { claimMs: lease } });
    expect(c.claim).toBeDefined();
    expect(await db.prisma.feed.findUniqueOrThrow({ where: { id: a.feedId } })).toMatchObject({ claimedUntil: c.claim });
    await addSource(db.prisma, { ...base, guildId: '100000000000000004', channelId: '300000000000000034' });
    expect(await claimDueFeeds(db.prisma, new Date(Date.now() + 1000), 50, lease)).not.toContain(a.feedId);
    await recordFetchSuccess(db.prisma, a.feedId, new Date(), { nextFetchAt: new Date(Date.now() + 30 * 60_000), claim: c.claim });
    expect(await claimDueFeeds(db.prisma, new Date(Date.now() + 1000), 50, lease)).toContain(a.feedId);
  });

  it('only lets a guild remove its own sources', async () => {
    const s = await addSource(db.prisma, { guildId: guildA, actorId: mod, url: 'https://mine.example/feed', kind: 'feed', channelId: '300000000000000004', intervalMinutes: 15 });
    await expect(removeSource(db.prisma, guildB, mod, s.id)).rejects.toMatchObject({ code: 'not-found' });
    await removeSource(db.prisma, guildA, mod, s.id);
    expect(await db.prisma.source.findUnique({ where: { id: s.id } })).toBeNull();
  });
  it('counts as posting trouble only the recent posts Discord refused, not merged, withdrawn or deleted ones', async () => {
    const channelId = '300000000000000021';
    const s = await addSource(db.prisma, { guildId: guildA, actorId: mod, url: 'https://posting.example/feed', kind: 'feed', channelId, intervalMinutes: 15 });
    await db.prisma.guild.upsert({ where: { id: guildA }, create: { id: guildA }, update: {} });
    const story = async (seen = true) => {
      const stored = await storeArticle(db.prisma, articleFixture(), newStory, { now: new Date(), windowHours: 72 });
      if (stored.status !== 'stored') throw new Error('not stored');
      if (seen) await db.prisma.guildStory.create({ data: { guildId: guildA, storyId: stored.storyId, createdAt: new Date() } });
      return stored.storyId;
    };
    const failed = async (storyId: number, lastError: string, extra: { messageId?: string; updatedAt?: Date } = {}) =>
      db.prisma.delivery.create({ data: { storyId, guildId: guildA, channelId, nonce: `f-${storyId}`, status: 'failed', lastError, ...extra } });
    const listed = async () => (await listSources(db.prisma, guildA)).find((x) => x.id === s.id)!;

    const kept = await story();
    const merged = await story();
    await db.prisma.story.update({ where: { id: merged }, data: { mergedIntoId: kept } });
    await failed(merged, `Merged into story #${kept}, which has its own post in this channel.`);
    await failed(await story(false), 'The story is no longer in this server.');
    await failed(await story(), 'The post in <#1> was deleted.', { messageId: '400000000000000021' });
    await failed(await story(), 'Gazette lacks permission to post in <#1> (Missing Permissions)', { updatedAt: new Date(Date.now() - 8 * 86_400_000) });
    expect(await listed()).toMatchObject({ failedDeliveries: 0, lastDeliveryError: null });

    await failed(await story(), 'Gazette cannot see <#1> (Missing Access): give it View Channel there.');
    expect(await listed()).toMatchObject({ failedDeliveries: 1, lastDeliveryError: 'Gazette cannot see <#1> (Missing Access): give it View Channel there.' });

    // Posts waiting after a failed attempt are shown apart: not lost, and the moderator may end the wait.
    expect(await listed()).toMatchObject({ waitingDeliveries: 0, waitingReason: null });
    const waiting = 'Gazette lacks Send Messages in <#1>: its posts there wait until it has it (for a day at most).';
    for (const lastError of [null, waiting]) {
      const storyId = await story();
      await db.prisma.delivery.create({ data: { storyId, guildId: guildA, channelId, nonce: `w-${storyId}`, attempts: lastError ? 3 : 0, lastError } });
    }
    expect(await listed()).toMatchObject({ failedDeliveries: 1, waitingDeliveries: 1, waitingReason: waiting });
  });
});
