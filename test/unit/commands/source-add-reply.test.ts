import { describe, expect, it } from 'vitest';
import { firstCheckFailedLine } from '../../../src/discord/commands/source-add.js';

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
});
