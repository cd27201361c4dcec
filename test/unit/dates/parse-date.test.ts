import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../src/pipeline/dates/parse-date.js';
import { instantOf, wallClockAt } from '../../../src/pipeline/dates/zoned-time.js';
import type { DateContext } from '../../../src/pipeline/types.js';

const baku: DateContext = { fetchedAt: new Date('2025-07-11T08:00:00Z'), timezone: 'Asia/Baku', dayFirst: true };
const utc: DateContext = { ...baku, timezone: 'UTC' };
const iso = (d: Date | undefined) => d?.toISOString();

describe('parseDate', () => {
  it('reads day-first numeric dates as the day first', () => {
    expect(iso(parseDate('10-07-2025', utc))).toBe('2025-07-10T00:00:00.000Z');
    expect(iso(parseDate('time10-07-2025', utc))).toBe('2025-07-10T00:00:00.000Z');
    expect(iso(parseDate('24-06-2025', utc))).toBe('2025-06-24T00:00:00.000Z');
    expect(iso(parseDate('10.07.2025 14:30', utc))).toBe('2025-07-10T14:30:00.000Z');
  });

  it('reads month-first numeric dates when the source says so, and unambiguous ones either way', () => {
    const us = { ...utc, dayFirst: false };
    expect(iso(parseDate('07/10/2025', us))).toBe('2025-07-10T00:00:00.000Z');
    expect(iso(parseDate('24/06/2025', us))).toBe('2025-06-24T00:00:00.000Z');
    expect(iso(parseDate('06/24/2025', utc))).toBe('2025-06-24T00:00:00.000Z');
  });

  it('resolves "Yesterday, 09:20 AM" against the fetch time in the source timezone', () => {
    // 08:00 UTC on 11 July is 12:00 in Baku (UTC+4): yesterday is 10 July, 09:20 Baku = 05:20 UTC.
    expect(iso(parseDate('Yesterday, 09:20 AM', baku))).toBe('2025-07-10T05:20:00.000Z');
    expect(iso(parseDate('Today, 09:10 PM', utc))).toBe('2025-07-11T21:10:00.000Z');
    // Just after midnight in Baku it is already the 12th there while still the 11th in UTC.
    const lateNight = { ...baku, fetchedAt: new Date('2025-07-11T21:30:00Z') };
    expect(iso(parseDate('Yesterday, 09:20 AM', lateNight))).toBe('2025-07-11T05:20:00.000Z');
  });

  it('reads month names, with times and zones', () => {
    expect(iso(parseDate('July 10, 2025 9:20 PM', utc))).toBe('2025-07-10T21:20:00.000Z');
    expect(iso(parseDate('Published 10 July 2025, 09:20', baku))).toBe('2025-07-10T05:20:00.000Z');
    expect(iso(parseDate('10th of July 2025', utc))).toBe('2025-07-10T00:00:00.000Z');
    expect(iso(parseDate('10 июля 2025 г. в 12:00', { ...utc, timezone: 'Europe/Moscow' }))).toBe('2025-07-10T09:00:00.000Z');
    expect(iso(parseDate('10 juillet 2025 à 14h30', utc))).toBe('2025-07-10T14:30:00.000Z');
    expect(iso(parseDate('Jul 10 2025 10:00 +0300', utc))).toBe('2025-07-10T07:00:00.000Z');
  });

  it('reads ISO 8601 and RFC 822', () => {
    expect(iso(parseDate('2025-07-10T09:20:00+04:00', utc))).toBe('2025-07-10T05:20:00.000Z');
    expect(iso(parseDate('2025-07-10T09:20:00', baku))).toBe('2025-07-10T05:20:00.000Z');
    expect(iso(parseDate('Thu, 10 Jul 2025 09:20:00 GMT', baku))).toBe('2025-07-10T09:20:00.000Z');
    expect(iso(parseDate('Thu, 10 Jul 2025 09:20:00 +0400', utc))).toBe('2025-07-10T05:20:00.000Z');
  });

  it('reads an RFC 822 zone written short, after GMT, or by the regions’ own names, not as the source’s clock', () => {
    for (const zone of ['+03', '+3', '+03:00', 'GMT+3', 'UTC+03:00', 'EEST', 'TRT']) expect(iso(parseDate(`Thu, 10 Jul 2025 09:20:00 ${zone}`, baku))).toBe('2025-07-10T06:20:00.000Z');
    expect(iso(parseDate('Thu, 10 Jul 2025 09:20:00 IST', utc))).toBe('2025-07-10T03:50:00.000Z');
    expect(iso(parseDate('Thu, 10 Jul 2025 09:20:00 GMT-5', utc))).toBe('2025-07-10T14:20:00.000Z');
    // An hour past any zone's is none: the source's clock.
    expect(iso(parseDate('Thu, 10 Jul 2025 09:20:00 +17', baku))).toBe('2025-07-10T05:20:00.000Z');
  });

  it('reads "n units ago"', () => {
    expect(iso(parseDate('3 hours ago', utc))).toBe('2025-07-11T05:00:00.000Z');
    expect(iso(parseDate('an hour ago', utc))).toBe('2025-07-11T07:00:00.000Z');
  });

  it('refuses nonsense and dates in the future', () => {
    expect(parseDate('no date here', utc)).toBeUndefined();
    expect(parseDate('31-02-2025', utc)).toBeUndefined();
    expect(parseDate('10-07-2031', utc)).toBeUndefined();
    expect(parseDate('', utc)).toBeUndefined();
  });
});

