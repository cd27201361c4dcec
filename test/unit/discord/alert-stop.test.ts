// A stop asked during an alert round claims no more members' alerts and waits for the DM in flight within its grace:
// the round went on for up to 50 DMs, past a container's 10 s, and a DM cut off by the kill between its send and its
// record was sent again at the member's next batch (src/discord/alerts/alert-worker.ts).
import type { Client } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { createAlertWorker } from '../../../src/discord/alerts/alert-worker.js';
import { silentLogger } from '../../../src/logger.js';
import { createTestDatabase } from '../../helpers/db.js';
import { articleFixture, newStory } from '../../helpers/fixtures.js';

describe('an alert round asked to stop', () => {
  let db: Database;
  const guildId = '100000000000000077';
  const members = Array.from({ length: 12 }, (_, i) => String(300000000000000000n + BigInt(i)));
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.prisma.guild.create({ data: { id: guildId, followsEnabled: true } });
    const stored = await storeArticle(db.prisma, articleFixture({ title: 'Floods in Batumi', url: 'https://news.example/floods' }), newStory, { now: new Date(), windowHours: 72 });
    if (stored.status !== 'stored') throw new Error('not stored');
    await db.prisma.guildStory.create({ data: { guildId, storyId: stored.storyId } });
    for (const userId of members) {
      await db.prisma.follow.create({ data: { guildId, userId, kind: 'keyword', value: 'floods', firstWord: 'floods' } });
      await db.prisma.pendingAlert.create({ data: { userId, guildId, storyId: stored.storyId } });
    }
  });
  afterAll(() => db.close());

  it('sends no DM after the one in flight, and keeps the others’ alerts for the next start', async () => {
    const sent: number[] = [];
    const client = {
      guilds: { cache: new Map() },
      rest: { get: () => Promise.resolve({ name: 'Server' }) },
      // Each DM takes a while (opening the DM channel, Discord's limits on DMs).
      users: { send: async () => (await new Promise((resolve) => setTimeout(resolve, 200)), sent.push(Date.now())) },
    } as unknown as Client;
    const worker = createAlertWorker({ prisma: db.prisma, client, logger: silentLogger, regionsFor: () => Promise.resolve([]) });
    const round = worker.runOnce();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const asked = Date.now();
    await worker.stop(5_000);
    expect(Date.now() - asked).toBeLessThan(1_500);
    expect(sent.filter((t) => t >= asked).length).toBeLessThanOrEqual(1);
    await round;
    // Each member sent to has no alert left; the others keep theirs.
    expect(await db.prisma.pendingAlert.count()).toBe(members.length - sent.length);
    expect(sent.length).toBeLessThan(members.length);
  }, 30_000);
});
