import { describe, expect, it } from 'vitest';
import { firstCheckFailedLine, putOffLine } from '../../../src/discord/commands/source-add.js';

describe('/source add’s reply when the first check fails', () => {
  it('says the source is paused when that failure paused it, and that Gazette retries otherwise', () => {
    const error = 'The server answered 500 Internal Server Error.';
    const paused = firstCheckFailedLine({ error, paused: true });
    expect(paused).toContain(error);
    expect(paused).toMatch(/paused/);
    expect(paused).toContain('/source resume');
    expect(paused).not.toMatch(/will try again/);
    expect(firstCheckFailedLine({ error, paused: false })).toMatch(/Gazette will try again/);
  });

  // The error may quote the remote server, which chooses its words.
  it('shows the error as text: a masked link or markdown in it does not render', () => {
    const line = firstCheckFailedLine({ error: 'The page said: [Verify here](https://phish.example) **now**', paused: false });
    expect(line).not.toMatch(/\]\(|\*\*now/);
    expect(line).toContain('\\[Verify here\\]');
  });
});

describe('/source add’s reply when its first read is not made or not finished', () => {
  const channel = '300000000000000001';
  it('promises the backfill for the read that comes next, and says when that is', () => {
    const next = new Date('2025-07-01T10:00:00Z');
    expect(putOffLine('polled', 3, channel, next)).toBe(`Gazette is reading this feed right now for the servers that follow it; once that read ends, its newest stories (up to 3) are posted to <#${channel}>.`);
    expect(putOffLine('stop', 1, channel, next)).toBe(`Gazette is stopping, which cut its first read of the feed off: it reads the feed when it runs again, and posts the newest item to <#${channel}> then.`);
    expect(putOffLine('site-wait', 2, channel, next)).toBe(`Its site asked Gazette to wait before reading it again: Gazette reads it <t:1751364000:R>, and posts the 2 newest items to <#${channel}> then.`);
  });
  it('promises nothing of what is in the feed without a backfill', () => {
    expect(putOffLine('polled', 0, channel, undefined)).toBe('Gazette is reading this feed right now for the servers that follow it; the items in it will not be posted here, only new ones.');
    expect(putOffLine('stop', 0, channel, undefined)).not.toMatch(/posts/);
    expect(putOffLine('site-wait', 0, channel, undefined)).toBe('Its site asked Gazette to wait before reading it again: Gazette reads it later.');
  });
});
