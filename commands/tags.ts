import { ApplicationCommandOptionType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';

const tagName = (name: string, description: string) =>
  ({ type: ApplicationCommandOptionType.String, name, description, required: true, autocomplete: true, max_length: 50 }) as const;

// Moderator commands are visible to everyone and checked in the handler: a server's moderator role (set with
// /config moderator-role) may lack Manage Server, and default_member_permissions would hide them from it.
export const tagsCommand = {
  name: 'tags',
  description: 'Moderate tags',
  contexts: [InteractionContextType.Guild],
  options: [
    { type: ApplicationCommandOptionType.Subcommand, name: 'ban', description: 'Ban a tag: remove it from every story and refuse it from now on', options: [tagName('tag', 'The tag to ban')] },
    { type: ApplicationCommandOptionType.Subcommand, name: 'unban', description: 'Allow a banned tag again, on stories from now on', options: [tagName('tag', 'The banned tag')] },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'rename',
      description: 'Rename a tag everywhere (the old name keeps working)',
      options: [tagName('tag', 'The tag to rename'), { type: ApplicationCommandOptionType.String, name: 'to', description: 'The new name', required: true, min_length: 2, max_length: 50 }],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'merge',
      description: 'Merge one tag into another (the old name becomes an alias)',
      options: [tagName('from', 'The tag to merge away'), tagName('into', 'The tag to keep')],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;
