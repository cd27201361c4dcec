import { ApplicationCommandOptionType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { maxId } from './shared-options.js';

const storyOption = { type: ApplicationCommandOptionType.Integer, name: 'story', description: 'Story number (shown on each post)', required: true, min_value: 1, max_value: maxId } as const;

export const tagCommand = {
  name: 'tag',
  description: 'Tag stories',
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'add',
      description: 'Add a tag to a story',
      options: [
        storyOption,
        { type: ApplicationCommandOptionType.String, name: 'tag', description: 'The tag (pick one or type a new one)', required: true, autocomplete: true, min_length: 2, max_length: 50 },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'remove',
      description: 'Remove a tag you added (moderators: any tag)',
      options: [
        storyOption,
        { type: ApplicationCommandOptionType.String, name: 'tag', description: 'The tag', required: true, autocomplete: true, max_length: 50 },
      ],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;
