// What the delivery worker learns from Discord's rate-limit headers (src/discord/delivery/channel-budgets.ts).
import { REST, RESTEvents, type APIRequest, type ResponseLike } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { watchChannelBudgets } from '../../../src/discord/delivery/channel-budgets.js';

const answer = (rest: REST, method: string, path: string, status: number, headers: Record<string, string>) =>
  rest.emit(RESTEvents.Response, { method, path, route: path, options: {}, data: {}, retries: 0 } as unknown as APIRequest, { status, headers: new Headers(headers) } as unknown as ResponseLike);

describe('channel budgets', () => {
  it('knows a channel is busy from its last message answer until its bucket refills, per method', () => {
    let now = 1_000_000;
    const rest = new REST();
    const budgets = watchChannelBudgets(rest, () => now);
    answer(rest, 'POST', '/channels/11/messages', 200, { 'x-ratelimit-remaining': '1', 'x-ratelimit-reset-after': '4.2' });
    expect(budgets.freeAt('POST channels/11')).toBe(0);
    answer(rest, 'POST', '/channels/11/messages', 200, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': '4.2' });
    const freeAt = budgets.freeAt('POST channels/11');
    expect(freeAt).toBeGreaterThanOrEqual(now + 4_200);
    expect(freeAt).toBeLessThan(now + 4_500);
    expect(budgets.freeAt('PATCH channels/11')).toBe(0); // edits have their own bucket
    expect(budgets.freeAt('POST channels/12')).toBe(0);
    now = freeAt;
    expect(budgets.freeAt('POST channels/11')).toBe(0);
  });

  it("takes a 429's wait for a route, not for the token, and reads webhooks and edits by their major id", () => {
    const now = 2_000_000;
    const rest = new REST();
    const budgets = watchChannelBudgets(rest, () => now);
    answer(rest, 'POST', '/channels/21/messages', 429, { 'retry-after': '2', 'x-ratelimit-global': 'true' });
    expect(budgets.freeAt('POST channels/21')).toBe(0);
    answer(rest, 'PATCH', '/channels/21/messages/900', 429, { 'retry-after': '2' });
    expect(budgets.freeAt('PATCH channels/21')).toBeGreaterThanOrEqual(now + 2_000);
    answer(rest, 'POST', '/webhooks/31/secret-token', 200, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': '1' });
    expect(budgets.freeAt('POST webhooks/31')).toBeGreaterThanOrEqual(now + 1_000);
    answer(rest, 'POST', '/channels/51/messages', 200, { 'x-proxied-ratelimit-remaining': '0', 'x-proxied-ratelimit-reset-after': '3' });
    expect(budgets.freeAt('POST channels/51')).toBeGreaterThanOrEqual(now + 3_000); // behind the REST proxy
    answer(rest, 'GET', '/channels/41/messages', 200, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': '1' });
    expect(budgets.freeAt('POST channels/41')).toBe(0);
  });
});
