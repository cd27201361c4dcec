import { ApplicationCommandOptionType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { postableChannelTypes, regionOption, sourceIdOption } from './shared-options.js';

const urlOption = { type: ApplicationCommandOptionType.String, name: 'url', description: 'Feed, site or page address (https://…)', required: true, max_length: 2000 } as const;

// 300 is maxFilterLength (src/pipeline/filter/filter.ts), written out so the definitions stay plain data, deployable
// without the pipeline; test/e2e/source-filters.test.ts checks the two agree.
const filterOption = {
  type: ApplicationCommandOptionType.String,
  name: 'filter',
  description: 'Only post stories matching: words, "a phrase", -word, or, country:, region:, topic:, lang:',
  max_length: 300,
} as const;

export const sourceCommand = {
  name: 'source',
  description: 'Manage news sources (moderators)',
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'add',
      description: 'Follow a feed, site or page; its new stories are posted to a channel',
      options: [
        urlOption,
        { type: ApplicationCommandOptionType.Channel, name: 'channel', description: 'Where its stories go', required: true, channel_types: [...postableChannelTypes] },
        { ...regionOption, description: 'Region for stories that name no country' },
        { type: ApplicationCommandOptionType.String, name: 'tags', description: 'Tags for all its stories, comma-separated', max_length: 200 },
        { type: ApplicationCommandOptionType.Integer, name: 'interval', description: 'Minutes between checks (default 15)', min_value: 5, max_value: 1440 },
        { type: ApplicationCommandOptionType.Integer, name: 'backfill', description: 'Also post this many of its newest items now (default 0)', min_value: 0, max_value: 10 },
        filterOption,
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'edit',
      description: 'Change a source’s channel, region, tags, interval or filter, keeping its stories and posts',
      options: [
        sourceIdOption,
        { type: ApplicationCommandOptionType.Channel, name: 'channel', description: 'Post its new stories here instead', channel_types: [...postableChannelTypes] },
        { ...regionOption, description: 'Region for stories that name no country; none clears it' },
        { type: ApplicationCommandOptionType.String, name: 'tags', description: 'Tags for all its stories, comma-separated, replacing the old ones; none clears them', max_length: 200 },
        { type: ApplicationCommandOptionType.Integer, name: 'interval', description: 'Minutes between checks', min_value: 5, max_value: 1440 },
        { ...filterOption, description: 'Only post stories matching this (as in /source add); none clears the filter' },
      ],
    },
    { type: ApplicationCommandOptionType.Subcommand, name: 'list', description: 'Sources with their health and posting errors' },
    { type: ApplicationCommandOptionType.Subcommand, name: 'remove', description: 'Stop following a source', options: [sourceIdOption] },
    { type: ApplicationCommandOptionType.Subcommand, name: 'pause', description: 'Stop checking a source for now', options: [sourceIdOption] },
    { type: ApplicationCommandOptionType.Subcommand, name: 'resume', description: 'Check a paused source again', options: [sourceIdOption] },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'test',
      description: 'Preview what a source would post, without adding it',
      options: [urlOption, { ...filterOption, description: 'Show which of its newest items this filter would let through' }],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'import',
      description: 'Add every feed of an OPML file',
      options: [
        { type: ApplicationCommandOptionType.Attachment, name: 'file', description: 'An OPML file (.opml or .xml)', required: true },
        { type: ApplicationCommandOptionType.Channel, name: 'channel', description: 'Where their stories go', required: true, channel_types: [...postableChannelTypes] },
      ],
    },
    { type: ApplicationCommandOptionType.Subcommand, name: 'export', description: 'Download this server’s sources as an OPML file' },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;
