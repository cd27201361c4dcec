// How a handler's answers reach Discord (src/discord/command-context.ts): a button that rewrites its own message keeps
// it when deferred, a refused first answer still lets the error be answered, and no answer is over 2,000 characters.
import type { ChatInputCommandInteraction } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { BotDeps } from '../../../src/discord/bot-deps.js';
import { CommandContext, InteractionContext } from '../../../src/discord/command-context.js';
import { silentLogger } from '../../../src/logger.js';
import { fakeButton } from '../../helpers/fake-button.js';

/** A button interaction that records each call, as discord.js would make them; `refuse` names calls Discord rejects. */
function fakeButtonContext(refuse: string[] = []) {
  const { interaction, calls } = fakeButton({}, refuse);
  const ctx = new InteractionContext(interaction, { logger: silentLogger } as unknown as BotDeps);
  return { ctx, calls };
}

describe('answering an interaction', () => {
  it('keeps the message of a button that rewrites it when a defer comes first, and answers a refusal apart', async () => {
    const { ctx, calls } = fakeButtonContext();
    ctx.expectUpdate();
    await ctx.defer();
    await ctx.updateMessage({ content: 'page 2' });
    await ctx.respondPrivately('That list has expired.');
    expect(calls.map((c) => c.method)).toEqual(['deferUpdate', 'editReply', 'followUp']);
    expect(calls[2]!.body).toMatchObject({ flags: 64 });
  });

  it('opens a private "thinking…" for a button that answers apart', async () => {
    const { ctx, calls } = fakeButtonContext();
    await ctx.defer();
    await ctx.respond({ content: 'Your vote is in.' });
    expect(calls.map((c) => c.method)).toEqual(['deferReply', 'editReply']);
  });

  it('still answers the error as a first reply when Discord refused the first answer', async () => {
    const { ctx, calls } = fakeButtonContext(['update']);
    await expect(ctx.updateMessage({ content: 'x' })).rejects.toThrow(/refused/);
    expect(ctx.isAcknowledged).toBe(false);
    await ctx.respondPrivately('Something went wrong (reference abc).');
    expect(calls.map((c) => c.method)).toEqual(['update', 'reply']);
  });

  it('cuts an answer to the 2,000 characters Discord takes', async () => {
    const { ctx, calls } = fakeButtonContext();
    await ctx.respondPrivately(`Could not fetch https://example.org/${'a'.repeat(2100)}: connection refused`);
    await ctx.respond({ content: 'b '.repeat(1500) });
    for (const c of calls) expect(c.body!.content!.length).toBeLessThanOrEqual(2000);
    expect(calls[0]!.body!.content).toMatch(/…$/);
  });

  it('reads text options without control characters (PostgreSQL refuses U+0000 in any text)', () => {
    const typed: Record<string, string> = { query: 'gas\u0000 pipeline\u0007', tag: '\u001fenergy\u007f' };
    const interaction = {
      locale: 'en-US',
      guildId: '100000000000000001',
      user: { id: '200000000000000001' },
      id: '300000000000000001',
      options: { getBoolean: () => null, getString: (name: string) => typed[name] ?? null },
    };
    const ctx = new CommandContext(interaction as unknown as ChatInputCommandInteraction, { logger: silentLogger } as unknown as BotDeps);
    expect(ctx.requiredString('query')).toBe('gas pipeline');
    expect(ctx.string('tag')).toBe('energy');
    expect(ctx.string('since')).toBeNull();
  });
});
