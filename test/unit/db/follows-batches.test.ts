// Alert batches (src/db/alerts.ts): a member is due once their interval has passed; claiming takes the slot (a
// second claimer gets nothing), the alerts stay until finished, so a crash between sending and finishing repeats
// them once and loses none; a story owed through two servers is claimed and finished with both; a batch that shows
// nothing drops only what it claimed; a passing failure gives the slot back; closed DMs stop everything for the member.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { claimAlertBatch, closeAlerts, dropAlertBatch, dueAlertMembers, finishAlerts, releaseAlertBatch, type DueMember } from '../../../src/db/alerts.js';
import type { Database } from '../../../src/db/client.js';
import { reopenAlerts, updateAlertSettings } from '../../../src/db/follows.js';
import { createTestDatabase } from '../../helpers/db.js';

const guild = '100000000000000091';
const [alice, bob] = ['200000000000000091', '200000000000000092'];
const t0 = new Date('2026-12-01T10:00:00Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

describe('alert batches', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await db.prisma.pendingAlert.deleteMany();
    await db.prisma.memberAlerts.deleteMany();
  });

  const wait = (userId: string, storyId: number, at: Date) => db.prisma.pendingAlert.create({ data: { userId, guildId: guild, storyId, createdAt: at } });
  const due = async (at: Date) => (await dueAlertMembers(db.prisma, at, 10)).map((m) => m.userId);
  const member = async (userId: string, at: Date): Promise<DueMember> => (await dueAlertMembers(db.prisma, at, 10)).find((m) => m.userId === userId)!;

  it('lists members with alerts waiting, longest waiting first, with their settings (defaults without any)', async () => {
    await wait(bob, 1, minutes(0));
    await wait(alice, 2, minutes(1));
    await updateAlertSettings(db.prisma, alice, { timezone: 'Asia/Baku', quiet: { start: '23:00', end: '07:00' }, batchMinutes: 30 }, t0);
    expect(await dueAlertMembers(db.prisma, minutes(2), 10)).toEqual([
      { userId: bob, timezone: 'UTC', quietStart: null, quietEnd: null, batchMinutes: 60, lastDmAt: null, oldest: minutes(0) },
      { userId: alice, timezone: 'Asia/Baku', quietStart: '23:00', quietEnd: '07:00', batchMinutes: 30, lastDmAt: null, oldest: minutes(1) },
    ]);
  });

  it('reads due members a page at a time, so that members in their quiet hours keep no one else waiting', async () => {
    const members = Array.from({ length: 5 }, (_, i) => `20000000000000010${i}`);
    // Two wait since the same moment: the page boundary falls between them and neither is lost or read twice.
    for (const [i, userId] of members.entries()) await wait(userId, 10 + i, minutes(i === 2 ? 1 : i));
    const seen: string[] = [];
    let after: DueMember | undefined;
    for (let page = 0; page < 5; page++) {
      const due = await dueAlertMembers(db.prisma, minutes(10), 2, after);
      seen.push(...due.map((m) => m.userId));
      if (due.length < 2) break;
      after = due.at(-1);
    }
    expect(seen).toEqual([members[0], members[1], members[2], members[3], members[4]]);
  });

  it('gives one claimer the member’s next DM, and the member is due again only after their interval', async () => {
    await wait(alice, 1, minutes(0));
    await wait(alice, 2, minutes(1));
    const first = await member(alice, minutes(2));
    const batch = await claimAlertBatch(db.prisma, first, minutes(2));
    expect(batch?.alerts.map((a) => a.storyId)).toEqual([1, 2]);
    expect(await claimAlertBatch(db.prisma, first, minutes(2))).toBeNull(); // another process, same moment
    await finishAlerts(db.prisma, batch!);
    await wait(alice, 3, minutes(3)); // arrived while the DM was going out: kept for the next one
    expect(await due(minutes(61))).toEqual([]);
    expect(await due(minutes(62))).toEqual([alice]);
    const next = await claimAlertBatch(db.prisma, await member(alice, minutes(62)), minutes(62));
    expect(next?.alerts.map((a) => a.storyId)).toEqual([3]);
  });

  it('repeats the alerts of a DM sent but not finished (a crash) once, and loses none', async () => {
    await wait(alice, 1, minutes(0));
    const batch = await claimAlertBatch(db.prisma, await member(alice, minutes(1)), minutes(1));
    expect(batch?.alerts).toHaveLength(1);
    // The process died after sending: nothing was finished. The next DM, an interval later, carries them again.
    expect(await due(minutes(30))).toEqual([]);
    const again = await claimAlertBatch(db.prisma, await member(alice, minutes(61)), minutes(61));
    expect(again?.alerts).toEqual(batch!.alerts);
  });

  it('claims a story with every server it is owed through, past the batch’s size, and finishes it in all', async () => {
    const other = '100000000000000092';
    await wait(alice, 1, minutes(0));
    await db.prisma.pendingAlert.create({ data: { userId: alice, guildId: other, storyId: 1, createdAt: minutes(5) } }); // reached her second server later
    await wait(alice, 2, minutes(1));
    const batch = await claimAlertBatch(db.prisma, await member(alice, minutes(6)), minutes(6), 1);
    // One story's worth, through both servers: the DM can list it through either.
    expect(batch?.alerts).toEqual([
      { guildId: guild, storyId: 1 },
      { guildId: other, storyId: 1 },
    ]);
    await finishAlerts(db.prisma, batch!);
    expect(await db.prisma.pendingAlert.findMany({ where: { userId: alice }, select: { guildId: true, storyId: true } })).toEqual([{ guildId: guild, storyId: 2 }]);
  });

  it('drops only the alerts a batch that showed nothing claimed: a story owed since through another server stays', async () => {
    const other = '100000000000000092';
    await wait(alice, 1, minutes(0));
    const batch = await claimAlertBatch(db.prisma, await member(alice, minutes(1)), minutes(1));
    // While the batch was being built, another process's fan-out (or a merge) owed the story through her other server.
    await db.prisma.pendingAlert.create({ data: { userId: alice, guildId: other, storyId: 1, createdAt: minutes(1) } });
    // She had left the first server: nothing could be shown, nothing was sent.
    await dropAlertBatch(db.prisma, batch!);
    expect(await db.prisma.pendingAlert.findMany({ where: { userId: alice }, select: { guildId: true, storyId: true } })).toEqual([{ guildId: other, storyId: 1 }]);
    expect(await due(minutes(2))).toEqual([alice]); // the slot is given back
  });

  it('gives the slot back after a passing failure, so the member is tried again at once', async () => {
    await wait(alice, 1, minutes(0));
    const batch = await claimAlertBatch(db.prisma, await member(alice, minutes(1)), minutes(1));
    expect(await due(minutes(2))).toEqual([]);
    await releaseAlertBatch(db.prisma, batch!);
    expect(await due(minutes(2))).toEqual([alice]);
  });

  it('stops for a member whose DMs are closed, until they run /follow again', async () => {
    await wait(alice, 1, minutes(0));
    await claimAlertBatch(db.prisma, await member(alice, minutes(1)), minutes(1));
    await closeAlerts(db.prisma, alice);
    expect(await db.prisma.pendingAlert.count({ where: { userId: alice } })).toBe(0);
    await wait(alice, 2, minutes(100)); // queued by hand: matching skips closed members
    expect(await due(minutes(200))).toEqual([]);
    await reopenAlerts(db.prisma, alice, minutes(201));
    expect(await due(minutes(201))).toEqual([alice]);
  });
});
