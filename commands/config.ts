import { ApplicationCommandOptionType, ChannelType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { onOffOption } from './shared-options.js';

const timezoneOption = { type: ApplicationCommandOptionType.String, name: 'timezone', description: 'IANA time zone, e.g. Asia/Baku', autocomplete: true, max_length: 64 } as const;

export const configCommand = {
  name: 'config',
  description: 'Server settings for Gazette (moderators)',
  contexts: [InteractionContextType.Guild],
  options: [
    { type: ApplicationCommandOptionType.Subcommand, name: 'show', description: 'Show this server’s settings' },
    { type: ApplicationCommandOptionType.Subcommand, name: 'audit', description: 'What moderators changed lately (sources, routes, tags, stories, settings)' },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'moderator-role',
      description: 'Members with this role may curate (needs Manage Server; leave empty to clear)',
      options: [{ type: ApplicationCommandOptionType.Role, name: 'role', description: 'The moderator role' }],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'digest',
      description: 'Post the period’s top stories to a channel on a schedule',
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'schedule',
          description: 'How often',
          required: true,
          choices: [
            { name: 'daily', value: 'daily' },
            { name: 'weekly (Mondays)', value: 'weekly' },
            { name: 'off', value: 'off' },
          ],
        },
        { type: ApplicationCommandOptionType.Channel, name: 'channel', description: 'Where the digest goes', channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement] },
        { type: ApplicationCommandOptionType.String, name: 'time', description: 'Time of day, HH:MM (24-hour; default 08:00)', min_length: 4, max_length: 5 },
        timezoneOption,
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'submissions',
      description: 'Whether member submissions need a moderator’s approval',
      options: [
        { type: ApplicationCommandOptionType.Boolean, name: 'approval', description: 'Require approval', required: true },
        { type: ApplicationCommandOptionType.Channel, name: 'review-channel', description: 'Where moderators approve them (needed with approval)', channel_types: [ChannelType.GuildText] },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'log-channel',
      description: 'Where Gazette tells moderators about broken or quiet sources (leave empty to turn off)',
      options: [{ type: ApplicationCommandOptionType.Channel, name: 'channel', description: 'A text channel moderators read', channel_types: [ChannelType.GuildText] }],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'post-as-outlet',
      description: 'Post stories in a channel under their outlet’s name and icon, through a Gazette webhook',
      options: [
        { type: ApplicationCommandOptionType.Channel, name: 'channel', description: 'A text channel Gazette posts stories in', required: true, channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement] },
        onOffOption,
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'follows',
      description: 'Let members get personal alerts by direct message (/follow), or not',
      options: [
        onOffOption,
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'timezone',
      description: 'The server’s time zone (digests and dates)',
      options: [{ ...timezoneOption, required: true }],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'language',
      description: 'The language posts are written in: summaries in others are translated (if set up) or labelled',
      options: [{ type: ApplicationCommandOptionType.String, name: 'code', description: 'ISO 639-1 code or name, e.g. en, ru, Georgian', required: true, autocomplete: true, max_length: 40 }],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'region',
      description: 'Change which countries form a region (leave countries empty to restore the default)',
      options: [
        { type: ApplicationCommandOptionType.String, name: 'region', description: 'Region (existing or new)', required: true, autocomplete: true, max_length: 50 },
        { type: ApplicationCommandOptionType.String, name: 'countries', description: 'Countries, comma-separated: names or ISO codes', max_length: 1000 },
      ],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;
