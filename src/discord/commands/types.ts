// Handler types derived from the command definitions in commands/: every subcommand and every autocomplete option
// must have a handler, and a handler can only read options its subcommand defines — or the bot does not compile.
import type { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { CommandDefinition } from '../../../commands/index.js';
import type { AutocompleteContext, CommandContext } from '../command-context.js';
import type { Guarded } from '../guards.js';

type OptionsOf<T> = T extends { readonly options: readonly (infer O)[] } ? O : never;
type SubcommandsOf<C> = Extract<OptionsOf<C>, { readonly type: ApplicationCommandOptionType.Subcommand }>;
type NameOf<T> = T extends { readonly name: infer N extends string } ? N : never;
export type SubcommandName<C> = NameOf<SubcommandsOf<C>>;
type SubcommandOptions<C, S> = OptionsOf<Extract<SubcommandsOf<C>, { readonly name: S }>>;

/** Names of the options one subcommand defines. */
export type OptionName<C, S> = NameOf<SubcommandOptions<C, S>>;

export type CommandNamed<N extends CommandDefinition['name']> = Extract<CommandDefinition, { readonly name: N }>;

export type SubcommandHandler<C, S> = (ctx: CommandContext<OptionName<C, S> & string>) => Promise<void>;

/** A subcommand's handler, or the handler with the guard the router enforces before it (src/discord/guards.ts). */
export type SubcommandEntry<C, S> = SubcommandHandler<C, S> | Guarded<SubcommandHandler<C, S>>;

export type CommandHandlers<C> = { [S in SubcommandName<C> & string]: SubcommandEntry<C, S> };

export type AllCommandHandlers = { [N in CommandDefinition['name']]: CommandHandlers<CommandNamed<N>> };

type AutocompleteOptions<C> = Extract<SubcommandOptions<C, SubcommandName<C>>, { readonly autocomplete: true }>;
/** Every option name, across all commands, that asks Discord for autocomplete. */
export type AutocompleteOptionName = NameOf<AutocompleteOptions<CommandDefinition>>;

export type AutocompleteHandler = (ctx: AutocompleteContext) => Promise<{ name: string; value: string | number }[]>;
export type AutocompleteHandlers = { [O in AutocompleteOptionName]: AutocompleteHandler };
