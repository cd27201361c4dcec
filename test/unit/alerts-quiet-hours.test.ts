// Quiet hours on the member's own clock (src/discord/alerts/quiet-hours.ts): a window within a day, one across
// midnight, time zones with and without daylight saving, and what counts as no window.
import { describe, expect, it } from 'vitest';
import { isQuietAt } from '../../src/discord/alerts/quiet-hours.js';

const at = (iso: string) => new Date(iso);
const quiet = (timezone: string, quietStart: string | null, quietEnd: string | null) => ({ timezone, quietStart, quietEnd });

describe('quiet hours', () => {
  it('is quiet from the start (included) to the end (excluded) of a window within a day', () => {
    const lunch = quiet('UTC', '12:00', '13:30');
    expect(isQuietAt(at('2026-03-02T11:59:59Z'), lunch)).toBe(false);
    expect(isQuietAt(at('2026-03-02T12:00:00Z'), lunch)).toBe(true);
    expect(isQuietAt(at('2026-03-02T13:29:00Z'), lunch)).toBe(true);
    expect(isQuietAt(at('2026-03-02T13:30:00Z'), lunch)).toBe(false);
  });

  it('crosses midnight when the end comes before the start', () => {
    const night = quiet('UTC', '22:00', '07:00');
    expect(isQuietAt(at('2026-03-02T21:59:00Z'), night)).toBe(false);
    expect(isQuietAt(at('2026-03-02T22:00:00Z'), night)).toBe(true);
    expect(isQuietAt(at('2026-03-03T00:00:00Z'), night)).toBe(true);
    expect(isQuietAt(at('2026-03-03T06:59:00Z'), night)).toBe(true);
    expect(isQuietAt(at('2026-03-03T07:00:00Z'), night)).toBe(false);
    expect(isQuietAt(at('2026-03-03T12:00:00Z'), night)).toBe(false);
  });

  it('reads the window on the member’s clock, daylight saving included', () => {
    // Tbilisi is UTC+4 all year: 22:00 there is 18:00 UTC.
    const tbilisi = quiet('Asia/Tbilisi', '22:00', '07:00');
    expect(isQuietAt(at('2026-07-01T17:59:00Z'), tbilisi)).toBe(false);
    expect(isQuietAt(at('2026-07-01T18:00:00Z'), tbilisi)).toBe(true);
    expect(isQuietAt(at('2026-07-02T02:59:00Z'), tbilisi)).toBe(true);
    expect(isQuietAt(at('2026-07-02T03:00:00Z'), tbilisi)).toBe(false);
    // New York: 22:00 is 03:00 UTC in winter (UTC−5) and 02:00 UTC in summer (UTC−4).
    const newYork = quiet('America/New_York', '22:00', '23:00');
    expect(isQuietAt(at('2026-01-15T03:30:00Z'), newYork)).toBe(true);
    expect(isQuietAt(at('2026-07-15T03:30:00Z'), newYork)).toBe(false);
    expect(isQuietAt(at('2026-07-15T02:30:00Z'), newYork)).toBe(true);
  });

  it('is never quiet without a whole window, with an empty one, or an unreadable one', () => {
    const noon = at('2026-03-02T12:00:00Z');
    expect(isQuietAt(noon, quiet('UTC', null, null))).toBe(false);
    expect(isQuietAt(noon, quiet('UTC', '11:00', null))).toBe(false);
    expect(isQuietAt(noon, quiet('UTC', '12:00', '12:00'))).toBe(false);
    expect(isQuietAt(noon, quiet('UTC', 'noon', '13:00'))).toBe(false);
  });

  it('falls back to UTC for a zone the runtime does not know', () => {
    expect(isQuietAt(at('2026-03-02T12:30:00Z'), quiet('Mars/Olympus_Mons', '12:00', '13:00'))).toBe(true);
  });
});
