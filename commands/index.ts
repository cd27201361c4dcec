// Every slash command Gazette registers. Definitions only: deploying them needs nothing but these files
// (scripts/deploy-commands.ts); handlers live in src/discord/commands and are typed from these definitions.
import { configCommand } from './config.js';
import { followCommand } from './follow.js';
import { newsCommand } from './news.js';
import { routeCommand } from './route.js';
import { sourceCommand } from './source.js';
import { storyCommand } from './story.js';
import { tagCommand } from './tag.js';
import { tagsCommand } from './tags.js';

export const commandDefinitions = [newsCommand, tagCommand, tagsCommand, sourceCommand, routeCommand, configCommand, storyCommand, followCommand] as const;

export type CommandDefinition = (typeof commandDefinitions)[number];
export type CommandName = CommandDefinition['name'];
