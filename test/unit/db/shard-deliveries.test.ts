// Processes that split the gateway shards (SHARD_IDS) leave each other's guilds' posts alone while the other is alive
// (src/db/outbox.ts, src/db/leases.ts): the process that runs a guild's shard has its channels cached, another would
// spend the token's rate limit fetching them. A process that stops or dies has its guilds' posts taken over.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { releaseShardLeases, renewShardLeases } from '../../../src/db/leases.js';
import { claimDuePosts } from '../../../src/db/outbox.js';
import { keepShardLeases } from '../../../src/scheduler/shard-leases.js';
import { createTestDatabase } from '../../helpers/db.js';
import { articleFixture, newStory } from '../../helpers/fixtures.js';

// Discord's formula: shard = (guild id >> 22) mod shard count.
const onShard0 = '100000000000000021';
const onShard1 = '100000000004194304';
const two = (own: number) => ({ count: 2, own: [own] });

describe('deliveries across processes that split the shards', () => {
  let db: Database;
  const now = new Date('2026-12-05T10:00:00Z');
  const pending = async () => {
    await db.prisma.delivery.deleteMany();
    const { storyId } = await storeArticle(db.prisma, articleFixture({ url: `https://shards.example/${Math.random()}` }), newStory, { now, windowHours: 72 });
    for (const guildId of [onShard0, onShard1]) {
      await db.prisma.delivery.create({ data: { storyId: storyId!, guildId, channelId: `3000${guildId.slice(-6)}`, nonce: `${storyId}-${guildId}`, nextAttemptAt: now } });
    }
  };
  const claimed = async (holder: string, share?: { count: number; own: number[] }) =>
    (await claimDuePosts(db.prisma, holder, now, 10, 60_000, share)).map((d) => d.guildId).sort();

  beforeAll(async () => {
    db = await createTestDatabase();
    for (const id of [onShard0, onShard1]) await db.prisma.guild.create({ data: { id } });
  });
  afterAll(() => db.close());

  it('leaves the guilds of a live process’s shards to it, and takes them over once its lease is gone', async () => {
    await pending();
    await renewShardLeases(db.prisma, [1], 'process-b', 15_000, now);
    expect(await claimed('process-a', two(0))).toEqual([onShard0]);
    expect(await claimed('process-a', two(0))).toEqual([]);
    // Its lease ran out (the process died): anyone's.
    const later = new Date(now.getTime() + 16_000);
    expect((await claimDuePosts(db.prisma, 'process-a', later, 10, 60_000, two(0))).map((d) => d.guildId)).toEqual([onShard1]);

    await pending();
    await renewShardLeases(db.prisma, [0], 'process-a', 15_000, now);
    await renewShardLeases(db.prisma, [1], 'process-b', 15_000, now);
    expect(await claimed('process-a', two(0))).toEqual([onShard0]);
    // A process that stops gives its leases up: its guilds' posts are taken over at once.
    await releaseShardLeases(db.prisma, 'process-b');
    expect(await claimed('process-a', two(0))).toEqual([onShard1]);
  });

  it('tells a process which of its shards another live process holds (SHARD_IDS given twice)', async () => {
    const at = new Date(now.getTime() + 3_600_000);
    expect(await renewShardLeases(db.prisma, [2, 3], 'process-c', 15_000, at)).toEqual([]);
    expect(await renewShardLeases(db.prisma, [3, 4], 'process-d', 15_000, at)).toEqual([3]);
    expect(await renewShardLeases(db.prisma, [2, 3], 'process-c', 15_000, at)).toEqual([]);
    // The process's keeper says so in its log, once.
    const warnings: { msg: string; shards?: number[] }[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line) as (typeof warnings)[number]) });
    const keeper = keepShardLeases({ prisma: db.prisma, shardIds: [3, 4], holder: 'process-d', logger, now: () => at });
    await expect.poll(() => warnings.length).toBe(1);
    expect(warnings[0]).toMatchObject({ shards: [3], msg: expect.stringMatching(/SHARD_IDS/) });
    await keeper.stop();
    await releaseShardLeases(db.prisma, 'process-c');
  });

  it('claims every guild when one process runs all the shards', async () => {
    await pending();
    await renewShardLeases(db.prisma, [1], 'process-b', 15_000, now);
    expect(await claimed('process-a')).toEqual([onShard0, onShard1]);
  });

  it('hands each claimed post its channel’s outlet webhook, if the channel has one', async () => {
    await pending();
    const channel = `3000${onShard0.slice(-6)}`;
    await db.prisma.channelWebhook.create({ data: { channelId: channel, guildId: onShard0, webhookId: '500000000000000001', token: 'secret' } });
    const rows = await claimDuePosts(db.prisma, 'process-a', now);
    expect(Object.fromEntries(rows.map((d) => [d.guildId, d.webhook]))).toEqual({
      [onShard0]: { channelId: channel, guildId: onShard0, webhookId: '500000000000000001', token: 'secret' },
      [onShard1]: null,
    });
    await db.prisma.channelWebhook.deleteMany();
  });
});
