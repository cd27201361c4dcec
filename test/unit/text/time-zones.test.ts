// Time zones by their current IANA names (src/text/time-zones.ts): Node 20's ICU lists and resolves CLDR's older
// names (Asia/Saigon, Europe/Kiev), so autocomplete found nothing for "Kyiv" and replies showed the old names.
import { describe, expect, it } from 'vitest';
import { timeZoneChoices } from '../../../src/discord/autocomplete/choices.js';
import { requireTimeZone } from '../../../src/discord/commands/source-checks.js';
import { digestWords } from '../../../src/discord/render/moderation-config.js';
import { wallClockAt } from '../../../src/pipeline/dates/zoned-time.js';
import { knownTimeZones, renamedTimeZones } from '../../../src/text/time-zones.js';

const at = new Date('2026-03-02T12:00:00Z');
const first = (typed: string) => timeZoneChoices(typed, at)[0];

describe('time zone names', () => {
  it('autocompletes Ho Chi Minh, Yangon and Kyiv by their current names, with their offsets', () => {
    expect(first('Ho Chi Minh')).toEqual({ name: 'Asia/Ho Chi Minh (UTC+07:00)', value: 'Asia/Ho_Chi_Minh' });
    expect(first('Yangon')).toEqual({ name: 'Asia/Yangon (UTC+06:30)', value: 'Asia/Yangon' });
    expect(first('kyiv')).toEqual({ name: 'Europe/Kyiv (UTC+02:00)', value: 'Europe/Kyiv' });
    expect(first('kolkata')?.value).toBe('Asia/Kolkata');
    expect(first('kathmandu')?.value).toBe('Asia/Kathmandu');
  });

  it('finds a renamed zone by its former name too, and offers only the current one', () => {
    expect(first('saigon')?.value).toBe('Asia/Ho_Chi_Minh');
    expect(first('Europe/Kiev')?.value).toBe('Europe/Kyiv');
    expect(first('rangoon')?.value).toBe('Asia/Yangon');
    const offered = timeZoneChoices('a', at).map((c) => c.value);
    expect(offered).toHaveLength(25);
    for (const old of Object.keys(renamedTimeZones)) expect(knownTimeZones()).not.toContain(old);
    expect(knownTimeZones()).toEqual(expect.arrayContaining(Object.values(renamedTimeZones)));
  });

  it('stores the current name whichever spelling was typed', () => {
    expect(requireTimeZone('Asia/Ho_Chi_Minh')).toBe('Asia/Ho_Chi_Minh');
    expect(requireTimeZone('asia/saigon')).toBe('Asia/Ho_Chi_Minh');
    expect(requireTimeZone(' Europe/Kiev ')).toBe('Europe/Kyiv');
    expect(requireTimeZone('europe/kyiv')).toBe('Europe/Kyiv');
    expect(requireTimeZone('Asia/Rangoon')).toBe('Asia/Yangon');
    expect(requireTimeZone('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(requireTimeZone('asia/baku')).toBe('Asia/Baku');
    expect(() => requireTimeZone('Mars/Olympus')).toThrow(/is not a time zone Gazette knows/);
  });

  it('computes wall clocks with the current names as with the former ones', () => {
    for (const [old, current] of Object.entries(renamedTimeZones)) {
      expect(wallClockAt(at, current)).toEqual(wallClockAt(at, old));
    }
    expect(wallClockAt(at, 'Asia/Ho_Chi_Minh')).toMatchObject({ hour: 19, minute: 0 });
  });

  it('shows a zone stored under its former name by its current one', () => {
    const guild = { digestFrequency: 'daily', digestTime: '08:00', digestChannelId: '1', timezone: 'Asia/Saigon' };
    expect(digestWords(guild)).toBe('Every day at 08:00 (Asia/Ho_Chi_Minh) in <#1>');
  });
});
