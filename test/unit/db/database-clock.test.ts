// The clock processes sharing a database agree on: the server's, told by a host clock that may be off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client.js';
import { databaseClock, keepClockInSync } from '../../../src/db/database-clock.js';
import { tryAcquireLease } from '../../../src/db/leases.js';
import { addSource } from '../../../src/db/sources.js';
import { pino } from 'pino';
import { createTestDatabase } from '../../helpers/db.js';

const minutes = (n: number) => n * 60_000;

describe('the database clock', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it("tells the server's time on a host whose clock is twenty minutes ahead", async () => {
    const clock = databaseClock(db.prisma, { hostNow: () => Date.now() + minutes(20) });
    expect(clock.offsetMs()).toBe(0);
    const offset = await clock.sync();
    // The test database and this process share one clock, so the server's time is Date.now().
    expect(Math.abs(offset + minutes(20))).toBeLessThan(1_000);
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1_000);
  });

  it('keeps the reading with the shortest round trip', async () => {
    // The first reading's answer "arrives" ten seconds late by the host clock: its middle would be five seconds off.
    let calls = 0;
    const clock = databaseClock(db.prisma, { hostNow: () => Date.now() + (calls++ === 1 ? 10_000 : 0) });
    const offset = await clock.sync();
    expect(calls).toBe(10);
    expect(Math.abs(offset)).toBeLessThan(1_000);
    // One reading alone is that late one.
    calls = 0;
    const once = await databaseClock(db.prisma, { hostNow: () => Date.now() + (calls++ === 1 ? 10_000 : 0), samples: 1 }).sync();
    expect(Math.abs(once + 5_000)).toBeLessThan(1_000);
  });

  it("says when the host's clock is a second or more off, and not when it is right", async () => {
    const warnings: { offsetMs?: number; msg: string }[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line) as (typeof warnings)[number]) });
    const off = await keepClockInSync(databaseClock(db.prisma, { hostNow: () => Date.now() - 90_000 }), logger);
    off.stop();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.msg).toMatch(/this host's clock is 90\.\d s behind the database server's/);
    expect(Math.abs(warnings[0]!.offsetMs! - 90_000)).toBeLessThan(1_000);
    const right = await keepClockInSync(databaseClock(db.prisma), logger);
    right.stop();
    expect(warnings).toHaveLength(1);
  });

  it("keeps another process's lease from a host whose clock runs ahead", async () => {
    const ttl = 15_000;
    expect(await tryAcquireLease(db.prisma, 'shard:7', 'process-a', ttl, new Date())).toBe(true);
    // Process B's host is a minute ahead: by its own clock A's lease looks expired, and it would take it.
    const hostB = () => Date.now() + minutes(1);
    const clockB = databaseClock(db.prisma, { hostNow: hostB });
    await clockB.sync();
    expect(await tryAcquireLease(db.prisma, 'shard:7', 'process-b', ttl, clockB.now())).toBe(false);
    expect(await tryAcquireLease(db.prisma, 'shard:7', 'process-b', ttl, new Date(hostB()))).toBe(true);
  });

  it("dates a source a moderator adds, its feed's next fetch and its first read's claim by the time it is given", async () => {
    await db.prisma.guild.create({ data: { id: '100000000000000131' } });
    const at = new Date(Date.now() - minutes(30));
    const source = await addSource(db.prisma, {
      guildId: '100000000000000131',
      actorId: '200000000000000131',
      url: 'https://clock.example/feed.xml',
      kind: 'feed',
      channelId: '300000000000000131',
      intervalMinutes: 15,
      readFirst: { claimMs: minutes(10) },
      now: at,
    });
    const feed = await db.prisma.feed.findUniqueOrThrow({ where: { id: source.feedId } });
    // A poll tells a new follower's first read by the source's date, against the feed's last read on this clock.
    expect(source.createdAt).toEqual(at);
    // Held for the first read from that time; due as it ends, should the read not finish.
    expect(source.claim?.getTime()).toBe(at.getTime() + minutes(10));
    expect(feed.claimedUntil).toEqual(source.claim);
    expect(feed.nextFetchAt).toEqual(source.claim);
  });
});
