import { ApplicationCommandOptionType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { maxId, publicOption, regionOption, tagOption } from './shared-options.js';

export const newsCommand = {
  name: 'news',
  description: 'Find and read stories',
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'search',
      description: 'Search stories by words in their title and summary',
      options: [
        { type: ApplicationCommandOptionType.String, name: 'query', description: 'Words to look for', required: true, min_length: 2, max_length: 200 },
        regionOption,
        tagOption,
        {
          type: ApplicationCommandOptionType.String,
          name: 'since',
          description: 'Only stories from this period',
          choices: [
            { name: 'last 24 hours', value: 'day' },
            { name: 'last 7 days', value: 'week' },
            { name: 'last 30 days', value: 'month' },
            { name: 'last year', value: 'year' },
          ],
        },
        publicOption,
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'top',
      description: 'The most significant stories, ranked by members’ votes',
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'period',
          description: 'Which period to rank (default: week)',
          choices: [
            { name: 'day', value: 'day' },
            { name: 'week', value: 'week' },
            { name: 'month', value: 'month' },
            { name: 'all time', value: 'all' },
          ],
        },
        regionOption,
        tagOption,
        publicOption,
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'latest',
      description: 'The newest stories',
      options: [
        regionOption,
        tagOption,
        { type: ApplicationCommandOptionType.Integer, name: 'source', description: 'Only stories from this source', autocomplete: true, min_value: 1, max_value: maxId },
        publicOption,
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'story',
      description: 'One story with its summary, every source, tags and votes',
      options: [
        { type: ApplicationCommandOptionType.Integer, name: 'id', description: 'Story number (shown on each post)', required: true, min_value: 1, max_value: maxId },
        publicOption,
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'tags',
      description: 'The most used tags',
      options: [publicOption],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'submit',
      description: 'Share an article: Gazette summarizes and posts it (or queues it for moderators)',
      options: [
        { type: ApplicationCommandOptionType.String, name: 'url', description: 'Link to the article', required: true, max_length: 2000 },
      ],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;
