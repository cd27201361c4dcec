// Dates as publishers in the region's languages print them: month names from ICU (genitive and nominative),
// "yesterday" and "today" from ICU's relative-time words, and Chinese, Japanese and Korean numeric dates, read in
// the source's time zone.
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../src/pipeline/dates/parse-date.js';

// Fetched on 11 July 2025 at noon in Baku.
const context = { fetchedAt: new Date('2025-07-11T08:00:00Z'), timezone: 'Asia/Baku', dayFirst: true };
const tenthOfJuly = '2025-07-09T20:00:00.000Z';

describe('dates in the languages of the regions', () => {
  it.each(['10 июля 2025', '10 липня 2025 р.', '10 ліпеня 2025', '10 يوليو 2025', '10 تموز 2025', '10 lipca 2025', '10 Temmuz 2025', '10 iyul 2025', '10 ივლისი 2025', '10 กรกฎาคม 2025', '10 Juli 2025', '2025年7月10日', '2025년 7월 10일'])(
    '%s is 10 July 2025 in Baku',
    (text) => {
      expect(parseDate(text, context)?.toISOString()).toBe(tenthOfJuly);
    },
  );

  // As CLDR's long dates print them, and in the digits Arabic, Persian, Hindi and Thai publishers use.
  it.each([
    '١٠ يوليو ٢٠٢٥', // Arabic-Indic digits
    '۱۰ ژوئیهٔ ۲۰۲۵', // Persian digits, and the Gregorian month with its ezafe mark
    '10 جولائی، 2025', // Urdu, with the Arabic comma
    '2025 ж. 10 шілде', // Kazakh: the year first
    '10-iyul, 2025', // Uzbek
    '10 กรกฎาคม ค.ศ. 2025', // Thai, AD marked
    '10 กรกฎาคม พ.ศ. 2568', // Thai, Buddhist era
    '10 กรกฎาคม 2568',
    '10 tháng 7, 2025', // Vietnamese counts months
    'ngày 10 tháng 7 năm 2025',
    '१० जुलाई २०२५', // Devanagari digits
  ])('%s is 10 July 2025 too', (text) => {
    expect(parseDate(text, context)?.toISOString()).toBe(tenthOfJuly);
  });

  it('does not read a Persian-calendar month as the Gregorian month of the same rank', () => {
    // تیر is the fourth month of the Persian calendar (June–July), not April.
    expect(parseDate('10 تیر 2025', context)).toBeUndefined();
  });

  it.each([
    ['вчера, 09:20', '2025-07-10T05:20:00.000Z'],
    ['учора 09:20', '2025-07-10T05:20:00.000Z'],
    ['أمس 14:30', '2025-07-10T10:30:00.000Z'],
    ['dün 14:30', '2025-07-10T10:30:00.000Z'],
    ['昨天 14:30', '2025-07-10T10:30:00.000Z'],
    ['어제 14:30', '2025-07-10T10:30:00.000Z'],
    ['გუშინ 14:30', '2025-07-10T10:30:00.000Z'],
    ['今天 08:00', '2025-07-11T04:00:00.000Z'],
    ['вчора о 09:20', '2025-07-10T05:20:00.000Z'],
    ['आज 14:30', '2025-07-11T10:30:00.000Z'],
  ])('%s is read in the source’s zone', (text, expected) => {
    expect(parseDate(text, context)?.toISOString()).toBe(expected);
  });

  it.each([
    'कला प्रदर्शनी 14:30', // "art exhibition": कल (yesterday) is only the start of the word, before a vowel sign
    'कल 14:30', // कल is "yesterday" and "tomorrow" alike
    'اليوم السابع', // the newspaper "The Seventh Day", not today
    'Сегодня', // the newspaper, alone
  ])('%s is not a date', (text) => {
    expect(parseDate(text, context)).toBeUndefined();
  });
});
