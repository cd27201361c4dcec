// A post is drawn when the worker reads its claimed batch (src/discord/delivery/delivery-worker.ts) and sent a moment
// later; a change to its story in between must still reach it, as an edit once it is posted (src/db/outbox.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { claimDueEdits, claimDuePosts, markAttemptFailed, markPosted, requestStoryRefresh, settleEdits, staleClaimMs, takeOverMergedPost } from '../../../src/db/outbox.js';
import { createTestDatabase } from '../../helpers/db.js';
import { holdInAnotherTransaction } from '../../helpers/lock-queue.js';
import { articleFixture, newStory } from '../../helpers/fixtures.js';

const guild = '100000000000000071';
const now = new Date('2026-12-06T10:00:00Z');
const later = new Date(now.getTime() + 60_000);

describe('a story that changes while its post is being sent', () => {
  let db: Database;
  const pendingPost = async () => {
    await db.prisma.delivery.deleteMany();
    const stored = await storeArticle(db.prisma, articleFixture({ url: `https://refresh.example/${Math.random()}` }), newStory, { now, windowHours: 72 });
    if (stored.status !== 'stored') throw new Error('not stored');
    const d = await db.prisma.delivery.create({ data: { storyId: stored.storyId, guildId: guild, channelId: '300000000000000071', nonce: `n${stored.storyId}`, nextAttemptAt: now } });
    return { storyId: stored.storyId, id: d.id };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.prisma.guild.create({ data: { id: guild } });
  });
  afterAll(() => db.close());

  it('asks nothing of a post not yet claimed: it will be drawn as the story is', async () => {
    const { storyId } = await pendingPost();
    expect(await requestStoryRefresh(db.prisma, { storyIds: [storyId] }, now)).toEqual([]);
  });

  // A change not yet committed when a worker claims the post: drawn then, the post would show the story without it,
  // and nothing would ask for an edit (a vote's tally lost on it for good, found by a review on a PostgreSQL server).
  it('keeps a post not yet claimed from a worker until the change asking to refresh it commits', async () => {
    const { storyId, id } = await pendingPost();
    if (db.kind === 'postgres') {
      const release = await holdInAnotherTransaction(db, (tx) => requestStoryRefresh(tx, { storyIds: [storyId], guildId: guild }, now));
      expect(await claimDuePosts(db.prisma, 'worker', now)).toEqual([]);
      await release();
    } else await requestStoryRefresh(db.prisma, { storyIds: [storyId], guildId: guild }, now);
    // Committed: the worker takes it and draws the story as it is now; no edit is asked.
    expect((await claimDuePosts(db.prisma, 'worker', now)).map((d) => d.id)).toEqual([id]);
    expect(await db.prisma.delivery.findUniqueOrThrow({ where: { id } })).toMatchObject({ editDueAt: null });
  });

  it('edits the post after it is recorded when the change came while it was claimed', async () => {
    const { storyId, id } = await pendingPost();
    expect((await claimDuePosts(db.prisma, 'worker', now)).map((d) => d.id)).toEqual([id]);
    expect((await requestStoryRefresh(db.prisma, { storyIds: [storyId] }, now)).map((d) => d.id)).toEqual([id]);
    expect(await claimDueEdits(db.prisma, later)).toEqual([]); // not before it is posted
    await markPosted(db.prisma, [{ id, messageId: '400000000000000071', threadId: null, webhookId: null }]);
    expect((await claimDueEdits(db.prisma, later)).map((d) => d.id)).toEqual([id]);
  });

  it('drops the request when the attempt fails: the next attempt draws the story afresh', async () => {
    const { storyId, id } = await pendingPost();
    await claimDuePosts(db.prisma, 'worker', now);
    await requestStoryRefresh(db.prisma, { storyIds: [storyId] }, now);
    await markAttemptFailed(db.prisma, id, 'Discord is down', later);
    expect(await db.prisma.delivery.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'pending', editDueAt: null });
  });

  it('edits a post that was found again rather than made (it shows the story as it was), and only that one', async () => {
    const found = await pendingPost();
    const other = await storeArticle(db.prisma, articleFixture({ url: 'https://refresh.example/made-now' }), newStory, { now, windowHours: 72 });
    if (other.status !== 'stored') throw new Error('not stored');
    const made = await db.prisma.delivery.create({ data: { storyId: other.storyId, guildId: guild, channelId: '300000000000000071', nonce: 'n-made-now', nextAttemptAt: now } });
    await claimDuePosts(db.prisma, 'worker', now);
    await markPosted(db.prisma, [
      { id: found.id, messageId: '400000000000000073', threadId: null, webhookId: null, stale: true },
      { id: made.id, messageId: '400000000000000074', threadId: null, webhookId: null },
    ]);
    expect((await claimDueEdits(db.prisma, later)).map((d) => d.id)).toEqual([found.id]);
  });

  it('holds a claimed edit as long as a post’s claim (DELIVERY_CLAIM_TIMEOUT_MS), not a fixed minute', async () => {
    const { storyId, id } = await pendingPost();
    await claimDuePosts(db.prisma, 'worker', now);
    await markPosted(db.prisma, [{ id, messageId: '400000000000000075', threadId: null, webhookId: null }]);
    await requestStoryRefresh(db.prisma, { storyIds: [storyId] }, now);
    const fiveMinutes = 5 * 60_000;
    expect((await claimDueEdits(db.prisma, later, 20, undefined, fiveMinutes)).map((d) => d.id)).toContain(id);
    // Two minutes on, its batch still held up by rate limits: another process does not take it too.
    const twoMinutesOn = new Date(later.getTime() + 2 * 60_000);
    expect((await claimDueEdits(db.prisma, twoMinutesOn, 20, undefined, fiveMinutes)).map((d) => d.id)).not.toContain(id);
    expect((await claimDueEdits(db.prisma, new Date(later.getTime() + fiveMinutes + 1), 20, undefined, fiveMinutes)).map((d) => d.id)).toContain(id);
  });

  it('lets a claimed post that a merge already moved to the kept story be that story’s post', async () => {
    const { id } = await pendingPost();
    const into = await storeArticle(db.prisma, articleFixture({ url: 'https://refresh.example/kept' }), newStory, { now, windowHours: 72 });
    if (into.status !== 'stored') throw new Error('not stored');
    await claimDuePosts(db.prisma, 'worker', now);
    await db.prisma.delivery.update({ where: { id }, data: { storyId: into.storyId } }); // moved by the merge meanwhile
    expect(await takeOverMergedPost(db.prisma, { id, guildId: guild, channelId: '300000000000000071' }, into.storyId)).toBe(true);
    expect(await db.prisma.delivery.findUniqueOrThrow({ where: { id } })).toMatchObject({ storyId: into.storyId, status: 'pending' });
  });

  it('lets a merged post take the place of the kept story’s failed one in the channel, not of a post that was made', async () => {
    const channelId = '300000000000000071';
    const into = await storeArticle(db.prisma, articleFixture({ url: `https://refresh.example/kept-failed-${Math.random()}` }), newStory, { now, windowHours: 72 });
    if (into.status !== 'stored') throw new Error('not stored');
    const { id } = await pendingPost();
    // The kept story's post here was never made (Discord was down for a day): the channel has no post of it.
    const never = await db.prisma.delivery.create({ data: { storyId: into.storyId, guildId: guild, channelId, nonce: `never-${id}`, status: 'failed', lastError: 'Discord could not take this post' } });
    await claimDuePosts(db.prisma, 'worker', now);
    expect(await takeOverMergedPost(db.prisma, { id, guildId: guild, channelId }, into.storyId)).toBe(true);
    expect(await db.prisma.delivery.findUniqueOrThrow({ where: { id } })).toMatchObject({ storyId: into.storyId, status: 'pending' });
    expect(await db.prisma.delivery.findUnique({ where: { id: never.id } })).toBeNull();

    // Its post was made, then deleted by a moderator: that stands, and the merged story is not posted again.
    const second = await pendingPost();
    await db.prisma.delivery.create({ data: { storyId: into.storyId, guildId: guild, channelId, nonce: `deleted-${id}`, status: 'failed', messageId: '400000000000000079', lastError: 'The post in <#1> was deleted.' } });
    await claimDuePosts(db.prisma, 'worker', now);
    expect(await takeOverMergedPost(db.prisma, { id: second.id, guildId: guild, channelId }, into.storyId)).toBe(false);
    expect(await db.prisma.delivery.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ status: 'failed' });
  });

  it('keeps a made post a post when its edit is refused for good, and fails one whose message is gone', async () => {
    const { id } = await pendingPost();
    await claimDuePosts(db.prisma, 'worker', now);
    await markPosted(db.prisma, [{ id, messageId: '400000000000000075', threadId: null, webhookId: null }]);
    await markAttemptFailed(db.prisma, id, 'Gazette lacks permission to post in <#1> (Missing Permissions)', null, true);
    expect(await db.prisma.delivery.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'posted', editDueAt: null, lastError: expect.stringMatching(/Missing Permissions/) });
    await markAttemptFailed(db.prisma, id, 'The post in <#1> was deleted.', null);
    expect(await db.prisma.delivery.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'failed' });
  });

  describe('an edit claimed by a worker', () => {
    const postedWithEditDue = async () => {
      const { storyId, id } = await pendingPost();
      await claimDuePosts(db.prisma, 'worker', now);
      await markPosted(db.prisma, [{ id, messageId: '400000000000000072', threadId: null, webhookId: null }]);
      await requestStoryRefresh(db.prisma, { storyIds: [storyId] }, now);
      return { storyId, id };
    };
    const afterClaim = (claim: Date, ms: number) => new Date(claim.getTime() + ms);

    it('falls due again when its worker never finishes it (a crash, or the stories could not be read)', async () => {
      const { id } = await postedWithEditDue();
      const [claimed] = await claimDueEdits(db.prisma, now);
      expect(claimed?.id).toBe(id);
      expect(await claimDueEdits(db.prisma, afterClaim(now, staleClaimMs - 1))).toEqual([]); // not twice at once
      expect((await claimDueEdits(db.prisma, afterClaim(now, staleClaimMs))).map((d) => d.id)).toEqual([id]);
    });

    it('is done once finished, unless the story changed while it was being made', async () => {
      const quiet = await postedWithEditDue();
      const [a] = await claimDueEdits(db.prisma, now);
      await settleEdits(db.prisma, [{ ...a!, retryAt: null }]);
      expect(await db.prisma.delivery.findUniqueOrThrow({ where: { id: quiet.id } })).toMatchObject({ editDueAt: null });

      const busy = await postedWithEditDue();
      const [b] = await claimDueEdits(db.prisma, now);
      const changedAt = new Date(now.getTime() + 1_000);
      await requestStoryRefresh(db.prisma, { storyIds: [busy.storyId] }, changedAt);
      await settleEdits(db.prisma, [{ ...b!, retryAt: null }]);
      expect((await claimDueEdits(db.prisma, changedAt)).map((d) => d.id)).toEqual([busy.id]);
    });

    it('is made once more when a slower process finished it after another had taken it over and finished', async () => {
      const { id } = await postedWithEditDue();
      const [slow] = await claimDueEdits(db.prisma, now);
      const [fast] = await claimDueEdits(db.prisma, afterClaim(now, staleClaimMs));
      expect(fast?.id).toBe(id);
      await settleEdits(db.prisma, [{ ...fast!, retryAt: null }]);
      // The slow edit, drawn before the fast one, may have reached Discord after it: the post is edited again.
      const settledAt = afterClaim(now, staleClaimMs + 5_000);
      await settleEdits(db.prisma, [{ ...slow!, retryAt: null }], settledAt);
      expect((await claimDueEdits(db.prisma, settledAt)).map((d) => d.id)).toEqual([id]);
    });

    it('is due again at its retry time when it is to be tried again, not only when the claim runs out', async () => {
      const { id } = await postedWithEditDue();
      const [c] = await claimDueEdits(db.prisma, now);
      const retryAt = new Date(now.getTime() + 5_000);
      await settleEdits(db.prisma, [{ ...c!, retryAt }]);
      expect(await claimDueEdits(db.prisma, new Date(retryAt.getTime() - 1))).toEqual([]);
      expect((await claimDueEdits(db.prisma, retryAt)).map((d) => d.id)).toEqual([id]);
    });

    it('waits its whole back-off after a failure, however much longer than a claim', async () => {
      const { id, storyId } = await postedWithEditDue();
      const [c] = await claimDueEdits(db.prisma, now);
      const retryAt = new Date(now.getTime() + 5 * staleClaimMs);
      await settleEdits(db.prisma, [{ ...c!, retryAt, failed: true }]);
      expect(await claimDueEdits(db.prisma, afterClaim(now, staleClaimMs))).toEqual([]);
      expect((await claimDueEdits(db.prisma, new Date(retryAt.getTime() - 1))).map((d) => d.id)).toEqual([]);
      // A new request for an edit during the wait still brings it forward.
      const changedAt = afterClaim(now, 2 * staleClaimMs);
      await requestStoryRefresh(db.prisma, { storyIds: [storyId] }, changedAt);
      expect((await claimDueEdits(db.prisma, changedAt)).map((d) => d.id)).toEqual([id]);
    });
  });
});