describe('zoned time', () => {
  it('round-trips wall clocks across a DST change', () => {
    const wall = { year: 2025, month: 3, day: 30, hour: 3, minute: 30, second: 0 };
    const instant = instantOf(wall, 'Europe/Berlin');
    expect(instant.toISOString()).toBe('2025-03-30T01:30:00.000Z');
    expect(wallClockAt(instant, 'Europe/Berlin')).toEqual(wall);
  });
});

describe('parseDate with mixed text', () => {
  it('prefers an absolute date to a relative word elsewhere in the text', () => {
    expect(iso(parseDate('USA TODAY · Published Nov 19, 2019', utc))).toBe('2019-11-19T00:00:00.000Z');
  });
  it('reads "yesterday" and "today" only with a time: alone they are ordinary words, not a publication time', () => {
    expect(parseDate('USA TODAY', utc)).toBeUndefined();
    expect(parseDate('Yesterday', utc)).toBeUndefined();
    expect(parseDate('Today in history', utc)).toBeUndefined();
    expect(iso(parseDate('Today at 5:30 PM', utc))).toBe('2025-07-11T17:30:00.000Z');
    expect(iso(parseDate('сегодня в 10:15', utc))).toBe('2025-07-11T10:15:00.000Z');
    expect(iso(parseDate('Сегодня, 10:15', utc))).toBe('2025-07-11T10:15:00.000Z');
    expect(iso(parseDate('gestern um 14:30', utc))).toBe('2025-07-10T14:30:00.000Z');
    expect(iso(parseDate('ayer a las 14:30', utc))).toBe('2025-07-10T14:30:00.000Z');
    expect(iso(parseDate('14:30, вчера', utc))).toBe('2025-07-10T14:30:00.000Z');
    expect(iso(parseDate('9:20 PM yesterday', utc))).toBe('2025-07-10T21:20:00.000Z');
  });
  it('reads a time written before the date, with a US zone abbreviation', () => {
    expect(iso(parseDate('7:07 PM EST Nov 19, 2019', utc))).toBe('2019-11-20T00:07:00.000Z');
    expect(iso(parseDate('Updated 09:15 10 July 2025', baku))).toBe('2025-07-10T05:15:00.000Z');
  });
  it('keeps the calendar day of a time-first date with a zone from a source east of UTC', () => {
    expect(iso(parseDate('10:00 MSK 10.07.2025', baku))).toBe('2025-07-10T07:00:00.000Z');
    expect(iso(parseDate('7:07 PM EST Nov 19, 2019', baku))).toBe('2019-11-20T00:07:00.000Z');
    expect(iso(parseDate('09:20 +04:00 10 July 2025', baku))).toBe('2025-07-10T05:20:00.000Z');
    expect(iso(parseDate('14:30 GMT, 10 July 2025', baku))).toBe('2025-07-10T14:30:00.000Z');
    expect(iso(parseDate('14:30 utc 10 July 2025', baku))).toBe('2025-07-10T14:30:00.000Z');
    expect(iso(parseDate('2:30 pm est Nov 19, 2019', utc))).toBe('2019-11-19T19:30:00.000Z');
  });
  it('reads a feed date without a zone on the source\'s clock, not the host\'s', () => {
    expect(iso(parseDate('Thu, 10 Jul 2025 09:20', baku))).toBe('2025-07-10T05:20:00.000Z');
    expect(iso(parseDate('Thu, 10 Jul 25 09:20:30', baku))).toBe('2025-07-10T05:20:30.000Z');
    expect(iso(parseDate('Sun, 06 Jul 2025 10:00 PM', baku))).toBe('2025-07-06T18:00:00.000Z');
    expect(iso(parseDate('Sun, 06 Jul 2025 10:00:00 MSK', utc))).toBe('2025-07-06T07:00:00.000Z');
    expect(iso(parseDate('Sun, 06 Jul 2025 10:00:00 EDT', baku))).toBe('2025-07-06T14:00:00.000Z');
    expect(iso(parseDate('Sun, 06 Jul 2025 10:00:00 UT', baku))).toBe('2025-07-06T10:00:00.000Z');
    expect(iso(parseDate('Thu, 10 Jul 2025 09:20:00 +0400', utc))).toBe('2025-07-10T05:20:00.000Z');
    expect(iso(parseDate('Thu, 10 Jul 2025 09:20:00 GMT', baku))).toBe('2025-07-10T09:20:00.000Z');
  });
});
