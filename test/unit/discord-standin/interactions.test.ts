import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Events,
  MessageFlags,
  ModalBuilder,
  SlashCommandBuilder,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
  type Interaction,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, type Connected } from './setup.js';

let env: Connected | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const commands = [
  new SlashCommandBuilder().setName('ping').setDescription('Replies with pong'),
  new SlashCommandBuilder().setName('slow').setDescription('Defers, then edits'),
  new SlashCommandBuilder().setName('report').setDescription('Opens a modal'),
  new SlashCommandBuilder()
    .setName('source')
    .setDescription('Manage sources')
    .addSubcommandGroup((g) =>
      g
        .setName('feed')
        .setDescription('Feeds')
        .addSubcommand((s) =>
          s
            .setName('add')
            .setDescription('Add a feed')
            .addStringOption((o) => o.setName('url').setDescription('Feed URL').setRequired(true).setAutocomplete(true))
            .addIntegerOption((o) => o.setName('every').setDescription('Minutes').setMinValue(5))
            .addBooleanOption((o) => o.setName('paused').setDescription('Start paused'))
            .addChannelOption((o) => o.setName('channel').setDescription('Where to post')),
        ),
    ),
].map((c) => c.toJSON());

async function withCommands(handler: (interaction: Interaction) => Promise<void>): Promise<Connected> {
  const connected = await connect();
  await connected.client.application!.commands.set(commands);
  connected.client.on(Events.InteractionCreate, (interaction) => {
    void handler(interaction).catch(() => undefined);
  });
  return connected;
}

