// Routes every interaction to its handler. Guarantees: a first response within Discord's 3 s (a safety-net defer
// if a handler is slow to answer), a clear private message for user mistakes, and a logged, generic answer with a
// reference for anything unexpected.
import type { AutocompleteInteraction, ButtonInteraction, Interaction, ModalSubmitInteraction } from 'discord.js';
import { describeError, isUserError, UserError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { BotDeps } from './bot-deps.js';
import { AckContext, type Repliable } from './ack-context.js';
import { CommandContext, InteractionContext } from './command-context.js';
import type { AllCommandHandlers, AutocompleteHandlers } from './commands/types.js';
import { parseCustomId, staleComponentError, type CustomId, type CustomIdKind, type CustomIdOf } from './custom-ids.js';
import { entryOf, type Guard, type Guarded, type Updating } from './guards.js';
import { translator, type Translate } from './i18n/index.js';
import { userErrorText } from './i18n/localized-error.js';
import { graphemePrefix } from '../text/clip.js';
import { withoutControlCharacters } from '../text/control-characters.js';

export type ModalKind = 'tagmodal';
/**
 * Buttons on Gazette's direct messages (alerts): no guild, so no InteractionContext. They update their own message
 * through the AckContext (editMessage: the first response, or the edit after the router's safety-net defer).
 */
export type DirectButtonKind = 'unfollow';
export type ButtonKind = Exclude<CustomIdKind, ModalKind | DirectButtonKind>;
export type ButtonHandler<K extends ButtonKind = ButtonKind> = (ctx: InteractionContext<ButtonInteraction>, id: CustomIdOf<K>) => Promise<void>;
export type ModalHandler<K extends ModalKind = ModalKind> = (ctx: InteractionContext<ModalSubmitInteraction>, id: CustomIdOf<K>) => Promise<void>;
export type DirectButtonHandler<K extends DirectButtonKind = DirectButtonKind> = (ctx: AckContext<ButtonInteraction>, deps: BotDeps, id: CustomIdOf<K>) => Promise<void>;

export interface Handlers {
  commands: AllCommandHandlers;
  autocomplete: AutocompleteHandlers;
  /** By custom_id kind (src/discord/custom-ids.ts): `vote:12:4` goes to buttons.vote with { storyId: 12, value: 4 }. */
  buttons: { [K in ButtonKind]: ButtonHandler<K> | Guarded<ButtonHandler<K>> | Updating<ButtonHandler<K>> };
  modals: { [K in ModalKind]: ModalHandler<K> | Guarded<ModalHandler<K>> };
  /** Buttons clicked in a DM with Gazette, by custom_id kind. */
  directButtons: { [K in DirectButtonKind]: DirectButtonHandler<K> };
}

/** Checks an entry's declared guard; throws the refusal in words. */
async function enforce(ctx: InteractionContext, guard: Guard | undefined): Promise<void> {
  if (guard === 'moderator') await ctx.requireModerator();
  else if (guard === 'manageServer') ctx.requireManageServer();
}

/** Defer this long after receipt if the handler has not answered: well inside 3 s even with a slow network. */
export const safetyDeferMs = 1500;

export function createInteractionRouter(deps: BotDeps, handlers: Handlers) {
  return async function route(interaction: Interaction): Promise<void> {
    if (interaction.isAutocomplete()) return autocomplete(interaction);
    if (interaction.isButton() && !interaction.inGuild()) return directButton(interaction);
    if (!interaction.isChatInputCommand() && !interaction.isButton() && !interaction.isModalSubmit()) return;
    const started = performance.now();
    let ctx: InteractionContext;
    let run: () => Promise<void>;
    // The metrics label: the command and subcommand, or the component's kind (never an id: ids belong in logs).
    let label = 'unknown';
    try {
      if (interaction.isChatInputCommand()) {
        const c = new CommandContext(interaction, deps);
        ctx = c;
        label = [interaction.commandName, interaction.options.getSubcommandGroup(false), interaction.options.getSubcommand(false)].filter(Boolean).join(' ');
        type Entry = ((c: CommandContext) => Promise<void>) | Guarded<(c: CommandContext) => Promise<void>>;
        const group = handlers.commands[interaction.commandName as keyof AllCommandHandlers] as Record<string, Entry> | undefined;
        const entry = entryOf(group?.[interaction.options.getSubcommand(false) ?? '']);
        // A definition Discord still shows after an upgrade removed or renamed it (global commands update within the
        // hour): the member's client is out of date, nothing failed here.
        if (!entry) throw new UserError('stale', `/${label} is no longer one of Gazette's commands. Discord shows the current ones shortly; until then, pick another from the list.`);
        run = async () => {
          await enforce(c, entry.guard);
          await entry.run(c);
        };
      } else {
        const component = new InteractionContext(interaction, deps);
        ctx = component;
        // A stale post or a tampered client: the parser says so plainly, nothing failed on our side.
        const id = parseCustomId(interaction.customId);
        label = id.kind;
        type Run = (c: InteractionContext, id: CustomId) => Promise<void>;
        const table = (interaction.isButton() ? handlers.buttons : handlers.modals) as Partial<Record<CustomIdKind, Run | Guarded<Run> | Updating<Run>>>;
        const entry = entryOf(table[id.kind]);
        if (!entry) throw staleComponentError();
        // Before the guard and the safety-net timer: either may acknowledge the click, and must do so as an update.
        if (entry.updatesMessage) component.expectUpdate();
        run = async () => {
          await enforce(component, entry.guard);
          await entry.run(component, id);
        };
      }
    } catch (error) {
      return answerError(new AckContext(interaction), bareLog(interaction), error);
    }
    const timer = setTimeout(() => ctx.defer().catch((e) => ctx.log.warn({ err: e }, 'safety defer failed')), safetyDeferMs);
    try {
      await run();
    } catch (error) {
      await answerError(ctx, ctx.log, error);
    } finally {
      clearTimeout(timer);
      const seconds = (performance.now() - started) / 1000;
      deps.metrics?.observeInteraction(label, seconds);
      // Which process and shard answered what: with several processes, each must answer only its own shards' guilds.
      ctx.log.debug({ command: label, shardId: interaction.guild?.shardId, ms: Math.round(seconds * 1000) }, 'interaction handled');
    }
  };

  async function autocomplete(interaction: AutocompleteInteraction) {
    const focused = interaction.options.getFocused(true);
    const handler = handlers.autocomplete[focused.name as keyof AutocompleteHandlers];
    const asTyped = withoutControlCharacters(String(focused.value)).trim();
    try {
      const choices = handler
        ? await handler({
            interaction,
            deps,
            guildId: interaction.guildId ?? '',
            command: interaction.commandName,
            subcommand: interaction.options.getSubcommand(false),
            typed: asTyped.toLowerCase(),
            asTyped,
          })
        : [];
      // Discord's limits: 25 choices, names and values of at most 100 characters.
      await interaction.respond(
        choices.slice(0, 25).map((c) => ({ name: graphemePrefix(c.name, 100), value: typeof c.value === 'string' ? graphemePrefix(c.value, 100) : c.value })),
      );
    } catch (error) {
      deps.logger.error({ err: error, interactionId: interaction.id, option: focused.name }, 'autocomplete failed');
      await interaction.respond([]).catch(() => undefined);
    }
  }

  /**
   * A button under one of Gazette's DMs: its handler answers by updating the message; mistakes are answered privately.
   * No guild, so no InteractionContext, but its acknowledgements all the same: the safety-net defer (as an update, so
   * the message stays the one to edit) and the handler's update are kept in order. Without it a slow database showed
   * "This interaction failed" on an unfollow that went through.
   */
  async function directButton(interaction: ButtonInteraction) {
    const started = performance.now();
    let label = 'unknown';
    const ctx = new AckContext(interaction);
    const log = bareLog(interaction);
    ctx.expectUpdate();
    const timer = setTimeout(() => ctx.defer().catch((e: unknown) => log.warn({ err: e }, 'safety defer failed')), safetyDeferMs);
    try {
      const id = parseCustomId(interaction.customId);
      label = id.kind;
      const handler = handlers.directButtons[id.kind as DirectButtonKind] as DirectButtonHandler | undefined;
      if (!handler) throw staleComponentError();
      await handler(ctx, deps, id as CustomIdOf<DirectButtonKind>);
    } catch (error) {
      await answerError(ctx, log, error);
    } finally {
      clearTimeout(timer);
      deps.metrics?.observeInteraction(label, (performance.now() - started) / 1000);
    }
  }

  /** The log of an interaction without an InteractionContext (a DM, one that could not be set up): who and which. */
  function bareLog(interaction: Repliable): Logger {
    return deps.logger.child({ userId: interaction.user.id, interactionId: interaction.id });
  }

  /** Answers a failed interaction privately: a member's mistake in its words, anything else with a reference. */
  async function answerError(ctx: AckContext, log: Logger, error: unknown) {
    if (isUserError(error)) log.info({ code: error.code, reason: error.message }, 'user mistake');
    else log.error({ err: error, detail: describeError(error) }, 'interaction failed');
    const message = isUserError(error) ? userErrorText(error, ctx.t) : genericMessage(ctx.interaction.id, ctx.t);
    await ctx.respondPrivately(message).catch((e: unknown) => log.warn({ err: e }, 'could not answer'));
  }
}

/** The answer to anything unexpected, with the interaction's id as the reference a moderator can pass on. */
export function genericMessage(interactionId: string, t: Translate = translator('en')): string {
  return t('error.generic', { reference: interactionId });
}
