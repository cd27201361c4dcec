// Outlet webhooks' and interactions' tokens are in their URLs, which discord.js errors carry: a failed post through
// an outlet webhook must not write the webhook's token (which never expires) into the log (src/logger.ts).
import { DiscordAPIError } from '@discordjs/rest';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';

describe('logs', () => {
  it('never hold a webhook or interaction token, from an error or a url field', () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    const token = 'aBcD_efGh-1234567890.xyz';
    const error = new DiscordAPIError({ code: 50035, message: 'Invalid Form Body' }, 50035, 400, 'POST', `https://discord.com/api/v10/webhooks/123456789012345678/${token}?wait=true`, { body: {} });
    logger.warn({ err: error }, 'could not post story');
    logger.error({ url: `/api/v10/interactions/223456789012345678/${token}/callback` }, 'proxying a request failed');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).not.toContain(token);
    expect(lines[0]).toContain('/webhooks/123456789012345678/[token]?wait=true');
    expect(lines[1]).toContain('/interactions/223456789012345678/[token]/callback');
  });
});