describe('discord stand-in: interactions', () => {
  it('dispatches a slash command with typed subcommand-group options and records the reply', async () => {
    let seen: unknown;
    let seenResponseId: string | undefined;
    env = await withCommands(async (i) => {
      if (!i.isChatInputCommand()) return;
      seen = {
        group: i.options.getSubcommandGroup(),
        sub: i.options.getSubcommand(),
        url: i.options.getString('url'),
        every: i.options.getInteger('every'),
        paused: i.options.getBoolean('paused'),
        channel: i.options.getChannel('channel')?.id,
        member: i.member?.user.id,
      };
      const response = await i.reply({ content: 'added', allowedMentions: { parse: [] }, withResponse: true });
      seenResponseId = response.resource?.message?.id;
    });
    const { standIn, guildId, memberId, textId } = env;
    const handle = standIn.slash(guildId, memberId, textId, 'source feed add', { url: 'https://example.org/rss', every: 15, paused: false, channel: textId });
    const life = await handle.settled();
    expect(seen).toEqual({ group: 'feed', sub: 'add', url: 'https://example.org/rss', every: 15, paused: false, channel: textId, member: memberId });
    expect(life.firstResponse?.type).toBe(4);
    // Answered in time: the interaction did not expire and no callback was refused (a late one would also be a
    // 'late-interaction-response' violation, which assertNoViolations below rules out).
    expect(life.expired).toBe(false);
    expect(life.rejectedCallbacks).toEqual([]);
    expect(standIn.messages(textId).map((m) => m.data.content)).toEqual(['added']);
    expect(seenResponseId).toBe(life.originalMessageId);
    expect(() => standIn.slash(guildId, memberId, textId, 'source feed add', { url: 'x', every: 1.5 })).toThrow(/integer/);
    expect(() => standIn.slash(guildId, memberId, textId, 'source feed add', {})).toThrow(/requires option "url"/);
    standIn.assertNoViolations();
    standIn.assertNothingCouldPing();
  });

  it('records a deferred reply, its @original edit and a follow-up', async () => {
    env = await withCommands(async (i) => {
      if (!i.isChatInputCommand() || i.commandName !== 'slow') return;
      await i.deferReply();
      await i.editReply({ content: 'done after work', allowedMentions: { parse: [] } });
      await i.followUp({ content: 'one more thing', allowedMentions: { parse: [] } });
    });
    const { standIn, guildId, memberId, textId } = env;
    const life = await standIn.slash(guildId, memberId, textId, 'slow').settled({ until: (r) => r.followUps.length > 0 });
    expect(life.firstResponse?.type).toBe(5);
    expect(life.edits.map((e) => e.target)).toEqual(['@original']);
    const original = standIn.message(life.originalMessageId!);
    expect(original?.data.content).toBe('done after work');
    expect(original?.versions).toHaveLength(1);
    expect(original?.data.flags ?? 0).toBe(0);
    expect(standIn.messages(textId).map((m) => m.data.content)).toEqual(['done after work', 'one more thing']);
    standIn.assertNoViolations();
    standIn.assertNothingCouldPing();
  });

  it('lets a follow-up after a deferred reply replace the "thinking" message, and flags a reply that could ping', async () => {
    env = await withCommands(async (i) => {
      if (!i.isChatInputCommand() || i.commandName !== 'slow') return;
      await i.deferReply();
      await i.followUp({ content: `summary for <@${i.user.id}>` });
    });
    const { standIn, guildId, memberId, textId } = env;
    const life = await standIn.slash(guildId, memberId, textId, 'slow').settled();
    expect(standIn.messages(textId).map((m) => m.id)).toEqual([life.originalMessageId]);
    expect(standIn.message(life.originalMessageId!)?.data.content).toBe(`summary for <@${memberId}>`);
    expect(standIn.mentionChecks).toMatchObject([{ couldPing: true, pings: [`<@${memberId}>`] }]);
    expect(() => standIn.assertNothingCouldPing()).toThrow(/could ping/);
  });

  it('refuses a reply, a follow-up or an edit that would leave a message empty (50006), as Discord does', async () => {
    const refusals: string[] = [];
    const code = (e: unknown) => String((e as { code?: unknown }).code);
    env = await withCommands(async (i) => {
      if (!i.isChatInputCommand() || i.commandName !== 'slow') return;
      await i.reply({ content: '', embeds: [] }).catch((e: unknown) => refusals.push(`reply ${code(e)}`));
      await i.deferReply();
      await i.editReply({ content: 'done', allowedMentions: { parse: [] } });
      await i.editReply({ content: '' }).catch((e: unknown) => refusals.push(`edit ${code(e)}`));
      await i.followUp({ content: '' }).catch((e: unknown) => refusals.push(`followUp ${code(e)}`));
    });
    const { standIn, guildId, memberId, textId } = env;
    const life = await standIn.slash(guildId, memberId, textId, 'slow').settled({ until: () => refusals.length === 3 });
    expect(refusals).toEqual(['reply 50006', 'edit 50006', 'followUp 50006']);
    expect(standIn.message(life.originalMessageId!)?.data.content).toBe('done');
    expect(standIn.violations.filter((v) => v.kind === 'invalid-body')).toHaveLength(3);
  });

  it('answers a button with update and a select menu with a reply', async () => {
    env = await withCommands(async (i) => {
      if (i.isButton()) await i.update({ content: `voted by ${i.user.username}`, components: [], allowedMentions: { parse: [] } });
      if (i.isStringSelectMenu()) await i.reply({ content: `tagged ${i.values.join(',')}`, allowedMentions: { parse: [] } });
    });
    const { standIn, client, textId, memberId } = env;
    const channel = await client.channels.fetch(textId);
    if (!channel?.isSendable()) throw new Error('channel not sendable');
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId('vote:up').setLabel('Up').setStyle(ButtonStyle.Primary));
    const sent = await channel.send({ content: 'Story', components: [row], allowedMentions: { parse: [] } });
    const life = await standIn.button(sent.id, memberId, 'vote:up').settled();
    expect(life.firstResponse?.type).toBe(7);
    expect(standIn.message(sent.id)?.data.content).toBe('voted by reader');
    expect(standIn.message(sent.id)?.data.components).toEqual([]);
    expect(() => standIn.button(sent.id, memberId, 'vote:up')).toThrow(/no component/);

    const menu = new StringSelectMenuBuilder().setCustomId('tags').addOptions({ label: 'Floods', value: 'floods' }, { label: 'Roads', value: 'roads' });
    const picker = await channel.send({ content: 'Tag it', components: [new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu)], allowedMentions: { parse: [] } });
    expect(() => standIn.select(picker.id, memberId, 'tags', ['weather'])).toThrow(/no option/);
    const picked = await standIn.select(picker.id, memberId, 'tags', ['floods', 'roads']).settled();
    expect(standIn.message(picked.originalMessageId!)?.data.content).toBe('tagged floods,roads');
    standIn.assertNoViolations();
  });

  it('shows a modal and dispatches its submission as the same member', async () => {
    let submitted: string | undefined;
    env = await withCommands(async (i) => {
      if (i.isChatInputCommand() && i.commandName === 'report') {
        const input = new TextInputBuilder().setCustomId('reason').setLabel('Reason').setStyle(TextInputStyle.Paragraph);
        await i.showModal(new ModalBuilder().setCustomId('report-modal').setTitle('Report').addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input)));
      } else if (i.isModalSubmit()) {
        submitted = i.fields.getTextInputValue('reason');
        await i.reply({ content: 'thanks', flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
      }
    });
    const { standIn, guildId, memberId, textId } = env;
    const shown = standIn.slash(guildId, memberId, textId, 'report');
    expect((await shown.firstResponse()).type).toBe(9);
    expect(() => standIn.modalSubmit(shown, {})).toThrow(/requires field "reason"/);
    const life = await standIn.modalSubmit(shown, { reason: 'duplicate story' }).settled();
    expect(submitted).toBe('duplicate story');
    expect(life.firstResponse?.type).toBe(4);
    const reply = standIn.message(life.originalMessageId!);
    expect(reply?.ephemeral).toBe(true);
    expect(standIn.messages(textId, { includeEphemeral: false })).toHaveLength(0);
    standIn.assertNoViolations();
  });

  it('answers autocomplete with choices', async () => {
    let focused: unknown;
    env = await withCommands(async (i) => {
      if (!i.isAutocomplete()) return;
      focused = i.options.getFocused(true);
      await i.respond([{ name: 'Example feed', value: 'https://example.org/rss' }]);
    });
    const { standIn, guildId, memberId, textId } = env;
    const life = await standIn.autocomplete(guildId, memberId, textId, 'source feed add', { url: 'exa' }, 'url').settled();
    expect(focused).toMatchObject({ name: 'url', value: 'exa' });
    expect(life.firstResponse).toMatchObject({ type: 8, data: { choices: [{ name: 'Example feed', value: 'https://example.org/rss' }] } });
    standIn.assertNoViolations();
  });

  it('refuses a first response after 3 s with 10062 and records the violation', async () => {
    let lateReply: Promise<unknown> | undefined;
    env = await withCommands(async (i) => {
      if (!i.isChatInputCommand()) return;
      await new Promise((resolve) => setTimeout(resolve, 3100));
      lateReply = i.reply({ content: 'too late' }).then(() => null, (error: unknown) => error);
    });
    const { standIn, guildId, memberId, textId } = env;
    const handle = standIn.slash(guildId, memberId, textId, 'ping');
    await expect(handle.firstResponse()).rejects.toThrow(/did not respond/);
    await standIn.waitFor(() => handle.record.rejectedCallbacks.length > 0, 2000, 'the late reply to arrive');
    expect(await lateReply).toMatchObject({ code: 10062, status: 404 });
    expect(handle.record.rejectedCallbacks.map((c) => c.code)).toEqual([10062]);
    expect(standIn.violations.map((v) => v.kind).sort()).toEqual(['late-interaction-response', 'unanswered-interaction']);
    expect(() => standIn.assertNoViolations()).toThrow(/late-interaction-response/);
  });

  it('refuses a second acknowledgement with 40060', async () => {
    let second: Promise<unknown> | undefined;
    env = await withCommands(async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.reply({ content: 'one', allowedMentions: { parse: [] } });
      // Bypass discord.js's own "already replied" guard to reach the server, as a second process would.
      second = i.client.rest
        .post(`/interactions/${i.id}/${i.token}/callback`, { body: { type: 4, data: { content: 'two' } }, auth: false })
        .then(() => null, (error: unknown) => error);
    });
    const { standIn, guildId, memberId, textId } = env;
    const handle = standIn.slash(guildId, memberId, textId, 'ping');
    await standIn.waitFor(() => handle.record.rejectedCallbacks.length > 0, 2000, 'the second callback to arrive');
    expect(await second).toMatchObject({ code: 40060, status: 400 });
    expect(standIn.violations.map((v) => v.kind)).toEqual(['duplicate-interaction-response']);
  });
});
