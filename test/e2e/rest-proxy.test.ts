// Two bot processes of one token spend one rate-limit budget when they go through `npm run rest-proxy`
// (@discordjs/proxy): the stand-in, which enforces Discord's per-channel message limit, then answers no request with
// 429; straight to Discord, each process paces only itself and together they exceed it.
import { DiscordAPIError, RateLimitError, REST, RESTEvents, Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchChannelBudgets } from '../../src/discord/delivery/channel-budgets.js';
import { renameRefused } from '../../src/discord/rename-refused.js';
import { startRestProxy, type RestProxy } from '../../src/discord/rest-proxy.js';
import { silentLogger } from '../../src/logger.js';
import { startDiscordStandIn, type DiscordStandIn } from '../helpers/discord/index.js';

const perWindow = 3;
const windowMs = 1_000;
const eachProcess = 6;

describe('the REST proxy shared by the processes of one token', () => {
  let discord: DiscordStandIn;
  let proxy: RestProxy;
  let channelId: string;

  beforeAll(async () => {
    discord = await startDiscordStandIn({ rateLimits: { messageCreates: { limit: perWindow, windowMs } } });
    const guildId = discord.addGuild({ name: 'Regional News' });
    channelId = discord.addChannel(guildId, { name: 'news', type: 'text' });
    proxy = await startRestProxy({ DISCORD_API_URL: discord.apiUrl, DISCORD_GLOBAL_RATE_LIMIT: 50, REST_PROXY_HOST: '127.0.0.1', REST_PROXY_PORT: 0 }, silentLogger);
  });
  afterAll(async () => {
    await proxy?.close();
    await discord?.close();
  });

  // Each REST client is what one bot process holds (discord.js's own); two of them are two processes.
  const processes = (api: string) => [0, 1].map(() => new REST({ api, retries: 3 }).setToken(discord.token));
  const post = (rests: REST[], label: string) =>
    Promise.all(rests.flatMap((rest, p) => Array.from({ length: eachProcess }, (_, i) => rest.post(Routes.channelMessages(channelId), { body: { content: `${label} ${p}-${i}` } }))));
  const tooMany = () => discord.requests.filter((r) => r.status === 429 && r.method === 'POST').length;

  it('straight to Discord, two processes together exceed a channel limit each respects alone', async () => {
    const before = tooMany();
    await post(processes(discord.apiUrl), 'direct');
    expect(tooMany() - before).toBeGreaterThan(0);
  });

  it('through the proxy, every message is posted and Discord never answers 429', async () => {
    await new Promise((r) => setTimeout(r, windowMs + 100)); // the last test's window is over
    const before = tooMany();
    const started = Date.now();
    await post(processes(`${proxy.origin}/api`), 'proxied');
    expect(tooMany() - before).toBe(0);
    expect(discord.messages(channelId).filter((m) => m.data.content?.startsWith('proxied'))).toHaveLength(2 * eachProcess);
    // Twelve messages at three a second take at least three windows: the proxy waited rather than sent.
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * windowMs);
  });

  it("passes Discord's own refusals on as they are: status, code and message", async () => {
    const [rest] = processes(`${proxy.origin}/api`);
    // A message that does not exist, and a token Discord does not know.
    const missing = await rest!.get(Routes.channelMessage(channelId, '1')).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(DiscordAPIError);
    expect(missing).toMatchObject({ status: 404, code: 10008 });
    const stranger = await new REST({ api: `${proxy.origin}/api`, retries: 0 }).setToken('not-the-token').get(Routes.channel(channelId)).catch((error: unknown) => error);
    expect(stranger).toMatchObject({ status: 401 });
  });

  it('resends the whole request when Discord refuses it once with 429', async () => {
    discord.failNext('POST /channels/:id/messages', { status: 429, retryAfter: 0.2 });
    const [rest] = processes(`${proxy.origin}/api`);
    const sent = (await rest!.post(Routes.channelMessages(channelId), { body: { content: 'retried in full' } })) as { id?: string };
    expect(typeof sent.id).toBe('string');
    expect(discord.messages(channelId).find((m) => m.data.id === sent.id)?.data.content).toBe('retried in full');
  });

  it("tells a bot that a channel's bucket is spent, under names its discord.js does not pace itself by", async () => {
    await new Promise((r) => setTimeout(r, windowMs + 100));
    const [rest] = processes(`${proxy.origin}/api`);
    const budgets = watchChannelBudgets(rest!);
    const raw: Headers[] = [];
    rest!.on(RESTEvents.Response, (_request, response) => void raw.push(response.headers));
    for (let i = 0; i < perWindow - 1; i++) await rest!.post(Routes.channelMessages(channelId), { body: { content: `budget ${i}` } });
    expect(budgets.freeAt(`POST channels/${channelId}`)).toBe(0);
    await rest!.post(Routes.channelMessages(channelId), { body: { content: 'budget spent' } });
    expect(budgets.freeAt(`POST channels/${channelId}`)).toBeGreaterThan(Date.now());
    expect(raw.every((h) => h.get('x-ratelimit-remaining') === null)).toBe(true);
  });

  it("refuses at once a rename over Discord's sublimit, as a bot's own client does, rather than hold the request", async () => {
    // The bot's client (src/discord/bot.ts), with a timeout short enough that a proxy waiting the limit out fails here.
    const bot = new REST({ api: `${proxy.origin}/api`, retries: 0, timeout: 5_000, rejectOnRateLimit: renameRefused }).setToken(discord.token);
    // A thread of the bot's own, which it may rename (a forum post, in the bot).
    const { id: renamed } = (await bot.post(Routes.threads(channelId), { body: { name: 'renamed', type: 11 } })) as { id: string };
    const rename = (name: string) => bot.patch(Routes.channel(renamed), { body: { name } });
    await rename('first');
    await rename('second');
    const started = Date.now();
    const refused = await rename('third').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateLimitError);
    expect(refused).toMatchObject({ method: 'PATCH', route: '/channels/:id' });
    expect((refused as RateLimitError).sublimitTimeout).toBeGreaterThan(60_000);
    expect(Date.now() - started).toBeLessThan(2_000);
    // Other requests on the channel go on.
    expect(await bot.get(Routes.channel(renamed))).toMatchObject({ name: 'second' });
  });

  it('drops a request still waiting for its bucket when the bot gave up on it, rather than send it later', async () => {
    await new Promise((r) => setTimeout(r, windowMs + 100));
    const [rest] = processes(`${proxy.origin}/api`);
    for (let i = 0; i < perWindow; i++) await rest!.post(Routes.channelMessages(channelId), { body: { content: `filler ${i}` } });
    // The bucket is spent for the rest of the window: this one waits in the proxy, and the bot stops waiting first.
    // A forum post or a webhook post abandoned so is looked for and made again by the bot (creation-requests.ts):
    // were the proxy to send it too, when the window opens, it would be made twice.
    const impatient = new REST({ api: `${proxy.origin}/api`, retries: 0, timeout: 150 }).setToken(discord.token);
    await expect(impatient.post(Routes.channelMessages(channelId), { body: { content: 'given up' } })).rejects.toThrow();
    await new Promise((r) => setTimeout(r, windowMs + 300));
    expect(discord.messages(channelId).filter((m) => m.data.content === 'given up')).toHaveLength(0);
  });
});

