// Which requests Gazette sends once (creations discord.js would otherwise resend after a lost answer), and what a
// lost answer becomes: an error discord.js does not retry, saying Discord may have made the post.
import type { ResponseLike } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { isCreation, onceForCreations, UncertainCreationError } from '../../../src/discord/creation-requests.js';

const api = 'http://discord.test/api/v10';

describe('requests sent once', () => {
  it('are the POSTs that make a post, a forum thread, a webhook or a webhook message', () => {
    expect(isCreation(`${api}/channels/1/messages`, 'POST')).toBe(true);
    expect(isCreation(`${api}/channels/1/threads`, 'post')).toBe(true);
    expect(isCreation(`${api}/channels/1/webhooks`, 'POST')).toBe(true);
    expect(isCreation(`${api}/webhooks/2/tok-en?wait=true`, 'POST')).toBe(true);
    // Edits, reads, and a thread from a message (Discord refuses a second one with 160004) keep their retries.
    expect(isCreation(`${api}/channels/1/messages/3`, 'PATCH')).toBe(false);
    expect(isCreation(`${api}/channels/1/messages`, 'GET')).toBe(false);
    expect(isCreation(`${api}/channels/1/messages/3/threads`, 'POST')).toBe(false);
    expect(isCreation(`${api}/webhooks/2/tok-en/messages/3`, 'PATCH')).toBe(false);
    expect(isCreation(`${api}/interactions/4/tok/callback`, 'POST')).toBe(false);
  });

  it('fail with an error discord.js does not resend when the answer is a 5xx or never comes', async () => {
    const answer = (status: number) => onceForCreations(async () => new Response('{}', { status }) as unknown as ResponseLike);
    await expect(answer(502)(`${api}/channels/1/threads`, { method: 'POST' })).rejects.toEqual(new UncertainCreationError(502, 'Discord answered 502'));
    await expect(answer(201)(`${api}/channels/1/threads`, { method: 'POST' })).resolves.toMatchObject({ status: 201 });
    // A read's 5xx is discord.js's to retry; so is a message whose nonce Discord enforces, and what the caller resends.
    await expect(answer(502)(`${api}/channels/1`, { method: 'GET' })).resolves.toMatchObject({ status: 502 });
    await expect(answer(502)(`${api}/channels/1/messages`, { method: 'POST', body: '{"content":"x","nonce":"n","enforce_nonce":true}' })).resolves.toMatchObject({ status: 502 });
    await expect(answer(502)(`${api}/channels/1/messages`, { method: 'POST', body: '{"content":"x","nonce":"n"}' })).rejects.toBeInstanceOf(UncertainCreationError);
    const followUps = onceForCreations(async () => new Response('{}', { status: 502 }) as unknown as ResponseLike, (url) => url.includes('/webhooks/42/'));
    await expect(followUps(`${api}/webhooks/42/interaction-token`, { method: 'POST' })).resolves.toMatchObject({ status: 502 });
    await expect(followUps(`${api}/webhooks/7/outlet-token`, { method: 'POST' })).rejects.toBeInstanceOf(UncertainCreationError);
    const timedOut = onceForCreations(async () => {
      throw Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
    });
    const error = (await timedOut(`${api}/channels/1/messages`, { method: 'POST' }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(UncertainCreationError);
    // What discord.js's shouldRetry looks at: neither the AbortError name nor ECONNRESET.
    expect(error.name).toBe('UncertainCreationError');
    expect(error.message).toBe('Discord did not confirm it (no answer in time)');
  });
});
