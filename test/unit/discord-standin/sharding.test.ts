import { afterEach, describe, expect, it } from 'vitest';
import { startDiscordStandIn, type DiscordStandIn, type StandInOptions } from '../../helpers/discord/index.js';
import { identify, INTENTS, type RawSession } from './gateway-client.js';

let standIn: DiscordStandIn | undefined;
const sessions: RawSession[] = [];
afterEach(async () => {
  for (const session of sessions.splice(0)) session.close();
  await standIn?.close();
  standIn = undefined;
});

async function start(options: StandInOptions = {}): Promise<DiscordStandIn> {
  return (standIn = await startDiscordStandIn(options));
}

async function open(discord: DiscordStandIn, shard?: [number, number], intents?: number): Promise<RawSession> {
  const session = await identify(discord, shard, intents);
  sessions.push(session);
  return session;
}

async function api(discord: DiscordStandIn, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${discord.apiUrl}/v10${path}`, {
    method,
    headers: { authorization: `Bot ${discord.token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(res.status, `${method} ${path}`).toBeLessThan(300);
  return res.status === 204 ? {} : ((await res.json()) as Record<string, unknown>);
}

const idsOf = (list: Array<{ id?: string; guild_id?: string }>) => list.map((x) => x.guild_id ?? x.id).sort();

describe('discord stand-in: guilds routed to shards', () => {
  it('places guilds on chosen shards and sends each session only its guilds in READY and GUILD_CREATE', async () => {
    const discord = await start();
    const g0 = discord.addGuild({ name: 'Zero', shard: [0, 2] });
    const g1a = discord.addGuild({ name: 'One A', shard: [1, 2] });
    const g1b = discord.addGuild({ name: 'One B', shard: [1, 2] });
    expect([g0, g1a, g1b].map((id) => discord.shardOf(id, 2))).toEqual([0, 1, 1]);
    expect(Number((BigInt(g0) >> 22n) % 2n)).toBe(0); // Discord's formula, spelled out
    expect(() => discord.addGuild({ id: g0, name: 'Clash', shard: [1, 2] })).toThrow(/shard 0 of 2/);

    const [s0, s1, whole] = await Promise.all([open(discord, [0, 2]), open(discord, [1, 2]), open(discord)]);
    expect(idsOf(s0.dispatches<{ guilds: Array<{ id: string }> }>('READY')[0]!.guilds)).toEqual([g0]);
    expect(idsOf(s0.dispatches('GUILD_CREATE'))).toEqual([g0]);
    expect(idsOf(s1.dispatches<{ guilds: Array<{ id: string }> }>('READY')[0]!.guilds)).toEqual([g1a, g1b].sort());
    expect(idsOf(s1.dispatches('GUILD_CREATE'))).toEqual([g1a, g1b].sort());
    expect(s1.dispatches<{ shard: number[] }>('READY')[0]!.shard).toEqual([1, 2]);
    // A session without `shard` is shard 0 of 1 and serves everything, as before.
    expect(idsOf(whole.dispatches('GUILD_CREATE'))).toEqual([g0, g1a, g1b].sort());

    // A guild (and its channel) added later reaches its shard only.
    const late = discord.addGuild({ name: 'Late', shard: [0, 2] });
    discord.addChannel(late, { name: 'late-news', type: 'text' });
    await Promise.all([s0.sync(), s1.sync(), whole.sync()]);
    expect(idsOf(s0.dispatches('GUILD_CREATE'))).toEqual([g0, late].sort());
    expect(s0.dispatches('CHANNEL_CREATE')).toHaveLength(1);
    expect(idsOf(s1.dispatches('GUILD_CREATE'))).toEqual([g1a, g1b].sort());
    expect(s1.dispatches('CHANNEL_CREATE')).toHaveLength(0);
    expect(whole.dispatches('CHANNEL_CREATE')).toHaveLength(1);
    discord.assertNoViolations();
  });

  it('dispatches an interaction and a guild message to the owning shard only, and DMs to shard 0', async () => {
    const discord = await start();
    const g0 = discord.addGuild({ name: 'Zero', shard: [0, 2] });
    const g1 = discord.addGuild({ name: 'One', shard: [1, 2] });
    const channel1 = discord.addChannel(g1, { name: 'news', type: 'text' });
    const reader = discord.addMember(g1, { username: 'reader' });
    discord.addMember(g0, { userId: reader, username: 'reader' });
    await api(discord, 'PUT', `/applications/${discord.applicationId}/commands`, [{ name: 'ping', description: 'Replies with pong' }]);

    const intents = INTENTS.guilds | INTENTS.guildMessages | INTENTS.directMessages;
    const [s0, s1] = await Promise.all([open(discord, [0, 2], intents), open(discord, [1, 2], intents)]);
    const ix = discord.slash(g1, reader, channel1, 'ping');
    await api(discord, 'POST', `/interactions/${ix.id}/${ix.token}/callback`, { type: 4, data: { content: 'pong', allowed_mentions: { parse: [] } } });
    await api(discord, 'POST', `/channels/${channel1}/messages`, { content: 'guild news', allowed_mentions: { parse: [] } });
    const dm = await api(discord, 'POST', '/users/@me/channels', { recipient_id: reader });
    await api(discord, 'POST', `/channels/${String(dm.id)}/messages`, { content: 'a private note', allowed_mentions: { parse: [] } });
    await Promise.all([s0.sync(), s1.sync()]);

    expect(s1.dispatches<{ id: string }>('INTERACTION_CREATE').map((d) => d.id)).toEqual([ix.id]);
    expect(s0.dispatches('INTERACTION_CREATE')).toEqual([]);
    const contents = (s: RawSession) => s.dispatches<{ content: string; guild_id?: string }>('MESSAGE_CREATE').map((m) => [m.content, m.guild_id ?? null]);
    expect(contents(s1)).toEqual([['pong', g1], ['guild news', g1]]);
    expect(contents(s0)).toEqual([['a private note', null]]);
    discord.assertNoViolations();
  });
});

describe('discord stand-in: GET /gateway/bot and identify limits', () => {
  it('announces the recommended shard count and max_concurrency, and counts session starts', async () => {
    const discord = await start({ gateway: { recommendedShards: 4, maxConcurrency: 2 } });
    const before = await api(discord, 'GET', '/gateway/bot');
    expect(before).toMatchObject({ url: discord.gatewayUrl, shards: 4, session_start_limit: { max_concurrency: 2, total: 1000, remaining: 1000 } });
    await open(discord, [3, 4]);
    expect(await api(discord, 'GET', '/gateway/bot')).toMatchObject({ session_start_limit: { remaining: 999 } });
    expect(discord.identifies()).toMatchObject([{ shard: [3, 4], accepted: true }]);
    expect(discord.gatewaySessions()).toMatchObject([{ shard: [3, 4], connected: true }]);

    const plain = await startDiscordStandIn();
    try {
      expect(await api(plain, 'GET', '/gateway/bot')).toMatchObject({ shards: 1, session_start_limit: { max_concurrency: 1 } });
    } finally {
      await plain.close();
    }
  });

  it('refuses a second IDENTIFY of one bucket within 5 s with op 9 and records it', async () => {
    const discord = await start({ gateway: { maxConcurrency: 1, enforceIdentifyLimit: true } });
    const first = await open(discord, [0, 2]);
    const second = await open(discord, [1, 2]);
    expect(first.dispatches('READY')).toHaveLength(1);
    expect(second.packets.filter((p) => p.op === 9)).toEqual([{ op: 9, d: false }]);
    expect(second.dispatches('READY')).toHaveLength(0);
    expect(discord.identifies().map((r) => [r.shard, r.accepted])).toEqual([[[0, 2], true], [[1, 2], false]]);
    expect(discord.violations.map((v) => v.kind)).toEqual(['identify-rate-limit']);
    expect(discord.violations[0]?.detail).toMatch(/shard \[1, 2\].*bucket 0/);
    expect(() => discord.assertNoViolations()).toThrow(/identify-rate-limit/);
  });

  // Windows are chosen so that no timing can flip an answer: a refusal is asserted only inside a window far longer
  // than any connect on a loaded machine, and an acceptance only after sleeping past a short one (a wait can only be
  // longer than asked, never shorter).
  it('lets one shard per bucket identify at once with max_concurrency 2, and refuses a bucket inside its window', async () => {
    const discord = await start({ gateway: { maxConcurrency: 2, enforceIdentifyLimit: true, identifyWindowMs: 60_000 } });
    const [s0, s1] = await Promise.all([open(discord, [0, 4]), open(discord, [1, 4])]);
    expect([s0, s1].map((s) => s.dispatches('READY').length)).toEqual([1, 1]);
    discord.assertNoViolations();

    const tooSoon = await open(discord, [2, 4]); // bucket 2 % 2 = 0, as shard 0's
    expect(tooSoon.packets.filter((p) => p.op === 9)).toEqual([{ op: 9, d: false }]);
    expect(tooSoon.dispatches('READY')).toHaveLength(0);
    expect(discord.identifies().map((r) => `${r.shard[0]}:${r.accepted}`).sort()).toEqual(['0:true', '1:true', '2:false']);
    expect(discord.violations.map((v) => v.kind)).toEqual(['identify-rate-limit']);
  });

  it('lets a bucket identify again once its window has passed', async () => {
    const windowMs = 300;
    const discord = await start({ gateway: { maxConcurrency: 2, enforceIdentifyLimit: true, identifyWindowMs: windowMs } });
    const first = await open(discord, [0, 4]);
    expect(first.dispatches('READY')).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, windowMs + 50));
    const later = await open(discord, [2, 4]); // the same bucket
    expect(later.dispatches('READY')).toHaveLength(1);
    expect(discord.identifies().map((r) => [r.shard, r.accepted])).toEqual([[[0, 4], true], [[2, 4], true]]);
    discord.assertNoViolations();
  });

  it('only counts identifies unless the limit is enforced, and closes 4010 for an impossible shard', async () => {
    const discord = await start();
    await open(discord, [0, 2]);
    const again = await open(discord, [0, 2]);
    expect(again.dispatches('READY')).toHaveLength(1);
    expect(discord.identifies().map((r) => r.shard)).toEqual([[0, 2], [0, 2]]);
    discord.assertNoViolations();

    const bad = await open(discord, [2, 2]);
    expect(await bad.closed).toBe(4010);
    expect(discord.violations.map((v) => v.kind)).toEqual(['gateway']);
  });
});
