// Source alerts (issue 11, ADR 15): when a source is quiet for longer than its own history makes usual, and which
// pauses and recoveries are told — each claimed once, a problem at most once a day per source.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client.js';
import { recordFetchFailure } from '../../../src/db/feeds.js';
import { claimSourceAlerts, recordSourceAlertSent, sourceAlertLeaseMs, staleness, type SourceAlert } from '../../../src/db/source-alerts.js';
import { sourceAlertText } from '../../../src/discord/source-alerts.js';
import { createTestDatabase } from '../../helpers/db.js';

const hour = 3_600_000;
const day = 24 * hour;
const guild = '100000000000000081';
const quietGuild = '100000000000000082';
const logChannel = '300000000000000080';

/** `count` article times ending `silence` before `now`, `gaps` apart (cycled). */
function history(now: Date, silence: number, count: number, gaps: number[]): Date[] {
  const times = [new Date(now.getTime() - silence)];
  for (let i = 1; i < count; i++) times.unshift(new Date(times[0]!.getTime() - gaps[(i - 1) % gaps.length]!));
  return times;
}

describe('stale sources, from their history', () => {
  const now = new Date('2026-03-10T12:00:00Z');

  it('learns the usual gap (90th percentile) and allows three times it, never less than two days', () => {
    const sixHourly = history(now, 30 * hour, 20, [6 * hour]);
    expect(staleness(sixHourly, now)).toMatchObject({ usualGapMs: 6 * hour, thresholdMs: 2 * day, stale: false });
    expect(staleness(history(now, 49 * hour, 20, [6 * hour]), now)?.stale).toBe(true);
    // Daily, with one three-day gap in ten: the rare long gap is not what is usual.
    const daily = history(now, 2.5 * day, 11, [day, day, day, day, day, day, day, day, day, 3 * day]);
    expect(staleness(daily, now)).toMatchObject({ usualGapMs: day, thresholdMs: 3 * day, stale: false });
    expect(staleness(history(now, 3.5 * day, 11, [day]), now)?.stale).toBe(true);
    // Weekly: ten days of silence is nothing unusual; four weeks is.
    expect(staleness(history(now, 10 * day, 8, [7 * day]), now)).toMatchObject({ thresholdMs: 21 * day, stale: false });
    expect(staleness(history(now, 28 * day, 8, [7 * day]), now)?.stale).toBe(true);
    // Articles in any order; four articles are too few to know what is usual.
    expect(staleness([...sixHourly].reverse(), now)?.usualGapMs).toBe(6 * hour);
    expect(staleness(history(now, 90 * day, 4, [hour]), now)).toBeUndefined();
  });

  it('ignores articles stored together (a new source’s undated first fetch): no gap under a minute is usual', () => {
    const firstFetch = Array.from({ length: 30 }, (_, i) => new Date(now.getTime() - 4.1 * day + i * 20));
    const since = [new Date(now.getTime() - 3.1 * day), new Date(now.getTime() - 2.1 * day)];
    expect(staleness([...firstFetch, ...since], now)).toBeUndefined();
    // An alert claimed before, with such a gap, is not worded "no more than less than a minute apart".
    const claimed = { kind: 'stale', sourceId: 3, guildId: guild, logChannelId: logChannel, channelId: logChannel, url: 'https://x.example/news', title: 'X', reason: null, recoveredFrom: null, lastArticleAt: since[1]!, usualGapMs: 20, claimedAt: now, previousAlertAt: null } as const;
    expect(sourceAlertText(claimed, now)).toContain('usually come no more than 1 minute apart');
  });
});

