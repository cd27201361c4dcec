import { ChannelType, SlashCommandBuilder } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, type Connected } from './setup.js';

let env: Connected | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe('discord stand-in: login and commands', () => {
  it('lets a real client log in and see its guild with channels', async () => {
    env = await connect();
    const { client, standIn, guildId, textId, forumId } = env;
    expect(client.user?.id).toBe(standIn.botUserId);
    const guild = client.guilds.cache.get(guildId);
    expect(guild?.name).toBe('Regional News');
    expect(guild?.channels.cache.get(textId)?.type).toBe(ChannelType.GuildText);
    const forum = guild?.channels.cache.get(forumId);
    expect(forum?.type).toBe(ChannelType.GuildForum);
    expect(forum && 'availableTags' in forum ? forum.availableTags.map((t) => t.name) : []).toEqual(['Politics', 'Economy']);
    standIn.assertNoViolations();
  });

  it('registers global and guild commands and keeps ids stable across re-registration', async () => {
    env = await connect();
    const { client, standIn, guildId } = env;
    const ping = new SlashCommandBuilder().setName('ping').setDescription('Replies with pong');
    const source = new SlashCommandBuilder()
      .setName('source')
      .setDescription('Manage news sources')
      .setDefaultMemberPermissions(32n)
      .addSubcommand((s) => s.setName('add').setDescription('Add a source').addStringOption((o) => o.setName('url').setDescription('Feed URL').setRequired(true)));
    const first = await client.application!.commands.set([ping.toJSON(), source.toJSON()]);
    expect([...first.values()].map((c) => c.name).sort()).toEqual(['ping', 'source']);
    const again = await client.application!.commands.set([ping.toJSON(), source.toJSON()]);
    expect(again.find((c) => c.name === 'ping')?.id).toBe(first.find((c) => c.name === 'ping')?.id);
    await client.application!.commands.set([ping.toJSON()], guildId);
    expect(standIn.commands(guildId).map((c) => c.name)).toEqual(['ping']);
    expect(standIn.commands().find((c) => c.name === 'source')?.default_member_permissions).toBe('32');
    standIn.assertNoViolations();
  });

  it('rejects an invalid command definition with 50035 and records it', async () => {
    env = await connect();
    const { client, standIn } = env;
    const bad = { name: 'Bad Name', description: 'x'.repeat(101) };
    await expect(client.application!.commands.set([bad])).rejects.toMatchObject({ code: 50035, status: 400 });
    expect(standIn.violations.map((v) => v.kind)).toEqual(['invalid-body']);
    expect(standIn.violations[0]?.detail).toMatch(/0\.name: APPLICATION_COMMAND_INVALID_NAME/);
    expect(standIn.violations[0]?.detail).toMatch(/0\.description: BASE_TYPE_MAX_LENGTH/);
  });
});