/** The most requests that arrived within any `windowMs` (the stand-in's arrival times). */
function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; last < sorted.length; last++) {
    while (sorted[last]! - sorted[first]! >= windowMs) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

describe('a token whose global limit Discord raised (DISCORD_GLOBAL_RATE_LIMIT)', () => {
  const raised = 120;
  let discord: DiscordStandIn;
  let proxy: RestProxy;
  let channelIds: string[];

  beforeAll(async () => {
    discord = await startDiscordStandIn({ rateLimits: { globalPerSecond: raised } });
    const guildId = discord.addGuild({ name: 'Regional News' });
    // Ten channels, so that no route's own bucket (50 a second per channel) is what paces the requests.
    channelIds = Array.from({ length: 10 }, (_, i) => discord.addChannel(guildId, { name: `news-${i}`, type: 'text' }));
    proxy = await startRestProxy({ DISCORD_API_URL: discord.apiUrl, DISCORD_GLOBAL_RATE_LIMIT: raised, REST_PROXY_HOST: '127.0.0.1', REST_PROXY_PORT: 0 }, silentLogger);
  });
  afterAll(async () => {
    await proxy?.close();
    await discord?.close();
  });

  it('is used by the proxy: more than 50 requests go out in a second, never more than the raised limit', async () => {
    const rest = new REST({ api: `${proxy.origin}/api`, globalRequestsPerSecond: raised, retries: 0 }).setToken(discord.token);
    await Promise.all(Array.from({ length: 2 * raised }, (_, i) => rest.get(Routes.channel(channelIds[i % channelIds.length]!))));
    const sent = discord.requests.filter((r) => r.route === 'GET /channels/:channelId');
    expect(sent).toHaveLength(2 * raised);
    expect(sent.filter((r) => r.status === 429)).toHaveLength(0);
    const busiest = busiestWindow(sent.map((r) => r.at), 1_000);
    expect(busiest).toBeGreaterThan(50);
    expect(busiest).toBeLessThanOrEqual(raised);
  });
});

describe('the REST proxy when Discord cannot be reached', () => {
  let proxy: RestProxy;
  beforeAll(async () => {
    // Nothing listens on port 1: every request is refused before any answer.
    proxy = await startRestProxy({ DISCORD_API_URL: 'http://127.0.0.1:1/api', DISCORD_GLOBAL_RATE_LIMIT: 50, REST_PROXY_HOST: '127.0.0.1', REST_PROXY_PORT: 0 }, silentLogger);
  });
  afterAll(async () => {
    await proxy?.close();
  });

  it('answers 502, not an empty 200 a bot would take for Discord’s answer', async () => {
    for (const method of ['GET', 'PATCH']) {
      const res = await fetch(`${proxy.origin}/api/v10/channels/1`, { method, headers: { authorization: 'Bot x', 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
      expect(res.status).toBe(502);
    }
  });
});
