// One reading of a time of day for the commands that store it and the workers that act on it: `/config digest time`
// and `/follow quiet` store "8:05" as "08:05", and the digest and quiet hours read stored times the same way.
import { describe, expect, it } from 'vitest';
import { isQuietAt } from '../../../src/discord/alerts/quiet-hours.js';
import { requireTimeOfDay } from '../../../src/discord/commands/source-checks.js';
import { digestPeriod } from '../../../src/discord/digest-schedule.js';
import { formatClock, parseClock } from '../../../src/text/time-of-day.js';

describe('a time of day', () => {
  it('is read as minutes since midnight, with one or two digits for the hour', () => {
    expect(['00:00', '8:05', '08:05', ' 18:30 ', '23:59'].map(parseClock)).toEqual([0, 485, 485, 1110, 1439]);
  });

  it('is nothing when it is not one', () => {
    expect(['24:00', '12:60', '8:5', '123:00', '08:00:00', '8h05', '', 'noon', '-1:00', '08:0x'].map(parseClock)).toEqual(Array(10).fill(undefined));
  });

  it('is written back with two digits each', () => {
    expect([0, 485, 1439].map(formatClock)).toEqual(['00:00', '08:05', '23:59']);
    expect(requireTimeOfDay(' 8:05 ')).toBe('08:05');
    expect(() => requireTimeOfDay('25:00')).toThrow('"25:00" is not a time of day. Write it as HH:MM on a 24-hour clock, e.g. 08:00 or 18:30.');
  });

  it('means the same to the digest and to quiet hours as to the commands that store it', () => {
    const noon = new Date('2026-03-02T12:00:00Z');
    // What the commands accept the workers read: quiet hours starting at 7:00 (stored by hand, or before the commands
    // wrote two digits) are quiet hours, not none.
    expect(isQuietAt(noon, { timezone: 'UTC', quietStart: '7:00', quietEnd: '13:00' })).toBe(true);
    // What they refuse is no time: not a digest at midnight, nor one never due in a period of its own.
    expect(digestPeriod({ timezone: 'UTC', digestFrequency: 'daily', digestTime: 'noon' }, noon)).toBeNull();
    expect(digestPeriod({ timezone: 'UTC', digestFrequency: 'daily', digestTime: '8:00' }, noon)).toEqual({ period: '2026-03-02', due: true });
  });
});
