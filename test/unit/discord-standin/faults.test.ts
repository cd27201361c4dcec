import { Events } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { connectPerTest, quiet, textChannel } from './setup.js';

const connectForTest = connectPerTest();

describe('discord stand-in: faults, rate limits, nonces, reconnects', () => {
  it('injects 429 and 500 that discord.js retries, and 403/404 that it surfaces', async () => {
    const env = await connectForTest();
    const { standIn, textId } = env;
    const channel = await textChannel(env);
    standIn.failNext('POST /channels/:channelId/messages', { status: 429, retryAfter: 0.1 });
    standIn.failNext(`POST /channels/${textId}/messages`, { status: 500 }, 2);
    const started = performance.now();
    const sent = await channel.send({ content: 'eventually', allowedMentions: quiet });
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
    const posts = standIn.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => [r.status, r.injected])).toEqual([[429, true], [500, true], [500, true], [200, false]]);
    expect(standIn.messages(textId).map((m) => m.id)).toEqual([sent.id]);

    standIn.failNext('PATCH /channels/*', { status: 403 });
    await expect(sent.edit({ content: 'nope', allowedMentions: quiet })).rejects.toMatchObject({ status: 403, code: 50013, message: 'Missing Permissions' });
    standIn.failNext(/^POST \/channels\/\d+\/messages$/, { status: 404 });
    await expect(channel.send({ content: 'gone', allowedMentions: quiet })).rejects.toMatchObject({ status: 404, code: 10003 });
    standIn.assertNoViolations();
  });

  it('deduplicates a repeated nonce with enforce_nonce and echoes the nonce', async () => {
    const env = await connectForTest();
    const { standIn, textId } = env;
    const channel = await textChannel(env);
    const first = await channel.send({ content: 'Story 42', nonce: 'story-42', enforceNonce: true, allowedMentions: quiet });
    const retry = await channel.send({ content: 'Story 42', nonce: 'story-42', enforceNonce: true, allowedMentions: quiet });
    expect(retry.id).toBe(first.id);
    expect(first.nonce).toBe('story-42');
    await channel.send({ content: 'Story 42 again', nonce: 'story-42', allowedMentions: quiet });
    expect(standIn.messages(textId).map((m) => m.data.content)).toEqual(['Story 42', 'Story 42 again']);
  });

  it('paces message edits by the announced limit and answers 429 to a client that ignores it', async () => {
    const env = await connectForTest({ rateLimits: { messageEdits: { limit: 2, windowMs: 300 } } });
    const { standIn, textId } = env;
    const channel = await textChannel(env);
    const sent = await channel.send({ content: 'v0', allowedMentions: quiet });
    const started = performance.now();
    for (let v = 1; v <= 4; v += 1) await sent.edit({ content: `v${v}`, allowedMentions: quiet });
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    expect(standIn.message(sent.id)?.data.content).toBe('v4');
    const patch = standIn.requests.find((r) => r.method === 'PATCH');
    expect(patch?.status).toBe(200);
    standIn.assertNoViolations();

    const url = `${standIn.apiUrl}/v10/channels/${textId}/messages/${sent.id}`;
    const init = { method: 'PATCH', headers: { authorization: `Bot ${standIn.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ content: 'x', allowed_mentions: quiet }) };
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 3; i += 1) {
      const res = await fetch(url, init);
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses).toContain(429);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited?.json()).toMatchObject({ message: 'You are being rate limited.', global: false });
    expect(standIn.violations.map((v) => v.kind)).toContain('rate-limit-exceeded');
  });

  it('announces a guild added after login and survives a dropped gateway connection', async () => {
    const env = await connectForTest();
    const { standIn, client } = env;
    const resumed = new Promise<void>((resolve) => client.once(Events.ShardResume, () => resolve()));
    standIn.dropGatewayConnections(4000);
    await resumed;
    const guildId = standIn.addGuild({ name: 'Late Guild' });
    const channelId = standIn.addChannel(guildId, { name: 'late-news', type: 'text' });
    await standIn.waitFor(() => client.guilds.cache.get(guildId)?.channels.cache.get(channelId), 2000, 'the new guild and channel to reach the client');
    expect(standIn.requests.filter((r) => r.path === '/gateway/bot')).toHaveLength(1);
    standIn.assertNoViolations();
  });
});
