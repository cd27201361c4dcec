// A stop waits for the members' commands and clicks being answered: cut off, a member saw "The application did not
// respond", and a handler stopped between two writes left half its work done. New ones are refused meanwhile, in plain
// words, rather than started on a database about to close. The wait is bounded (the stop's grace period), so that a
// slow handler (`/source import` reads for minutes) cannot hold a stop past what a container allows.
import type { Interaction } from 'discord.js';
import type { Logger } from '../logger.js';
import { AckContext } from './ack-context.js';

export interface AnswersInFlight {
  /** True once close() was called: new interactions are to be refused. */
  readonly closed: boolean;
  /** Counts `answer` as in flight until it settles. */
  track(answer: Promise<unknown>): void;
  /** Closes to new interactions; resolves once those in flight are answered, or after `graceMs`. The same promise every call. */
  close(graceMs: number): Promise<void>;
  /** Resolves once no answer is in flight, or after `ms`: those still running when `close` gave up, given a moment more. */
  settle(ms: number): Promise<void>;
}

export function answersInFlight(logger: Logger): AnswersInFlight {
  const running = new Set<Promise<unknown>>();
  let closing: Promise<void> | undefined;
  async function settle(ms: number) {
    if (running.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
    await Promise.race([Promise.allSettled([...running]), limit]);
    clearTimeout(timer);
  }
  return {
    get closed() {
      return closing !== undefined;
    },
    track(answer) {
      running.add(answer);
      const done = () => void running.delete(answer);
      answer.then(done, done);
    },
    close(graceMs) {
      return (closing ??= (async () => {
        if (running.size === 0) return;
        logger.info({ interactions: running.size }, 'stopping: finishing the answers to members in flight');
        await settle(graceMs);
        if (running.size) logger.warn({ interactions: running.size, graceMs }, 'stopping with answers to members still in flight');
      })());
    },
    settle,
  };
}

/** Answers an interaction that came during a stop: "try again in a minute", privately (an autocomplete: no choices). */
export async function refuseWhileStopping(interaction: Interaction, logger: Logger): Promise<void> {
  try {
    if (interaction.isAutocomplete()) await interaction.respond([]);
    else if (interaction.isChatInputCommand() || interaction.isButton() || interaction.isModalSubmit()) {
      const ctx = new AckContext(interaction);
      await ctx.respondPrivately(ctx.t('error.restarting'));
    }
  } catch (error) {
    logger.warn({ err: error, interactionId: interaction.id }, 'could not refuse an interaction during the stop');
  }
}
