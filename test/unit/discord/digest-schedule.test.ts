// When a digest is due and what `/config digest` says comes next, from the settings and the past runs alone.
import { describe, expect, it } from 'vitest';
import { digestDecision, digestPeriod, runStamp, type DigestRunRecord, type DigestSettings } from '../../../src/discord/digest-schedule.js';
import { nextDigestWords } from '../../../src/discord/render/moderation-config.js';

const daily: DigestSettings = { timezone: 'UTC', digestFrequency: 'daily', digestTime: '08:00' };
const run = (period: string, iso: string, posted = true): DigestRunRecord => ({ period, createdAt: new Date(iso), messageId: posted ? '900000000000000001' : null, error: null });

describe('the reply to /config digest', () => {
  it('says when a digest whose time has passed goes out at once, or that today’s is already posted', () => {
    expect(nextDigestWords(daily, new Date('2026-03-02T07:00:00Z'), [])).toBe('');
    expect(nextDigestWords(daily, new Date('2026-03-02T10:00:00Z'), [])).toBe(' This day’s goes out within a minute.');
    expect(nextDigestWords(daily, new Date('2026-03-02T10:00:00Z'), [run('2026-03-02', '2026-03-02T08:00:00Z')])).toBe(' One goes out per day by the server’s clock, and this day’s is done: the next one is tomorrow.');
  });

  it('says a period is done once a digest went out in it by the server’s clock, whatever the settings then', () => {
    // New York's digest of 3 May, posted at 02:00 on 4 May by Kiritimati's clock: that day has had its digest.
    const newYorkPost = run('2026-05-03', '2026-05-03T12:00:00Z');
    const kiritimati: DigestSettings = { ...daily, timezone: 'Pacific/Kiritimati' };
    expect(nextDigestWords(kiritimati, new Date('2026-05-03T18:00:00Z'), [newYorkPost])).toBe(' One goes out per day by the server’s clock, and this day’s is done: the next one is tomorrow.');
    expect(nextDigestWords(kiritimati, new Date('2026-05-04T00:00:00Z'), [newYorkPost])).toBe(' One goes out per day by the server’s clock, and this day’s is done: the next one is tomorrow.');
    // Tokyo's digest of 2 May went out on New York's 1 May: New York's 2 May still gets one, under a second key.
    const tokyoPost = run('2026-05-02', '2026-05-01T23:00:00Z');
    const newYork: DigestSettings = { ...daily, timezone: 'America/New_York' };
    expect(nextDigestWords(newYork, new Date('2026-05-02T12:00:00Z'), [tokyoPost])).toBe(' This day’s goes out within a minute.');
    expect(digestDecision(newYork, new Date('2026-05-02T12:00:00Z'), [tokyoPost])).toEqual({ state: 'due', period: '2026-05-02 America/New_York' });
    expect(digestDecision(newYork, new Date('2026-05-02T13:00:00Z'), [run('2026-05-02 America/New_York', '2026-05-02T12:00:00Z'), tokyoPost])).toEqual({ state: 'done' });
    // ... and New York's 1 May, which had Tokyo's at 19:00, none more.
    expect(digestDecision(newYork, new Date('2026-05-02T00:00:00Z'), [tokyoPost, run('2026-05-01', '2026-04-30T23:00:00Z')])).toEqual({ state: 'done' });
  });

  it('never posts a second digest in a day or week because its time moved', () => {
    // Posted at 08:00; at 10:00 the time moves to 08:30: done all day, not again at 20:00.
    const later: DigestSettings = { ...daily, digestTime: '08:30' };
    const posted = [run('2026-05-06', '2026-05-06T08:00:00Z')];
    for (const at of ['2026-05-06T10:00:00Z', '2026-05-06T20:01:00Z', '2026-05-06T23:59:00Z']) expect(digestDecision(later, new Date(at), posted)).toEqual({ state: 'done' });
    expect(digestDecision(later, new Date('2026-05-07T08:30:00Z'), posted)).toEqual({ state: 'due', period: '2026-05-07' });
    // Weekly, posted Monday 08:00; on Wednesday the time moves to 08:30, or earlier to 07:00.
    const weekly = [run('week-of-2026-05-04', '2026-05-04T08:00:00Z')];
    for (const digestTime of ['08:30', '07:00']) {
      const settings: DigestSettings = { ...daily, digestFrequency: 'weekly', digestTime };
      expect(nextDigestWords(settings, new Date('2026-05-06T10:00:00Z'), weekly)).toBe(' One goes out per week by the server’s clock, and this week’s is done: the next one is next Monday.');
      expect(digestDecision(settings, new Date('2026-05-10T23:59:00Z'), weekly)).toEqual({ state: 'done' });
    }
  });
});

describe('digest periods', () => {
  it('stamp a run inside the period it was claimed for, and a time before the round as it is', () => {
    const round = new Date('2026-05-01T23:59:00Z');
    expect(runStamp(daily, new Date('2026-05-01T23:59:40Z'), round)).toEqual(new Date('2026-05-01T23:59:40Z'));
    expect(runStamp(daily, new Date('2026-05-02T00:00:20Z'), round)).toEqual(new Date('2026-05-01T23:59:59Z'));
    // In Tbilisi (UTC+4) the day ends at 20:00 UTC.
    expect(runStamp({ ...daily, timezone: 'Asia/Tbilisi' }, new Date('2026-05-01T20:03:00Z'), new Date('2026-05-01T19:58:00Z'))).toEqual(new Date('2026-05-01T19:59:59Z'));
    // A digest found posted before the round (after a restart) keeps its own time, whatever day that was.
    expect(runStamp(daily, new Date('2026-04-30T08:00:03Z'), round)).toEqual(new Date('2026-04-30T08:00:03Z'));
  });

  it('keep a weekly digest missed on Monday due until the week ends, in the server’s zone', () => {
    const weekly: DigestSettings = { timezone: 'Asia/Tokyo', digestFrequency: 'weekly', digestTime: '23:30' };
    // Monday 4 May 2026, 23:00 in Tokyo: not yet.
    expect(digestPeriod(weekly, new Date('2026-05-04T14:00:00Z'))).toEqual({ period: 'week-of-2026-05-04', due: false });
    // The bot was down over Monday's 23:30: due on its return on Tuesday, and on Sunday still, for the same week.
    expect(digestPeriod(weekly, new Date('2026-05-04T16:00:00Z'))).toEqual({ period: 'week-of-2026-05-04', due: true });
    expect(digestPeriod(weekly, new Date('2026-05-10T14:00:00Z'))).toEqual({ period: 'week-of-2026-05-04', due: true });
    // Across a month's end.
    expect(digestPeriod(weekly, new Date('2026-06-02T03:00:00Z'))).toEqual({ period: 'week-of-2026-06-01', due: true });
    expect(digestPeriod(weekly, new Date('2026-05-31T03:00:00Z'))).toEqual({ period: 'week-of-2026-05-25', due: true });
  });
});
