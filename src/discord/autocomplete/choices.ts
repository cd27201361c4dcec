// Pure helpers behind autocomplete: ranking matches and Discord-sized labels.
import { clipText } from '../../text/clip.js';
import { formerTimeZoneName, knownTimeZones } from '../../text/time-zones.js';

export interface Choice {
  name: string;
  value: string | number;
}

/** Discord shows at most 25 choices, names and values of at most 100 characters. */
export const maxChoices = 25;

export function label(text: string, max = 100): string {
  return clipText(text.replace(/\s+/g, ' ').trim(), max);
}

/**
 * Lower case for comparing, the same for what is typed and what it is matched against. "İ" (Turkish and Azerbaijani
 * capital dotted I) lower-cases to "i" plus a combining dot (U+0307), so "ilham" did not find "İlham Əliyev"; the dot
 * after an i is dropped, and both sides are NFC so a decomposed "é" matches a composed one.
 */
export function foldCase(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/i\u0307/g, 'i');
}

/**
 * Items whose keys contain the typed text (all items when nothing is typed), best first: a key equal to the text,
 * then a key starting with it, then a word of a key starting with it, then anywhere; ties keep the input order.
 */
export function rankMatches<T>(items: readonly T[], typed: string, keys: (item: T) => string[]): T[] {
  const wanted = foldCase(typed.trim());
  if (!wanted) return [...items];
  const scored: { item: T; score: number; index: number }[] = [];
  items.forEach((item, index) => {
    let best = Infinity;
    for (const raw of keys(item)) {
      const key = foldCase(raw);
      if (key === wanted) best = Math.min(best, 0);
      else if (key.startsWith(wanted)) best = Math.min(best, 1);
      else if (key.split(/[\s/_-]+/).some((word) => word.startsWith(wanted))) best = Math.min(best, 2);
      else if (key.includes(wanted)) best = Math.min(best, 3);
    }
    if (best < Infinity) scored.push({ item, score: best, index });
  });
  return scored.sort((a, b) => a.score - b.score || a.index - b.index).map((s) => s.item);
}

/** "UTC+04:00" for a zone now, or '' if the runtime cannot say. */
export function utcOffset(zone: string, at: Date): string {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName');
    return part?.value === 'GMT' ? 'UTC' : (part?.value.replace('GMT', 'UTC') ?? '');
  } catch {
    return '';
  }
}

/**
 * Zones matching what was typed: "baku", "new york" and "new_york" all find theirs. Zones are offered by their current
 * names, and found by their former ones too ("saigon" finds Asia/Ho_Chi_Minh).
 */
export function timeZoneChoices(typed: string, at: Date): Choice[] {
  const wanted = typed.trim().replace(/\s+/g, '_');
  const city = (zone: string) => zone.split('/').pop() ?? zone;
  return rankMatches(knownTimeZones(), wanted, (zone) => {
    const former = formerTimeZoneName(zone);
    return former ? [zone, city(zone), former, city(former)] : [zone, city(zone)];
  })
    .slice(0, maxChoices)
    .map((zone) => {
      const offset = utcOffset(zone, at);
      return { name: label(offset ? `${zone.replace(/_/g, ' ')} (${offset})` : zone.replace(/_/g, ' ')), value: zone };
    });
}
