// What a member types into an autocompleted option reaches its handler without control characters: a suggestion
// query with U+0000 in it failed in PostgreSQL, and the member saw no suggestions at all.
import type { AutocompleteInteraction } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { BotDeps } from '../../../src/discord/bot-deps.js';
import { createInteractionRouter, type Handlers } from '../../../src/discord/interaction-router.js';
import { silentLogger } from '../../../src/logger.js';

describe('autocomplete', () => {
  it('hands its handler what was typed without control characters', async () => {
    const seen: { typed: string; asTyped: string }[] = [];
    const responses: unknown[] = [];
    const interaction = {
      id: '300000000000000002',
      guildId: '100000000000000001',
      commandName: 'news',
      isAutocomplete: () => true,
      options: { getFocused: () => ({ name: 'tag', value: ' Gas\u0000 Oil\u0085 ' }), getSubcommand: () => 'search' },
      respond: (choices: unknown) => Promise.resolve(void responses.push(choices)),
    };
    const tag = (ctx: { typed: string; asTyped: string }) => {
      seen.push({ typed: ctx.typed, asTyped: ctx.asTyped });
      return Promise.resolve([]);
    };
    const route = createInteractionRouter({ logger: silentLogger } as unknown as BotDeps, { autocomplete: { tag } } as unknown as Handlers);
    await route(interaction as unknown as AutocompleteInteraction);
    expect(seen).toEqual([{ typed: 'gas oil', asTyped: 'Gas Oil' }]);
    expect(responses).toEqual([[]]);
  });
});
