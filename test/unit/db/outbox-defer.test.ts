// Posts to a channel whose message bucket is spent go back until it refills, in their order (src/db/outbox.ts
// deferChannels; the worker's side in test/e2e/channel-budgets.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { claimDuePosts, deferChannels, markAttemptFailed, renewPostClaim, spentChannelAt, type ClaimedDelivery } from '../../../src/db/outbox.js';
import { createTestDatabase } from '../../helpers/db.js';
import { articleFixture, newStory } from '../../helpers/fixtures.js';

const guild = '100000000000000081';
const [spentChannel, otherChannel] = ['300000000000000081', '300000000000000082'];
const now = new Date('2026-12-06T10:00:00Z');
const refill = new Date(now.getTime() + 3_000);

describe('putting a spent channel back', () => {
  let db: Database;
  const plan = async (channelId: string, n: number, at: Date) => {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      const stored = await storeArticle(db.prisma, articleFixture({ url: `https://defer.example/${channelId}/${at.getTime()}/${i}` }), newStory, { now: at, windowHours: 72 });
      if (stored.status !== 'stored') throw new Error('not stored');
      const d = await db.prisma.delivery.create({ data: { storyId: stored.storyId, guildId: guild, channelId, nonce: `d${stored.storyId}`, nextAttemptAt: at, createdAt: at } });
      ids.push(d.id);
    }
    return ids;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.prisma.guild.create({ data: { id: guild } });
  });
  afterAll(() => db.close());

  it("puts back the worker's rows uncounted and the channel's later posts, leaves other channels and other workers' rows", async () => {
    const first = await plan(spentChannel, 3, now);
    const other = await plan(otherChannel, 1, now);
    const claimed = await claimDuePosts(db.prisma, 'worker-a', now, 4);
    expect(claimed.map((c) => c.id).sort()).toEqual([...first, ...other].sort());
    const later = await plan(spentChannel, 2, new Date(now.getTime() + 1_000));
    const held = later[1]!;
    await db.prisma.delivery.update({ where: { id: held }, data: { claimedBy: 'worker-b', claimedAt: now } });

    // worker-a sent the first row of the spent channel; the other two were not sent.
    await deferChannels(db.prisma, [{ guildId: guild, channelId: spentChannel, ids: first.slice(1), since: now, until: refill }], 'worker-a');

    const rows = new Map((await db.prisma.delivery.findMany()).map((d) => [d.id, d]));
    for (const id of [...first.slice(1), later[0]!]) expect(rows.get(id)).toMatchObject({ nextAttemptAt: refill, claimedAt: null, claimedBy: null, attempts: 0 });
    expect(rows.get(first[0]!)).toMatchObject({ claimedBy: 'worker-a', attempts: 1 }); // sent: recorded by markPosted
    expect(rows.get(other[0]!)).toMatchObject({ claimedBy: 'worker-a', nextAttemptAt: now });
    expect(rows.get(held)).toMatchObject({ claimedBy: 'worker-b', nextAttemptAt: new Date(now.getTime() + 1_000) });
    // At the refill they come back in the order they were planned.
    const next = await claimDuePosts(db.prisma, 'worker-a', refill, 10);
    expect(next.map((c) => c.id)).toEqual([...first.slice(1), later[0]!]);
  });

  it('leaves a row of the batch that another process took over while the batch was slow', async () => {
    const t = new Date(now.getTime() + 3_600_000);
    const [row] = await plan(spentChannel, 1, t);
    await claimDuePosts(db.prisma, 'worker-a', t, 10);
    // worker-a's batch outlasted its claim: worker-c took the row over and is posting it.
    await db.prisma.delivery.update({ where: { id: row! }, data: { claimedBy: 'worker-c', claimedAt: new Date(t.getTime() + 61_000), attempts: 2 } });
    await deferChannels(db.prisma, [{ guildId: guild, channelId: spentChannel, ids: [row!], since: t, until: new Date(t.getTime() + 65_000) }], 'worker-a');
    await markAttemptFailed(db.prisma, row!, 'Discord answered 500', new Date(t.getTime() + 70_000), false, 'worker-a');
    expect(await db.prisma.delivery.findUniqueOrThrow({ where: { id: row! } })).toMatchObject({ claimedBy: 'worker-c', attempts: 2, lastError: null });
  });

  // A batch is claimed at once and sent one post after another: one outlasting the claim's time was taken over by
  // another process, and a post without a nonce (a webhook's, a forum's) was made by both.
  it('renews a claim just before its post only while it is still the worker’s own', async () => {
    await db.prisma.delivery.deleteMany();
    const t = new Date(now.getTime() + 7_200_000);
    const [id] = await plan(otherChannel, 1, t);
    expect((await claimDuePosts(db.prisma, 'worker-a', t, 1, 60_000)).map((c) => c.id)).toEqual([id]);
    expect(await renewPostClaim(db.prisma, id!, 'worker-a', new Date(t.getTime() + 30_000))).toBe(true);
    // Renewed, it is not taken over 60 s after the batch was claimed.
    expect(await claimDuePosts(db.prisma, 'worker-b', new Date(t.getTime() + 61_000), 1, 60_000)).toEqual([]);
    expect((await claimDuePosts(db.prisma, 'worker-b', new Date(t.getTime() + 91_000), 1, 60_000)).map((c) => c.id)).toEqual([id]);
    expect(await renewPostClaim(db.prisma, id!, 'worker-a', new Date(t.getTime() + 92_000))).toBe(false);
    expect(await renewPostClaim(db.prisma, id!, 'worker-b', new Date(t.getTime() + 92_000))).toBe(true);
  });
});

describe('the posts a spent channel puts back', () => {
  const row = (id: number, channelId: string, minutesAgo: number, uncertain = false): ClaimedDelivery => ({
    id,
    storyId: id,
    guildId: guild,
    channelId,
    nonce: `n${id}`,
    attempts: 1,
    uncertain,
    mentionRoleId: null,
    webhook: null,
    createdAt: new Date(now.getTime() - minutesAgo * 60_000),
  });

  it("takes the channel's rows from the spent one on, not those sent before it, other channels' or uncertain ones", () => {
    const batch = [row(1, spentChannel, 9), row(2, otherChannel, 8), row(3, spentChannel, 5), row(4, spentChannel, 7, true), row(5, spentChannel, 6)];
    expect(spentChannelAt(batch, batch[2]!, refill)).toEqual({ guildId: guild, channelId: spentChannel, ids: [3, 5], since: new Date(now.getTime() - 6 * 60_000), until: refill });
  });
});
