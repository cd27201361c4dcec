// How the router answers and logs what went wrong, whichever way the interaction came: a button in a server whose
// context could not be set up, a button under a DM, a command. One rule: a member's mistake is logged as such with
// its code and answered in its words; anything else is logged as a failure and answered with the generic message.
import { describe, expect, it } from 'vitest';
import type { BotDeps } from '../../../src/discord/bot-deps.js';
import { customId } from '../../../src/discord/custom-ids.js';
import { createInteractionRouter, type Handlers } from '../../../src/discord/interaction-router.js';
import { createLogger } from '../../../src/logger.js';
import { fakeButton } from '../../helpers/fake-button.js';

/** A router whose log lines are kept, parsed. */
function loggedRouter(handlers: Partial<Handlers>) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { route: createInteractionRouter({ logger } as unknown as BotDeps, handlers as Handlers), lines };
}

describe('a failed interaction', () => {
  it('logs a stale button in a server as a member’s mistake, with its code, and answers it', async () => {
    const { route, lines } = loggedRouter({ buttons: {} as Handlers['buttons'] });
    const click = fakeButton({ customId: 'nonsense:1' });
    await route(click.interaction);
    expect(click.methods).toEqual(['reply']);
    expect(lines).toEqual([expect.objectContaining({ msg: 'user mistake', code: 'stale', interactionId: click.interaction.id, userId: click.interaction.user.id })]);
  });

  it('logs an unexpected failure under a DM with its detail, as in a server, and answers with the reference', async () => {
    const unfollow = async () => {
      throw new Error('database gone');
    };
    const { route, lines } = loggedRouter({ directButtons: { unfollow } });
    const click = fakeButton({ guildId: null, customId: customId({ kind: 'unfollow', followId: 1 }), inGuild: () => false });
    await route(click.interaction);
    expect(click.calls).toEqual([{ method: 'reply', body: expect.objectContaining({ content: expect.stringContaining(click.interaction.id) }) }]);
    expect(lines).toEqual([expect.objectContaining({ msg: 'interaction failed', detail: 'database gone', interactionId: click.interaction.id, userId: click.interaction.user.id })]);
  });
  // After an upgrade removed or renamed a command, Discord shows the old definition for up to an hour: it read as a
  // failure ("Something went wrong… tell a moderator").
  it('answers a command Gazette no longer has in words, as a member’s stale client, not a failure', async () => {
    const { route, lines } = loggedRouter({ commands: {} as Handlers['commands'] });
    const options = { getSubcommand: () => 'old', getSubcommandGroup: () => null, getBoolean: () => null };
    const command = fakeButton({ isButton: () => false, isChatInputCommand: () => true, commandName: 'retired', options });
    await route(command.interaction);
    expect(command.calls).toEqual([{ method: 'reply', body: expect.objectContaining({ content: expect.stringMatching(/^\/retired old is no longer one of Gazette's commands\./) }) }]);
    expect(lines).toEqual([expect.objectContaining({ msg: 'user mistake', code: 'stale' })]);
  });
});
