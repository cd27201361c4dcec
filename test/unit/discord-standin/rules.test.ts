// The stand-in's rule checks on their own: schema errors in Discord's shape, the limits the spec misses,
// mention judgement, route patterns for fault injection, and the permission algorithm.
import * as spec from 'discord-api-spec/zod';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { judgeMentions } from '../../helpers/discord/mentions.js';
import { autocompleteLimitErrors, commandListErrors, messageLimitErrors, modalLimitErrors } from '../../helpers/discord/limits.js';
import { channelPermissions } from '../../helpers/discord/permissions.js';
import { routeMatcher } from '../../helpers/discord/rate-limits.js';
import { createSnowflakes } from '../../helpers/discord/snowflake.js';
import { addChannel, addGuild, addMember, addRole, createState } from '../../helpers/discord/state.js';
import { discordErrorTree, schemaErrors } from '../../helpers/discord/validation.js';

const button = (custom_id?: string) => ({ type: 2, style: 1, label: 'b', ...(custom_id ? { custom_id } : {}) });
const codes = (errors: Array<{ code: string; path: Array<string | number> }>) => errors.map((e) => `${e.path.join('.')}:${e.code}`);

describe('discord stand-in rules', () => {
  it('reports schema failures as a Discord error tree, picking the union branch whose type matched', () => {
    const errors = schemaErrors(spec.MessageCreateRequestSchema, {
      embeds: [{ title: 't'.repeat(300), url: 'not a url' }],
      components: [{ type: 1, components: [{ type: 2, style: 9, custom_id: 'x' }] }],
    });
    expect(codes(errors).sort()).toEqual(['components.0.components.0.style:BASE_TYPE_CHOICES', 'embeds.0.title:BASE_TYPE_MAX_LENGTH', 'embeds.0.url:URL_TYPE_INVALID_URL']);
    expect(discordErrorTree(errors)).toMatchObject({ embeds: { 0: { title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 256 or fewer in length.' }] } } } });
    expect(codes(schemaErrors(spec.MessageCreateRequestSchema, { components: [{ type: 99 }] }))).toEqual(['components.0.type:UNION_TYPE_CHOICES']);
  });

  it('follows Discord where the spec is stricter: permission strings and offset timestamps', () => {
    expect(schemaErrors(spec.ApplicationCommandCreateRequestSchema, { name: 'a', description: 'b', default_member_permissions: '32' })).toEqual([]);
    expect(schemaErrors(spec.MessageCreateRequestSchema, { embeds: [{ timestamp: '2025-03-01T10:00:00+02:00' }] })).toEqual([]);
    expect(codes(schemaErrors(spec.MessageCreateRequestSchema, { embeds: [{ timestamp: 'yesterday' }] }))).toEqual(['embeds.0.timestamp:DATE_TYPE_PARSE']);
  });

  it('checks the message limits the spec misses', () => {
    const rows = Array.from({ length: 6 }, (_, i) => ({ type: 1, components: [button(`b${i}`)] }));
    expect(codes(messageLimitErrors({ content: 'c'.repeat(2001), components: rows }))).toEqual(['content:BASE_TYPE_MAX_LENGTH', 'components:BASE_TYPE_MAX_LENGTH']);
    expect(codes(messageLimitErrors({ components: [{ type: 1, components: [button(), button('same'), button('same')] }] }))).toEqual([
      'components.0.components.0.custom_id:BASE_TYPE_REQUIRED',
      'components.0.components.2.custom_id:COMPONENT_CUSTOM_ID_DUPLICATED',
    ]);
    const fields = Array.from({ length: 6 }, () => ({ name: 'n', value: 'v'.repeat(1000) }));
    expect(codes(messageLimitErrors({ embeds: [{ fields }] }))).toEqual(['embeds:MAX_EMBED_SIZE_EXCEEDED']);
    expect(messageLimitErrors({ content: 'fine', embeds: [{ title: 'ok' }], components: [{ type: 1, components: [button('a')] }] })).toEqual([]);
    // Empty field names or values, and buttons with neither label nor emoji, are refused by Discord.
    expect(codes(messageLimitErrors({ embeds: [{ fields: [{ name: ' ', value: 'v' }, { name: 'n', value: '' }] }] }))).toEqual([
      'embeds.0.fields.0.name:BASE_TYPE_REQUIRED',
      'embeds.0.fields.1.value:BASE_TYPE_REQUIRED',
    ]);
    expect(codes(messageLimitErrors({ components: [{ type: 1, components: [{ type: 2, style: 1, custom_id: 'x' }, { type: 2, style: 1, custom_id: 'y', emoji: { name: '👍' } }] }] }))).toEqual([
      'components.0.components.0.label:BUTTON_COMPONENT_INVALID',
    ]);
  });

  it('takes only web addresses in embeds and link buttons, as Discord does', () => {
    const body = {
      embeds: [{ url: 'file:///etc/passwd', thumbnail: { url: 'attachment://a.png' }, image: { url: 'ftp://x.org/a.png' } }],
      components: [{ type: 1, components: [{ type: 2, style: 5, label: 'a', url: 'file:///a' }, { type: 2, style: 5, label: 'b', url: 'discord://-/channels/1/2' }] }],
    };
    expect(codes(messageLimitErrors(body))).toEqual(['embeds.0.url:URL_TYPE_INVALID_SCHEME', 'embeds.0.image.url:URL_TYPE_INVALID_SCHEME', 'components.0.components.0.url:URL_TYPE_INVALID_SCHEME']);
    expect(messageLimitErrors({ embeds: [{ url: 'https://x.org/', thumbnail: { url: 'http://x.org/a.png' } }] })).toEqual([]);
  });

  it('checks autocomplete, modal and command registration limits', () => {
    expect(codes(autocompleteLimitErrors({ choices: [{ name: 'n', value: 'v'.repeat(101) }] }, ['data']))).toEqual(['data.choices.0.value:BASE_TYPE_MAX_LENGTH']);
    const tooMany = Array.from({ length: 26 }, (_, i) => ({ name: `n${i}`, value: `v${i}` }));
    expect(codes(schemaErrors(spec.ApplicationCommandAutocompleteCallbackRequestSchema, { type: 8, data: { choices: tooMany } }))).toContain('data.choices:BASE_TYPE_MAX_LENGTH');
    expect(codes(schemaErrors(spec.ModalInteractionCallbackRequestSchema, { type: 9, data: { custom_id: 'm', title: 't'.repeat(46), components: [{ type: 10, content: 'x' }] } }))).toEqual(['data.title:BASE_TYPE_MAX_LENGTH']);
    expect(modalLimitErrors({ components: Array.from({ length: 6 }, () => ({ type: 10, content: 'x' })) }, ['data'])).toHaveLength(1);
    const commands = [
      { name: 'Upper', description: 'd' },
      { name: 'ok', description: '' },
      { name: 'opts', description: 'd', options: [{ type: 3, name: 'a', description: 'd' }, { type: 3, name: 'b', description: 'd', required: true }] },
      { name: 'ok', description: 'dup' },
    ];
    expect(codes(commandListErrors(commands))).toEqual([
      '0.name:APPLICATION_COMMAND_INVALID_NAME',
      '1.description:BASE_TYPE_REQUIRED',
      '2.options.1.required:APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
      '3.name:APPLICATION_COMMANDS_DUPLICATE_NAME',
    ]);
  });

  it('judges whether a body could or would ping', () => {
    expect(judgeMentions({ content: '<@1> <@&2> @here' }, null)).toMatchObject({ couldPing: true, pings: ['<@1>', '<@&2>', '@everyone'] });
    expect(judgeMentions({ content: '<@1> @everyone', allowed_mentions: { parse: [] } }, null)).toMatchObject({ couldPing: false, pings: [] });
    expect(judgeMentions({ content: '<@1> <@3>', allowed_mentions: { parse: [], users: ['3'] } }, null)).toMatchObject({ couldPing: true, pings: ['<@3>'] });
    expect(judgeMentions({ content: 'reply', message_reference: {} }, '9')).toMatchObject({ couldPing: true, pings: ['reply:<@9>'] });
    expect(judgeMentions({ content: 'reply', allowed_mentions: { parse: [] } }, '9')).toMatchObject({ couldPing: false, pings: [] });
    // Allowed is not enough: a role that is not mentionable, and @everyone, need the author's Mention Everyone.
    const plainBot = { everyone: false, role: (id: string) => id === '5' };
    expect(judgeMentions({ content: '<@&2> <@&5> @everyone', allowed_mentions: { parse: ['roles', 'everyone'] } }, null, plainBot)).toMatchObject({ pings: ['<@&5>'], roles: ['5'], everyone: false });
  });

  it('matches fault routes by method, parameters and wildcards', () => {
    expect(routeMatcher('POST /channels/:id/messages')('POST', '/channels/5/messages')).toBe(true);
    expect(routeMatcher('POST /channels/:id/messages')('PATCH', '/channels/5/messages')).toBe(false);
    expect(routeMatcher('/channels/5/*')('DELETE', '/channels/5/messages/7')).toBe(true);
    expect(routeMatcher('/channels/5/*')('GET', '/channels/6/messages')).toBe(false);
    expect(routeMatcher(/webhooks/)('PATCH', '/webhooks/1/t/messages/@original')).toBe(true);
  });

  it('computes channel permissions from roles and overwrites like Discord', () => {
    const state = createState(createSnowflakes(), 'bot');
    const guild = addGuild(state, { name: 'g' });
    const mods = addRole(state, guild.id, { name: 'mods', permissions: PermissionFlagsBits.ManageMessages });
    const member = addMember(state, guild.id, { username: 'm', roles: [mods.id] });
    const admin = addMember(state, guild.id, { username: 'a', permissions: PermissionFlagsBits.Administrator });
    const channel = addChannel(state, guild.id, {
      name: 'c',
      type: 'text',
      permissionOverwrites: [
        { id: guild.id, type: 'role', deny: PermissionFlagsBits.SendMessages },
        { id: mods.id, type: 'role', allow: PermissionFlagsBits.SendMessages },
        { id: member.userId, type: 'member', deny: PermissionFlagsBits.ViewChannel },
      ],
    });
    const bits = (userId: string) => channelPermissions(state, channel, userId);
    expect(bits(state.botUserId) & PermissionFlagsBits.SendMessages).toBe(0n);
    expect(bits(member.userId)).toBe(0n);
    expect(bits(admin.userId) & PermissionFlagsBits.SendMessages).toBe(PermissionFlagsBits.SendMessages);
    expect(bits(guild.ownerId) & PermissionFlagsBits.ManageGuild).toBe(PermissionFlagsBits.ManageGuild);
  });
});
