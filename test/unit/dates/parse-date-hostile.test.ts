// Hostile feeds: a date field can hold anything. These inputs took the old patterns minutes (quadratic backtracking),
// so a regression fails here on the runner's per-test timeout; linear code answers in milliseconds.
import { describe, expect, it } from 'vitest';
import { MAX_DATE_LENGTH, parseDate } from '../../../src/pipeline/dates/parse-date.js';
import type { DateContext } from '../../../src/pipeline/types.js';

const utc: DateContext = { fetchedAt: new Date('2025-07-11T08:00:00Z'), timezone: 'UTC', dayFirst: true };
const iso = (d: Date | undefined) => d?.toISOString();

describe('parseDate on hostile input', () => {
  it('refuses a <pubDate> of 300,000 digits quickly', () => {
    // ~11 s for 100,000 digits before the length bound and the anchored count in "N … ago".
    expect(parseDate('1'.repeat(300_000), utc)).toBeUndefined();
    expect(parseDate(`${'9'.repeat(300_000)} days ago`, utc)).toBeUndefined();
    expect(parseDate(`Published ${'1'.repeat(300_000)} 10-07-2025`, utc)).toBeUndefined();
  });

  it('treats text longer than MAX_DATE_LENGTH as not a date, after collapsing whitespace', () => {
    expect(parseDate(`${'x'.repeat(MAX_DATE_LENGTH)} 10-07-2025`, utc)).toBeUndefined();
    expect(iso(parseDate(`${' \n\t'.repeat(100_000)}10-07-2025${'\n'.repeat(100_000)}`, utc))).toBe('2025-07-10T00:00:00.000Z');
    expect(iso(parseDate(`${'word '.repeat(30)}10-07-2025`, utc))).toBe('2025-07-10T00:00:00.000Z');
  });

  it('still reads relative "ago" dates, and no count from the middle of a digit run', () => {
    expect(iso(parseDate('5 days ago', utc))).toBe('2025-07-06T08:00:00.000Z');
    expect(iso(parseDate('Updated 3 hours ago', utc))).toBe('2025-07-11T05:00:00.000Z');
    expect(iso(parseDate('an hour ago', utc))).toBe('2025-07-11T07:00:00.000Z');
    expect(iso(parseDate('10min ago', utc))).toBe('2025-07-11T07:50:00.000Z');
    // Old and new agree: a count too large for a date is no date.
    expect(parseDate(`${'1'.repeat(150)} days ago`, utc)).toBeUndefined();
  });
});

describe('"how long ago" in the region’s languages', () => {
  // A forum shows a recent post's date so; unread, the post had none.
  it('reads ICU’s patterns of each language, plural forms and Persian digits too', () => {
    const hoursAgo = (text: string) => {
      const d = parseDate(text, utc);
      return d && (utc.fetchedAt.getTime() - d.getTime()) / 3.6e6;
    };
    expect(['3 часа назад', '5 часов назад', '2 საათის წინ', 'il y a 2 heures', 'hace 2 horas', 'vor 2 Stunden', '2 saat önce', '2 saat öncə', '2 ժամ առաջ', '2 giờ trước', '2 ชั่วโมงที่ผ่านมา', '۲ ساعت پیش'].map(hoursAgo)).toEqual([3, 5, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    expect(hoursAgo('21 день назад')).toBe(21 * 24);
    // A count and a unit without "ago" are no date, nor a count too large for one.
    expect(['2 часа', 'Vol. 2 Stunden', 'Category 5', '999999999 лет назад'].map(hoursAgo)).toEqual([undefined, undefined, undefined, undefined]);
    // After a label with a colon, yes; inside a sentence, no: a lead read as a date was dropped from its article.
    expect(hoursAgo('Опубликовано: 3 часа назад')).toBe(3);
    expect(['3天前，一名男子在北京朝阳区被警方逮捕。', 'Seçimden 2 gün önce Ankara’da miting yapıldı', 'tháng 5 năm trước', 'hace 3 décadas', '1.5 часа назад'].map(hoursAgo)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