describe('claiming source alerts', () => {
  let db: Database;
  let n = 0;

  async function source(guildId: string, articleTimes: Date[] = []) {
    n++;
    const feed = await db.prisma.feed.create({ data: { url: `https://alerts${n}.example/feed`, kind: 'feed', title: `Outlet ${n}`, lastSuccessAt: new Date() } });
    const created = await db.prisma.source.create({ data: { guildId, feedId: feed.id, channelId: `30000000000000010${n}` } });
    for (const [i, at] of articleTimes.entries()) {
      await db.prisma.article.create({
        data: { feedId: feed.id, url: `https://alerts${n}.example/${i}`, title: `Article ${i}`, sourceName: `Outlet ${n}`, text: 'Text.', summary: 'Text.', publishedAt: at, createdAt: at },
      });
    }
    return created;
  }
  /** Claims what is due and records each alert as sent, as the sender does once Discord took the message. */
  async function tell(at: Date, options: { stale: boolean }): Promise<SourceAlert[]> {
    const alerts = await claimSourceAlerts(db.prisma, at, options);
    for (const alert of alerts) await recordSourceAlertSent(db.prisma, alert);
    return alerts;
  }
  const fail = (feedId: number, at = new Date()) => recordFetchFailure(db.prisma, feedId, at, { message: 'The server answered 500.', nextFetchAt: at, maxFailures: 2 });

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.prisma.guild.create({ data: { id: guild, logChannelId: logChannel } });
    await db.prisma.guild.create({ data: { id: quietGuild } });
  });
  afterAll(() => db.close());

  it('tells a source quiet for longer than usual once, and that it publishes again when an article comes', async () => {
    const now = new Date();
    const frequent = await source(guild, history(now, 10 * day, 20, [6 * hour]));
    await source(guild, history(now, 10 * day, 8, [7 * day])); // weekly: ten days is usual
    await source(quietGuild, history(now, 10 * day, 20, [6 * hour])); // no log channel: nobody to tell
    const [stale, ...others] = await tell(now, { stale: true });
    expect(others).toEqual([]);
    expect(stale).toMatchObject({ kind: 'stale', sourceId: frequent.id, logChannelId: logChannel, usualGapMs: 6 * hour, lastArticleAt: new Date(now.getTime() - 10 * day) });
    expect(await tell(now, { stale: true })).toEqual([]);
    expect(await tell(new Date(now.getTime() + 3 * day), { stale: true })).toEqual([]); // still quiet: told already
    // Without the silence check, nothing is looked at but pauses and recoveries.
    await db.prisma.article.create({ data: { feedId: frequent.feedId, url: 'https://alerts-new.example/1', title: 'Back', sourceName: 'x', text: 'Text.', summary: 'Text.', createdAt: new Date(now.getTime() + 1000) } });
    const [recovered] = await tell(new Date(now.getTime() + 2000), { stale: false });
    expect(recovered).toMatchObject({ kind: 'recovered', recoveredFrom: 'stale', sourceId: frequent.id });
    expect(await db.prisma.source.findUniqueOrThrow({ where: { id: frequent.id } })).toMatchObject({ lastAlertKind: 'recovered' });
  });

  it('tells a source that paused itself once, its recovery, and a new pause no sooner than a day after', async () => {
    const s = await source(guild);
    const moderatorPaused = await source(guild);
    await db.prisma.source.update({ where: { id: moderatorPaused.id }, data: { paused: true, pausedReason: 'Paused by a moderator (<@1>).' } });
    await fail(s.feedId);
    expect(await tell(new Date(), { stale: false })).toEqual([]); // one failure is no pause
    await fail(s.feedId);
    const [paused, ...others] = await tell(new Date(), { stale: false });
    expect(others).toEqual([]);
    expect(paused).toMatchObject({ kind: 'paused', sourceId: s.id, url: `https://alerts${n - 1}.example/feed`, reason: expect.stringMatching(/^Paused after 2 failed fetches in a row\. Last error: The server answered 500\./) });
    expect(await tell(new Date(Date.now() + 2 * day), { stale: false })).toEqual([]); // told; still the same pause

    // A moderator resumes it, and it fails twice again: a new pause, but within a day of the last message.
    await db.prisma.source.update({ where: { id: s.id }, data: { paused: false, pausedReason: null } });
    await db.prisma.feed.update({ where: { id: s.feedId }, data: { consecutiveFailures: 0 } });
    await fail(s.feedId);
    await fail(s.feedId);
    expect(await tell(new Date(), { stale: false })).toEqual([]);
    expect(await tell(new Date(Date.now() + day + hour), { stale: false })).toMatchObject([{ kind: 'paused', sourceId: s.id }]);

    // Resumed, and the next fetch works: its recovery is told at once, whatever the hour.
    await db.prisma.source.update({ where: { id: s.id }, data: { paused: false, pausedReason: null } });
    await db.prisma.feed.update({ where: { id: s.feedId }, data: { consecutiveFailures: 0, lastSuccessAt: new Date(Date.now() + day + 2 * hour) } });
    expect(await tell(new Date(Date.now() + day + 3 * hour), { stale: false })).toMatchObject([{ kind: 'recovered', recoveredFrom: 'paused', sourceId: s.id }]);
    expect(await tell(new Date(Date.now() + day + 4 * hour), { stale: false })).toEqual([]);
  });

  it('claims an alert for a short lease only: unsent (the process died before posting), it is claimed again soon, with the same nonce key', async () => {
    const s = await source(guild);
    await fail(s.feedId);
    await fail(s.feedId);
    const at = new Date();
    const [first] = (await claimSourceAlerts(db.prisma, at, { stale: false })).filter((a) => a.sourceId === s.id);
    expect(first).toMatchObject({ kind: 'paused', sourceId: s.id });
    // Within the lease another process (or this one) leaves it alone; nothing is recorded as told yet.
    expect((await claimSourceAlerts(db.prisma, new Date(at.getTime() + 1000), { stale: false })).filter((a) => a.sourceId === s.id)).toEqual([]);
    expect(await db.prisma.source.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({ lastAlertAt: null, lastAlertKind: null });
    // The lease lapsed without a record: claimed again, minutes later rather than a day.
    const later = new Date(at.getTime() + sourceAlertLeaseMs + 1000);
    const [again] = (await claimSourceAlerts(db.prisma, later, { stale: false })).filter((a) => a.sourceId === s.id);
    expect(again).toMatchObject({ kind: 'paused', sourceId: s.id, previousAlertAt: null });
    await recordSourceAlertSent(db.prisma, again!);
    expect(await db.prisma.source.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({ lastAlertAt: later, lastAlertKind: 'paused' });
    // Recorded: told, and a late record of the first claim changes nothing.
    await recordSourceAlertSent(db.prisma, first!);
    expect(await db.prisma.source.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({ lastAlertAt: later });
    expect((await claimSourceAlerts(db.prisma, new Date(later.getTime() + sourceAlertLeaseMs + 1000), { stale: false })).filter((a) => a.sourceId === s.id)).toEqual([]);
  });

  it('tells a source one thing at a time: a recovery from a pause, not its silence in the same breath', async () => {
    const now = new Date(Date.now() + 20 * day);
    const s = await source(guild, history(now, 10 * day, 20, [6 * hour]));
    await db.prisma.source.update({ where: { id: s.id }, data: { lastAlertAt: new Date(now.getTime() - 2 * day), lastAlertKind: 'paused' } });
    await db.prisma.feed.update({ where: { id: s.feedId }, data: { lastSuccessAt: new Date(now.getTime() - hour) } });
    const told = (await tell(now, { stale: true })).filter((a) => a.sourceId === s.id);
    expect(told).toMatchObject([{ kind: 'recovered', recoveredFrom: 'paused' }]);
  });

  it('tells nothing about the sources of a server Gazette has left', async () => {
    const leftGuild = '100000000000000083';
    await db.prisma.guild.create({ data: { id: leftGuild, logChannelId: '300000000000000089', leftAt: new Date() } });
    const s = await source(leftGuild);
    await fail(s.feedId);
    await fail(s.feedId);
    expect((await tell(new Date(), { stale: true })).filter((a) => a.sourceId === s.id)).toEqual([]);
  });

  it('claims each alert once when two processes ask at the same time', async () => {
    const s = await source(guild);
    await fail(s.feedId);
    await fail(s.feedId);
    const [a, b] = await Promise.all([claimSourceAlerts(db.prisma, new Date(), { stale: false }), claimSourceAlerts(db.prisma, new Date(), { stale: false })]);
    expect([...a!, ...b!].filter((x) => x.sourceId === s.id)).toHaveLength(1);
  });
});
