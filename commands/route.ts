import { ApplicationCommandOptionType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { maxId, postableChannelTypes, regionOption, tagOption } from './shared-options.js';

// 300 is maxFilterLength (src/pipeline/filter/filter.ts), written out so the definitions stay plain data;
// src/discord/commands/route.ts does not compile if the two disagree.
export const routeFilterOption = {
  type: ApplicationCommandOptionType.String,
  name: 'filter',
  description: 'Only route stories matching: words, "a phrase", -word, or, country:, region:, topic:, lang:',
  max_length: 300,
} as const;

export const routeCommand = {
  name: 'route',
  description: 'Send stories of a region or tag to a channel too (moderators)',
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'add',
      description: 'Route a region or a tag to a channel (give one of the two)',
      options: [
        { type: ApplicationCommandOptionType.Channel, name: 'channel', description: 'The channel', required: true, channel_types: [...postableChannelTypes] },
        { ...regionOption, description: 'Stories in this region' },
        { ...tagOption, description: 'Stories with this tag' },
        { type: ApplicationCommandOptionType.Role, name: 'role', description: 'Mention this role with each routed story (at most once per cool-down)' },
        { type: ApplicationCommandOptionType.Integer, name: 'cooldown', description: 'Minutes between two mentions of the role (default 60)', min_value: 1, max_value: 10_080 },
        routeFilterOption,
      ],
    },
    { type: ApplicationCommandOptionType.Subcommand, name: 'list', description: 'This server’s routes' },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'remove',
      description: 'Remove a route',
      options: [{ type: ApplicationCommandOptionType.Integer, name: 'route', description: 'The route (type to search)', required: true, autocomplete: true, min_value: 1, max_value: maxId }],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;
