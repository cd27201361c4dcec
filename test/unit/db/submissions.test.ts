// Moderators' decisions on member submissions (src/db/submissions.ts): an approval is claimed before its article is
// fetched, so a concurrent reject is refused; one the process never finished can be decided again after a while.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client.js';
import { ensureGuild } from '../../../src/db/guilds.js';
import { claimApproval, completeApproval, createSubmission, decideSubmission, isAbandonedApproval, releaseApproval } from '../../../src/db/submissions.js';
import { createTestDatabase } from '../../helpers/db.js';
import { queuedBehindLock } from '../../helpers/lock-queue.js';

const guild = '100000000000000095';
const [member, modA, modB] = ['200000000000000095', '200000000000000096', '200000000000000097'];
const t0 = new Date('2026-12-01T10:00:00Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

describe('submission decisions', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());
  const submit = (url: string) => createSubmission(db.prisma, { guildId: guild, userId: member, url, channelId: '300000000000000095' });

  it('refuses a reject while an approval is fetching, and gives a failed approval back', async () => {
    const s = await submit('https://news.example/a');
    await claimApproval(db.prisma, { guildId: guild, id: s.id, moderatorId: modA, now: t0 });
    await expect(decideSubmission(db.prisma, { guildId: guild, id: s.id, moderatorId: modB, approve: false, now: minutes(1) })).rejects.toMatchObject({ code: 'conflict' });
    await releaseApproval(db.prisma, s.id);
    expect(await db.prisma.submission.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({ status: 'pending', decidedById: null });
  });

  it('lets an approval the process never finished be decided again after ten minutes, not before', async () => {
    const s = await submit('https://news.example/b');
    await claimApproval(db.prisma, { guildId: guild, id: s.id, moderatorId: modA, now: t0 });
    const row = await db.prisma.submission.findUniqueOrThrow({ where: { id: s.id } });
    expect(isAbandonedApproval(row, minutes(5))).toBe(false);
    await expect(claimApproval(db.prisma, { guildId: guild, id: s.id, moderatorId: modB, now: minutes(5) })).rejects.toMatchObject({ code: 'conflict' });
    expect(isAbandonedApproval(row, minutes(11))).toBe(true);
    await claimApproval(db.prisma, { guildId: guild, id: s.id, moderatorId: modB, now: minutes(11) });
    await completeApproval(db.prisma, { guildId: guild, id: s.id, moderatorId: modB, storyId: 1 });
    expect(await db.prisma.submission.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({ status: 'approved', decidedById: modB, storyId: 1 });
    // Finished: no longer abandoned, so nobody can decide it again.
    await expect(decideSubmission(db.prisma, { guildId: guild, id: s.id, moderatorId: modA, approve: false, now: minutes(30) })).rejects.toMatchObject({ code: 'conflict' });
  });

  // Its review post deleted (or its channel), a pending submission could be decided by no one, and held its URL for good.
  it('lets a URL be shared again once its pending submission has waited two days', async () => {
    const url = 'https://news.example/forgotten';
    const old = await createSubmission(db.prisma, { guildId: guild, userId: member, url, channelId: '300000000000000095' }, t0);
    await expect(createSubmission(db.prisma, { guildId: guild, userId: member, url, channelId: '300000000000000095' }, minutes(47 * 60))).rejects.toMatchObject({ code: 'conflict' });
    const again = await createSubmission(db.prisma, { guildId: guild, userId: member, url, channelId: '300000000000000095' }, minutes(49 * 60));
    expect(await db.prisma.submission.findMany({ where: { url }, select: { id: true } })).toEqual([{ id: again.id }]);
    await expect(decideSubmission(db.prisma, { guildId: guild, id: old.id, moderatorId: modA, approve: true, now: minutes(50 * 60) })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('keeps one pending submission of a URL when a member submits it twice at once', async () => {
    await ensureGuild(db.prisma, guild);
    const url = 'https://news.example/twice';
    // Both have checked for a pending one when the first may insert (the row it references is held meanwhile).
    const [first, second] = await queuedBehindLock(db, (tx) => tx.$queryRaw`SELECT 1 FROM "Guild" WHERE id = ${guild} FOR UPDATE`, () => submit(url), () => submit(url));
    expect([first.status, second.status]).toEqual(['fulfilled', 'rejected']);
    expect(second.status === 'rejected' && second.reason).toMatchObject({ code: 'conflict' });
    expect(await db.prisma.submission.count({ where: { url, status: 'pending' } })).toBe(1);
  });

  it('stores a server on its first two actions at once', async () => {
    const fresh = '100000000000000096';
    const add = (url: string) => () => createSubmission(db.prisma, { guildId: fresh, userId: member, url, channelId: '300000000000000095' });
    // Another first action is inserting the server's row: these wait for it, then find it.
    const [first, second] = await queuedBehindLock(db, (tx) => tx.$executeRaw`INSERT INTO "Guild" (id, "updatedAt") VALUES (${fresh}, ${t0}::timestamp)`, add('https://news.example/c'), add('https://news.example/d'));
    expect([first.status, second.status, await ensureGuild(db.prisma, fresh)]).toEqual(['fulfilled', 'fulfilled', expect.objectContaining({ id: fresh, timezone: 'UTC' })]);
  });
});
