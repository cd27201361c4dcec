// When a digest is due and what `/config digest` says comes next, from the settings and the past runs alone.
import { describe, expect, it } from 'vitest';
import type { DigestRunRecord, DigestSettings } from '../../../src/discord/digest-schedule.js';
import { nextDigestWords } from '../../../src/discord/render/moderation-config.js';

const daily: DigestSettings = { timezone: 'UTC', digestFrequency: 'daily', digestTime: '08:00' };
const run = (period: string, iso: string, posted = true): DigestRunRecord => ({ period, createdAt: new Date(iso), messageId: posted ? '900000000000000001' : null, error: null });

describe('the reply to /config digest', () => {
  it('says when a digest whose time has passed goes out at once, or that today’s is already posted', () => {
    expect(nextDigestWords(daily, new Date('2026-03-02T07:00:00Z'), [])).toBe('');
    expect(nextDigestWords(daily, new Date('2026-03-02T10:00:00Z'), [])).toBe(' This day’s goes out within a minute.');
    expect(nextDigestWords(daily, new Date('2026-03-02T10:00:00Z'), [run('2026-03-02', '2026-03-02T08:00:00Z')])).toBe(' This day’s is already posted: the next one is tomorrow.');
  });
});
