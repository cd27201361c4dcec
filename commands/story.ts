import { ApplicationCommandOptionType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { maxId } from './shared-options.js';

const storyNumber = (name: string, description: string) =>
  ({ type: ApplicationCommandOptionType.Integer, name, description, required: true, min_value: 1, max_value: maxId }) as const;

// Moderator commands are visible to everyone and checked in the handler (see commands/tags.ts).
export const storyCommand = {
  name: 'story',
  description: 'Fix how articles are grouped into stories (moderators)',
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'split',
      description: 'Move an article that reports something else out of its story, into a story of its own',
      options: [
        storyNumber('story', 'Story number (shown on each post)'),
        { type: ApplicationCommandOptionType.Integer, name: 'article', description: 'The article to move out (pick one)', required: true, autocomplete: true, min_value: 1, max_value: maxId },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'merge',
      description: 'Merge a story into another that reports the same event',
      options: [storyNumber('story', 'The story to merge away'), storyNumber('into', 'The story to keep')],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;
