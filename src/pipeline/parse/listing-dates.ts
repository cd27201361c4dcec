// A listing's teaser without a date of its own is often dated all the same: by a day heading above its group of
// cards ("Monday, 7 December 2026", "Yesterday"), or by its article's address (`/2026/12/07/slug`). Read here for
// html-listing.ts, which takes them only when the card itself names no date.
import { parseDate } from '../dates/parse-date.js';
import { monthPattern, relativeDays } from '../dates/month-names.js';
import { addDays, instantOf, wallClockAt } from '../dates/zoned-time.js';
import type { DateContext } from '../types.js';
import { closestWhere, descendants, inlineText, tagOf, type DomElement } from './html-doc.js';

const headingLevel = (el: DomElement) => /^h([1-6])$/.exec(tagOf(el))?.[1];
const monthWords = new RegExp(`(?<![\\p{L}\\p{M}])(?:${monthPattern})(?![\\p{L}\\p{M}])`, 'giu');

/**
 * The day a heading names, when naming a day is all it does: its text a date with at most two other words (a weekday,
 * "г."), or a day word alone ("Today"). A headline that mentions a date ("Elections set for 7 December 2026") is none.
 */
function dayOfHeading(text: string, dates: DateContext): Date | undefined {
  if (!text || text.length > 60) return undefined;
  const word = text.toLowerCase().replace(/[\s.,:;!]+$/u, '');
  const back = relativeDays[word];
  if (back !== undefined) {
    const day = addDays(wallClockAt(dates.fetchedAt, dates.timezone), -back);
    return instantOf({ ...day, hour: 0, minute: 0, second: 0 }, dates.timezone);
  }
  const rest = text.replace(monthWords, ' ').replace(/[\p{N}\p{P}\p{S}]+/gu, ' ').trim();
  if (rest.split(/\s+/).filter(Boolean).length > 2) return undefined;
  return parseDate(text, dates);
}

/**
 * For each of `anchors`, the day named by the day heading above it: the last heading without a link before it in the
 * page that names a day, until a heading of that rank or higher names something else (the next group, another
 * section). Headings with a link, or in one, are cards' headlines, inside the group; headings in the page's chrome
 * (`inChrome`: a masthead's "Tuesday, 8 December 2026" is today's date, not its stories') are none. One walk over the
 * page.
 */
export function dayHeadingDates(body: DomElement | null, anchors: ReadonlySet<DomElement>, dates: DateContext, inChrome: (el: DomElement) => boolean): Map<DomElement, Date> {
  const out = new Map<DomElement, Date>();
  if (!body) return out;
  let day: { date: Date; level: number } | undefined;
  for (const el of descendants(body)) {
    if (anchors.has(el) && day) out.set(el, day.date);
    const level = headingLevel(el);
    // A heading inside its link (`<a href><h2>…</h2></a>`) is a card's headline as much as one holding its link: taken
    // for another group's heading, it ended the day after the first card.
    if (!level || el.querySelector('a[href]') || closestWhere(el, (e) => tagOf(e) === 'a' && e.getAttribute('href') !== null) || inChrome(el)) continue;
    const date = dayOfHeading(inlineText(el), dates);
    if (date) day = { date, level: Number(level) };
    else if (day && Number(level) <= day.level) day = undefined;
  }
  return out;
}

/** The day in an article's address, as year, month and day (`/2026/12/07/slug`, `/2026-12-07/`): a month alone is none. */
export function dateOfUrl(url: string, dates: DateContext): Date | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const m = /\/((?:19|20)\d{2})([/-])(\d{1,2})\2(\d{1,2})(?=\/|\.html?$|$)/.exec(path);
  if (!m) return undefined;
  const iso = `${m[1]}-${m[3]!.padStart(2, '0')}-${m[4]!.padStart(2, '0')}`;
  return parseDate(iso, dates);
}
