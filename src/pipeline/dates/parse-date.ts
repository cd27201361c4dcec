// Dates as publishers write them. Feeds mostly give RFC 822 or ISO 8601, but pages and aggregators print
// "10-07-2025" (day first in most of the world), "July 10, 2025 9:20 PM" or "Yesterday, 09:20 AM" — with no zone,
// meaning the publisher's wall clock. The source's DateContext says how to read them.
import { localizedAgoMs } from './relative-ago.js';
import type { DateContext } from '../types.js';
import { monthNumber, monthPattern, relativeDayWord, relativeDays } from './month-names.js';
import { addDays, instantOf, wallClockAt, type WallClock } from './zoned-time.js';
import { asciiDigits } from '../../text/native-digits.js';

const isoFull = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
// The zone as feeds write it: +0300, and also +03, +3, +03:00, GMT+3, UTC+03:00, or a name.
const rfc822 = /^(?:[a-z]{3},?\s+)?(\d{1,2})\s+([a-z]{3})\s+(\d{2}|\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap]\.?m\.?))?\s*((?:GMT|UTC)?[+-]\d{1,2}(?::?\d{2})?|[a-z]{1,5})?$/i;
// Every repetition below is bounded or stops at a character the next token cannot start with, and parseDate refuses
// long strings before any of these run, so no pattern backtracks over fetched text (hostile input stays cheap).
// "at", "à", "в", "о" (Ukrainian), "um", "a las", "às", "alle", "om" before the time.
const timeAfter = String.raw`[,\s]+(?:(?:at|à|в|о|um|a\s+las?|às|alle|om)\s+)?(\d{1,2})[:h.](\d{2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?`;
const timePart = `(?:${timeAfter})?`;
const numericDate = new RegExp(String.raw`(?<!\d)(\d{1,4})([-/.])(\d{1,2})\2(\d{2,4})(?!\d)` + timePart, 'i');
// An era word may stand before the year: Thai ค.ศ. (AD) or พ.ศ. (Buddhist era, read by buddhistYear).
const era = String.raw`(?:(?:ค\.ศ\.|พ\.ศ\.)\s*)?`;
const dayMonthYear = new RegExp(String.raw`(?<![\p{L}\d])(\d{1,2})(?:st|nd|rd|th|er|º|\.)?(?:\s+|-)(?:of\s+|de\s+)?(${monthPattern})\.?,?\s+(?:de\s+)?${era}(\d{4})(?:\s*г\.?)?` + timePart, 'iu');
// 2025 ж. 1 шілде (Kazakh), 2025. július 1. (Hungarian): the year first, a word or dot after it.
const yearDayMonth = new RegExp(String.raw`(?<!\d)(\d{4})(?:\s*[\p{L}]{1,3}\.)?,?\s+(\d{1,2})\.?\s+(${monthPattern})(?![\p{L}])` + timePart, 'iu');
// Vietnamese counts months: "1 tháng 7, 2025", "ngày 1 tháng 7 năm 2025".
const vietnameseDate = new RegExp(String.raw`(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2}),?\s+(?:năm\s+)?(\d{4})` + timePart, 'iu');
const monthDayYear = new RegExp(String.raw`(?<![\p{L}])(${monthPattern})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})` + timePart, 'iu');
// Only with a time: alone, "today" and "yesterday" are ordinary words ("USA TODAY", the newspaper اليوم السابع), and
// a page's "meta" line holding one would get a made-up publication time.
const relativeDay = new RegExp(`(${relativeDayWord})${timeAfter}`, 'iu');
const timeThenRelativeDay = new RegExp(String.raw`(?<![\d.:/-])(\d{1,2})[:h](\d{2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?[,\s]+(${relativeDayWord})`, 'iu');
// 2025年7月10日 (Chinese, Japanese), 2025년 7월 10일 (Korean).
const cjkDate = new RegExp(String.raw`(\d{4})\s?[年년]\s?(\d{1,2})\s?[月월]\s?(\d{1,2})\s?[日일]` + timePart, 'u');
// The count starts where a digit run starts and is at most 9 digits: unanchored `\d+` here retried every suffix of a
// long digit run (100,000 digits took seconds).
const ago = /((?<!\d)\d{1,9}|an?|one)\s?(second|sec|minute|min|hour|hr|h|day|d|week|wk|month)s?\.?\sago/i;
const timeFirst = /(?<![\d./-])(\d{1,2})[:h](\d{2})(?![./-]?\d)(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?\s*(Z|UTC|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|CEST|MSK|[+-]\d{2}:?\d{2})?\b/i;
// The abbreviations US and European news sites print most; anything else falls back to the source's zone.
const zoneOffsets: Record<string, string> = {
  EST: '-05:00', EDT: '-04:00', CST: '-06:00', CDT: '-05:00', MST: '-07:00', MDT: '-06:00', PST: '-08:00', PDT: '-07:00',
  BST: '+01:00', CET: '+01:00', CEST: '+02:00', MSK: '+03:00',
  // The regions' own: Eastern Europe, Turkey, India, Pakistan, Southeast and East Asia, Australia.
  EET: '+02:00', EEST: '+03:00', TRT: '+03:00', IST: '+05:30', PKT: '+05:00', ICT: '+07:00', WIB: '+07:00', SGT: '+08:00', HKT: '+08:00',
  JST: '+09:00', KST: '+09:00', AEST: '+10:00', AEDT: '+11:00',
};

/** A written zone as withOffset reads it: an offset, or UTC's names; an abbreviation through the table; else none. */
function zoneOffset(written: string): string | undefined {
  const z = written.toUpperCase();
  if (z === 'Z' || z === 'UT' || z === 'UTC' || z === 'GMT') return 'Z';
  if (/^[+-]\d{2}:?\d{2}$/.test(z)) return z;
  // +3, +03, GMT+3, UTC+03:00: as ±HH:MM (an hour past 14 is no zone).
  const short = /^(?:GMT|UTC)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(z);
  if (short && Number(short[2]) <= 14) return `${short[1]}${short[2]!.padStart(2, '0')}:${short[3] ?? '00'}`;
  return zoneOffsets[z];
}

const unitMs: Record<string, number> = {
  second: 1e3, sec: 1e3, minute: 6e4, min: 6e4, hour: 36e5, hr: 36e5, h: 36e5, day: 864e5, d: 864e5, week: 6048e5, wk: 6048e5, month: 2592e6,
};

/** Longer than this (after collapsing whitespace) is a paragraph or garbage, not a date: callers pass ≤160 chars. */
export const MAX_DATE_LENGTH = 200;

/** Parses a date anywhere in a short text ("Published 10 July 2025, 09:20"), or returns undefined. */
export function parseDate(text: string | undefined | null, context: DateContext): Date | undefined {
  if (!text) return undefined;
  const s = normaliseScripts(text.trim().replace(/\s+/g, ' '));
  if (!s || s.length > MAX_DATE_LENGTH) return undefined;
  const date = parseStrict(s, context) ?? parseLoose(s, context);
  if (!date || Number.isNaN(date.getTime())) return undefined;
  // A date far in the future is a misreading (or a broken feed); refuse it rather than pin a story to the top.
  if (date.getTime() > context.fetchedAt.getTime() + 2 * 864e5) return undefined;
  if (date.getUTCFullYear() < 1970) return undefined;
  return date;
}

/** Native digits to ASCII, Arabic vowel marks off (ژوئیهٔ is ژوئیه), the Arabic comma as a comma. */
function normaliseScripts(s: string): string {
  if (/^\p{ASCII}*$/u.test(s)) return s;
  return asciiDigits(s)
    .replace(/[\u064B-\u065F\u0670]/gu, '')
    .replace(/،/gu, ',');
}

function parseStrict(s: string, context: DateContext): Date | undefined {
  const iso = isoFull.exec(s);
  if (iso) {
    const [, y, mo, d, h = '0', mi = '0', sec = '0', zone] = iso;
    const wall = { year: +y!, month: +mo!, day: +d!, hour: +h, minute: +mi, second: +sec };
    if (!validWall(wall)) return undefined;
    return zone ? withOffset(wall, zone) : instantOf(wall, context.timezone);
  }
  const rfc = rfc822.exec(s);
  if (rfc) {
    // Read here, not by Date.parse: without a zone (or with "PM" where the zone goes) it reads the host's clock, and it
    // knows no MSK. A zone it cannot name is the publisher's wall clock, the source's zone.
    const [, d, mon, y, h, mi, sec = '0', meridiem, zone] = rfc;
    const time = readTime([undefined, h, mi, sec, meridiem], 1);
    if (!time) return undefined;
    const wall = { year: normaliseYear(+y!, y!.length), month: monthNumber(mon!) ?? 0, day: +d!, hour: time.hour, minute: time.minute, second: time.second };
    return validWall(wall) ? finish(wall, zone, context) : undefined;
  }
  return undefined;
}

function parseLoose(s: string, context: DateContext): Date | undefined {
  // Absolute dates first: "USA TODAY · Published Nov 19, 2019" has a date, not "today".
  const absolute = parseAbsolute(s, context);
  if (absolute) return absolute;
  const relative = relativeDay.exec(s);
  // "Yesterday, 09:20 AM", else "09:20 AM yesterday".
  const after = relative ? undefined : timeThenRelativeDay.exec(s);
  const word = relative?.[1] ?? after?.[6];
  const time = relative ? readTime(relative, 2) : after ? readTime(after, 1) : undefined;
  if (word && time) {
    const day = addDays(wallClockAt(context.fetchedAt, context.timezone), -(relativeDays[word.toLowerCase()] ?? 0));
    return finish({ ...day, hour: time.hour, minute: time.minute, second: time.second }, time.zone, context);
  }
  const m = ago.exec(s);
  if (m) {
    const n = /^\d+$/.test(m[1]!) ? Number(m[1]) : 1;
    return new Date(context.fetchedAt.getTime() - n * unitMs[m[2]!.toLowerCase()]!);
  }
  const localized = localizedAgoMs(s);
  const then = localized === undefined ? undefined : new Date(context.fetchedAt.getTime() - localized);
  // A count too large for a date ("999999999 лет назад") is no date.
  return then && Number.isFinite(then.getTime()) ? then : undefined;
}

function parseAbsolute(s: string, context: DateContext): Date | undefined {
  const date = parseDateOnly(s, context);
  if (!date || date.timeGiven) return date?.value;
  // "7:07 PM EST Nov 19, 2019": a time written before the date.
  const before = timeFirst.exec(s);
  if (!before) return date.value;
  const time = readTime(before, 1);
  if (!time) return date.value;
  // The date alone was read as midnight on the source's clock: its calendar day is on that clock, whatever zone the
  // time names (read on UTC's, Baku's midnight is the day before).
  const wall = wallClockAt(date.value, context.timezone);
  return finish({ ...wall, hour: time.hour, minute: time.minute, second: time.second }, time.zone, context);
}

function parseDateOnly(s: string, context: DateContext): { value: Date; timeGiven: boolean } | undefined {
  let m = cjkDate.exec(s);
  if (m) return wrap(fromParts(+m[1]!, +m[2]!, +m[3]!, m, 4, context), m, 4);
  m = dayMonthYear.exec(s);
  if (m) return wrap(fromParts(buddhistYear(+m[3]!, s), monthNumber(m[2]!), +m[1]!, m, 4, context), m, 4);
  m = yearDayMonth.exec(s);
  if (m) return wrap(fromParts(+m[1]!, monthNumber(m[3]!), +m[2]!, m, 4, context), m, 4);
  m = vietnameseDate.exec(s);
  if (m) return wrap(fromParts(+m[3]!, +m[2]!, +m[1]!, m, 4, context), m, 4);
  m = monthDayYear.exec(s);
  if (m) return wrap(fromParts(+m[3]!, monthNumber(m[1]!), +m[2]!, m, 4, context), m, 4);
  m = numericDate.exec(s);
  if (m) {
    const [a, b, c] = [m[1]!, +m[3]!, m[4]!];
    if (a.length === 4) return wrap(fromParts(+a, b, +c, m, 5, context), m, 5); // 2025-07-10, 2025/07/10
    const first = +a;
    const year = normaliseYear(+c, c.length);
    // Unambiguous when one side exceeds 12; otherwise the source's convention decides.
    const dayFirst = first > 12 ? true : b > 12 ? false : context.dayFirst;
    return wrap(dayFirst ? fromParts(year, b, first, m, 5, context) : fromParts(year, first, b, m, 5, context), m, 5);
  }
  return undefined;
}

function wrap(value: Date | undefined, m: RegExpExecArray, timeIndex: number) {
  return value ? { value, timeGiven: m[timeIndex] !== undefined } : undefined;
}

/** Thai dates count years from the Buddha (พ.ศ. 2568 is 2025): a year that far ahead is one of those. */
function buddhistYear(year: number, s: string): number {
  return s.includes('พ.ศ.') || (year >= 2500 && /\p{Script=Thai}/u.test(s)) ? year - 543 : year;
}

function normaliseYear(year: number, digits: number): number {
  return digits === 2 ? (year < 70 ? 2000 + year : 1900 + year) : year;
}

function fromParts(year: number, month: number | undefined, day: number, m: RegExpExecArray, timeIndex: number, context: DateContext): Date | undefined {
  if (!month) return undefined;
  const time = readTime(m, timeIndex) ?? { hour: 0, minute: 0, second: 0, zone: undefined };
  const wall = { year, month, day, hour: time.hour, minute: time.minute, second: time.second };
  return validWall(wall) ? finish(wall, time.zone, context) : undefined;
}

function readTime(m: ArrayLike<string | undefined>, i: number) {
  if (m[i] === undefined) return undefined;
  let hour = Number(m[i]);
  const minute = Number(m[i + 1]);
  const second = m[i + 2] ? Number(m[i + 2]) : 0;
  const meridiem = m[i + 3]?.toLowerCase().replace(/\./g, '');
  if (meridiem === 'pm' && hour < 12) hour += 12;
  if (meridiem === 'am' && hour === 12) hour = 0;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return { hour, minute, second, zone: m[i + 4] };
}

/** The instant of a wall clock: in the zone written beside it, if it names one, else in the source's zone. */
function finish(wall: WallClock, zone: string | undefined, context: DateContext): Date {
  const offset = zone && zoneOffset(zone);
  return offset ? withOffset(wall, offset) : instantOf(wall, context.timezone);
}

function withOffset(wall: WallClock, zone: string): Date {
  const utc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const z = zone.toUpperCase();
  if (z === 'Z') return new Date(utc);
  const sign = z.startsWith('-') ? -1 : 1;
  const digits = z.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0);
  return new Date(utc - sign * minutes * 6e4);
}

function validWall(w: WallClock): boolean {
  if (w.month < 1 || w.month > 12 || w.day < 1 || w.hour > 23 || w.minute > 59 || w.second > 59) return false;
  const days = new Date(Date.UTC(w.year, w.month, 0)).getUTCDate();
  return w.day <= days;
}
