// Option shapes several commands share. Plain data, deployable with nothing but discord-api-types.
import { ApplicationCommandOptionType, ChannelType } from 'discord-api-types/v10';

export const postableChannelTypes = [ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.GuildForum] as const;

export const regionOption = {
  type: ApplicationCommandOptionType.String,
  name: 'region',
  description: 'Only stories in this region',
  autocomplete: true,
  max_length: 60,
} as const;

export const tagOption = {
  type: ApplicationCommandOptionType.String,
  name: 'tag',
  description: 'Only stories with this tag',
  autocomplete: true,
  max_length: 50,
} as const;

export const publicOption = {
  type: ApplicationCommandOptionType.Boolean,
  name: 'public',
  description: 'Show the answer to everyone in the channel (default: only you)',
} as const;

/** The largest story, article, source or route number there is (PostgreSQL int4): larger ones are refused by Discord. */
export const maxId = 2_147_483_647;

export const sourceIdOption = {
  type: ApplicationCommandOptionType.Integer,
  name: 'source',
  description: 'The source (type to search)',
  required: true,
  autocomplete: true,
  min_value: 1,
  max_value: maxId,
} as const;

// A mutable tuple type (not `as const`): Discord's option types take `choices` as a plain array, and a readonly one
// from another module does not satisfy them.
const onOffChoices: [{ name: 'on'; value: 'on' }, { name: 'off'; value: 'off' }] = [
  { name: 'on', value: 'on' },
  { name: 'off', value: 'off' },
];

/** A required `state` of on or off, for a setting a moderator switches. */
export const onOffOption = {
  type: ApplicationCommandOptionType.String,
  name: 'state',
  description: 'On or off',
  required: true,
  choices: onOffChoices,
} as const;
