// When a digest is due and what `/config digest` says comes next, from the settings and the past runs alone.
import { describe, expect, it } from 'vitest';
import { digestPeriod, type DigestRunRecord, type DigestSettings } from '../../../src/discord/digest-schedule.js';
import { nextDigestWords } from '../../../src/discord/render/moderation-config.js';

const daily: DigestSettings = { timezone: 'UTC', digestFrequency: 'daily', digestTime: '08:00' };
const run = (period: string, iso: string, posted = true): DigestRunRecord => ({ period, createdAt: new Date(iso), messageId: posted ? '900000000000000001' : null, error: null });

describe('the reply to /config digest', () => {
  it('says when a digest whose time has passed goes out at once, or that today’s is already posted', () => {
    expect(nextDigestWords(daily, new Date('2026-03-02T07:00:00Z'), [])).toBe('');
    expect(nextDigestWords(daily, new Date('2026-03-02T10:00:00Z'), [])).toBe(' This day’s goes out within a minute.');
    expect(nextDigestWords(daily, new Date('2026-03-02T10:00:00Z'), [run('2026-03-02', '2026-03-02T08:00:00Z')])).toBe(' This day’s is done: the next one is tomorrow.');
  });

  it('says when a digest posted under the old settings holds the next one back', () => {
    // New York's digest of 3 May, posted at 02:00 on 4 May by Kiritimati's clock: the 08:00 there waits.
    const newYorkPost = run('2026-05-03', '2026-05-03T12:00:00Z');
    const kiritimati: DigestSettings = { ...daily, timezone: 'Pacific/Kiritimati' };
    expect(nextDigestWords(kiritimati, new Date('2026-05-03T18:00:00Z'), [newYorkPost])).toBe(` The last one went out less than 12 hours ago: the next one <t:${Date.parse('2026-05-04T00:00:00Z') / 1000}:R>.`);
    // Tokyo's digest of 2 May does not close New York's 2 May.
    const tokyoPost = run('2026-05-02', '2026-05-01T23:00:00Z');
    expect(nextDigestWords({ ...daily, timezone: 'America/New_York' }, new Date('2026-05-02T12:00:00Z'), [tokyoPost])).toBe(' This day’s goes out within a minute.');
  });
});

describe('digest periods', () => {
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
