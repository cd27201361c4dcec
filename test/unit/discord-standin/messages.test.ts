import { ActionRowBuilder, ButtonBuilder, ButtonStyle, ChannelType, EmbedBuilder, type TextChannel } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { connectPerTest, quiet, textChannel } from './setup.js';

const connectForTest = connectPerTest();

describe('discord stand-in: messages, threads and forum posts', () => {
  it('stores an embed with buttons, applies an edit, and lets a test await it', async () => {
    const env = await connectForTest();
    const { standIn, textId } = env;
    const channel = await textChannel(env);
    const embed = new EmbedBuilder().setTitle('Flooding in the valley').setDescription('Two rivers burst their banks.').setTimestamp(new Date());
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId('vote:up').setLabel('Useful').setStyle(ButtonStyle.Success),
      new ButtonBuilder().setURL('https://example.org/story').setLabel('Source').setStyle(ButtonStyle.Link),
    );
    const appeared = standIn.waitForMessage(textId, (m) => m.data.embeds[0]?.title === 'Flooding in the valley');
    const sent = await channel.send({ embeds: [embed], components: [row], allowedMentions: quiet });
    expect((await appeared).id).toBe(sent.id);
    await sent.edit({ embeds: [embed.setDescription('Updated: water receding.')], allowedMentions: quiet });
    const stored = standIn.message(sent.id)!;
    expect(stored.data.embeds[0]?.description).toBe('Updated: water receding.');
    expect(stored.versions[0]?.embeds[0]?.description).toBe('Two rivers burst their banks.');
    expect(stored.data.components?.[0]).toMatchObject({ type: 1, components: [{ custom_id: 'vote:up' }, { url: 'https://example.org/story' }] });
    const route = standIn.requests.find((r) => r.method === 'PATCH');
    expect(route?.route).toBe('PATCH /channels/:channelId/messages/:messageId');
    standIn.assertNoViolations();
    standIn.assertNothingCouldPing();
  });

  it('starts a thread from a message and creates a forum post with applied tags', async () => {
    const env = await connectForTest();
    const { standIn, client, textId, forumId } = env;
    const channel = await textChannel(env);
    const starter = await channel.send({ content: 'Discuss here', allowedMentions: quiet });
    const thread = await starter.startThread({ name: 'Valley floods' });
    expect(thread.id).toBe(starter.id);
    await thread.send({ content: 'First comment', allowedMentions: quiet });
    expect(standIn.threads(textId).map((t) => t.name)).toEqual(['Valley floods']);
    expect(standIn.messages(thread.id).map((m) => m.data.content)).toEqual(['First comment']);

    const forum = await client.channels.fetch(forumId);
    if (forum?.type !== ChannelType.GuildForum) throw new Error('expected the forum');
    const politics = standIn.forumTagId(forumId, 'Politics');
    const post = await forum.threads.create({ name: 'Election results', message: { content: 'Turnout was 71%.', allowedMentions: quiet }, appliedTags: [politics] });
    expect(post.appliedTags).toEqual([politics]);
    const [stored] = standIn.threads(forumId);
    expect(stored).toMatchObject({ name: 'Election results', applied_tags: [politics] });
    expect(standIn.messages(post.id).map((m) => m.data.content)).toEqual(['Turnout was 71%.']);

    await expect(forum.threads.create({ name: 'Bad tag', message: { content: 'x' }, appliedTags: ['123'] })).rejects.toMatchObject({ code: 50035 });
    expect(standIn.violations.map((v) => v.kind)).toEqual(['invalid-body']);
  });

  it('rejects an over-long embed title and a too-large embed set with 50035, recording both', async () => {
    const env = await connectForTest();
    const { standIn } = env;
    const channel = await textChannel(env);
    await expect(channel.send({ embeds: [{ title: 'x'.repeat(257) }], allowedMentions: quiet })).rejects.toMatchObject({
      status: 400,
      code: 50035,
      rawError: { errors: { embeds: { 0: { title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } } },
    });
    const big = Array.from({ length: 2 }, () => ({ description: 'y'.repeat(4000) }));
    await expect(channel.send({ embeds: big, allowedMentions: quiet })).rejects.toMatchObject({ code: 50035, rawError: { errors: { embeds: { _errors: [{ code: 'MAX_EMBED_SIZE_EXCEEDED' }] } } } });
    await expect(channel.send({ content: 'z'.repeat(2001), allowedMentions: quiet })).rejects.toMatchObject({ code: 50035 });
    expect(standIn.violations.map((v) => v.kind)).toEqual(['invalid-body', 'invalid-body', 'invalid-body']);
    expect(standIn.messages(env.textId)).toHaveLength(0);
  });

  it('reads multipart bodies: files are recorded as attachments', async () => {
    const env = await connectForTest();
    const { standIn, textId } = env;
    const channel = await textChannel(env);
    const sent = await channel.send({ content: 'export', files: [{ attachment: Buffer.from('a,b\n1,2\n'), name: 'stories.csv' }], allowedMentions: quiet });
    expect(sent.attachments.first()?.name).toBe('stories.csv');
    expect(standIn.messages(textId)[0]?.data).toMatchObject({ content: 'export', attachments: [{ filename: 'stories.csv' }] });
    standIn.assertNoViolations();
  });

  it('records an unknown route as a violation', async () => {
    const env = await connectForTest();
    const { standIn, client } = env;
    await expect(client.rest.get('/channels/1/no-such-thing')).rejects.toMatchObject({ status: 404 });
    expect(standIn.violations).toMatchObject([{ kind: 'unknown-route', method: 'GET', path: '/channels/1/no-such-thing' }]);
    expect(() => standIn.assertNoViolations()).toThrow(/unknown-route/);
  });

  it('flags messages that could ping and answers 403 when the bot may not post', async () => {
    const env = await connectForTest();
    const { standIn, guildId, memberId } = env;
    const channel = await textChannel(env);
    await channel.send({ content: `Hello <@${memberId}> and @everyone` });
    // The bot may not mention everyone here, so Discord notifies only the member; sent with no allowed_mentions at
    // all, the message is flagged anyway: what it could ping is judged from its policy, whatever the permissions.
    expect(standIn.mentionChecks).toMatchObject([{ couldPing: true, pings: [`<@${memberId}>`] }]);
    expect(() => standIn.assertNothingCouldPing()).toThrow(/could ping/);

    const hidden = standIn.addChannel(guildId, {
      name: 'mods',
      type: 'text',
      permissionOverwrites: [{ id: standIn.guild(guildId).botRoleId, type: 'role', deny: 1n << 11n }],
    });
    await standIn.waitFor(() => env.client.channels.cache.get(hidden), 1000, 'CHANNEL_CREATE to reach the client');
    const target = env.client.channels.cache.get(hidden) as TextChannel;
    await expect(target.send({ content: 'x', allowedMentions: quiet })).rejects.toMatchObject({ status: 403, code: 50013 });
  });
});
