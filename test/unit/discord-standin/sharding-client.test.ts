// discord.js itself against a sharded stand-in: `shards: 'auto'` follows GET /gateway/bot, starts its shards within
// max_concurrency without tripping the enforced identify limit, and each guild's events arrive on its own shard.
import { Client, Events, GatewayIntentBits, type GatewayDispatchPayload } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startDiscordStandIn, type DiscordStandIn } from '../../helpers/discord/index.js';

let standIn: DiscordStandIn | undefined;
let client: Client | undefined;
afterEach(async () => {
  await client?.destroy();
  await standIn?.close();
  client = undefined;
  standIn = undefined;
});

describe('discord stand-in: discord.js with several shards', () => {
  it('starts the recommended shards and receives each guild, and its interactions, on the guild’s shard', async () => {
    const discord = (standIn = await startDiscordStandIn({ gateway: { recommendedShards: 4, maxConcurrency: 4, enforceIdentifyLimit: true } }));
    const guilds = [0, 1, 2, 3, 3].map((shard, i) => discord.addGuild({ name: `Guild ${i}`, shard: [shard, 4] }));
    const channel = discord.addChannel(guilds[3]!, { name: 'news', type: 'text' });
    const reader = discord.addMember(guilds[3]!, { username: 'reader' });

    client = new Client({ intents: [GatewayIntentBits.Guilds], shards: 'auto', rest: { api: discord.apiUrl } });
    const bot = client;
    const ready = new Promise<void>((resolve) => bot.once(Events.ClientReady, () => resolve()));
    await bot.login(discord.token);
    await ready;
    await bot.application!.commands.set([{ name: 'ping', description: 'Replies with pong' }]);

    expect(bot.options.shardCount).toBe(4);
    expect(discord.identifies().map((r) => r.shard[0]).sort()).toEqual([0, 1, 2, 3]);
    for (const id of guilds) expect(bot.guilds.cache.get(id)?.shardId).toBe(discord.shardOf(id, 4));

    const arrivals: number[] = [];
    bot.on(Events.Raw, (packet: GatewayDispatchPayload, shardId: number) => {
      if (packet.t === 'INTERACTION_CREATE') arrivals.push(shardId);
    });
    bot.on(Events.InteractionCreate, (interaction) => {
      if (interaction.isChatInputCommand()) void interaction.reply({ content: 'pong', allowedMentions: { parse: [] } });
    });
    const ix = discord.slash(guilds[3]!, reader, channel, 'ping');
    await ix.settled();
    expect(ix.record.firstResponse?.type).toBe(4);
    expect(arrivals).toEqual([3]);
    discord.assertNoViolations();
  });

  it('spaces the IDENTIFYs of one bucket by 5 s, so an enforced limit sees no violation', { timeout: 20_000 }, async () => {
    const discord = (standIn = await startDiscordStandIn({ gateway: { recommendedShards: 2, maxConcurrency: 1, enforceIdentifyLimit: true } }));
    discord.addGuild({ name: 'Zero', shard: [0, 2] });
    discord.addGuild({ name: 'One', shard: [1, 2] });
    client = new Client({ intents: [GatewayIntentBits.Guilds], shards: 'auto', rest: { api: discord.apiUrl } });
    const bot = client;
    const ready = new Promise<void>((resolve) => bot.once(Events.ClientReady, () => resolve()));
    await bot.login(discord.token);
    await ready;
    const [first, second] = discord.identifies();
    expect([first?.accepted, second?.accepted]).toEqual([true, true]);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(4900);
    expect(bot.guilds.cache.size).toBe(2);
    discord.assertNoViolations();
  });
});
