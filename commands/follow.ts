import { ApplicationCommandOptionType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { maxId } from './shared-options.js';

// The bounds of `every` are written here (commands/ are plain data); src/discord/commands/follow.ts reads them back.
export const alertEveryBounds = { min_value: 10, max_value: 1440 } as const;

const clockOption = (name: 'quiet-start' | 'quiet-end', description: string) =>
  ({ type: ApplicationCommandOptionType.String, name, description, min_length: 1, max_length: 5 }) as const;

export const followCommand = {
  name: 'follow',
  description: 'Get a direct message when stories about what you follow arrive',
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'add',
      description: 'Follow a country, a region, a tag or a word',
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'kind',
          description: 'What to follow',
          required: true,
          choices: [
            { name: 'country', value: 'country' },
            { name: 'region', value: 'region' },
            { name: 'tag', value: 'tag' },
            { name: 'keyword (a word or "a phrase")', value: 'keyword' },
          ],
        },
        { type: ApplicationCommandOptionType.String, name: 'value', description: 'The country, region, tag, or word or "phrase"', required: true, autocomplete: true, min_length: 2, max_length: 100 },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'remove',
      description: 'Stop following something',
      options: [{ type: ApplicationCommandOptionType.Integer, name: 'follow', description: 'What you follow (type to search)', required: true, autocomplete: true, min_value: 1, max_value: maxId }],
    },
    { type: ApplicationCommandOptionType.Subcommand, name: 'list', description: 'What you follow in this server, and your alert settings' },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'settings',
      description: 'When alerts may reach you (all servers)',
      options: [
        { type: ApplicationCommandOptionType.String, name: 'timezone', description: 'Your IANA time zone, e.g. Asia/Tbilisi', autocomplete: true, max_length: 64 },
        clockOption('quiet-start', 'No alerts from this time, HH:MM (24-hour), or "off"'),
        clockOption('quiet-end', 'No alerts until this time, HH:MM (24-hour)'),
        { type: ApplicationCommandOptionType.Integer, name: 'every', description: 'Minutes between two alert messages (default 60)', ...alertEveryBounds },
      ],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;
