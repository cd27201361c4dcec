// The one-click unfollow under an alert DM: its button's new label is cut without splitting a character, and a slow
// unfollow is acknowledged in time (a DM button had no safety net: "This interaction failed", though it went through).
import { ButtonStyle, ComponentType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { withUnfollowed } from '../../../src/discord/alerts/unfollow-button.js';
import type { BotDeps } from '../../../src/discord/bot-deps.js';
import { customId } from '../../../src/discord/custom-ids.js';
import { createInteractionRouter, safetyDeferMs, type DirectButtonHandler, type Handlers } from '../../../src/discord/interaction-router.js';
import { UserError } from '../../../src/errors.js';
import { silentLogger } from '../../../src/logger.js';
import { fakeButton } from '../../helpers/fake-button.js';

const clicked = customId({ kind: 'unfollow', followId: 1 });
const row = { type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: ButtonStyle.Danger, custom_id: clicked, label: 'Unfollow' }] };

/** A click on a DM's button, recording what the bot sends back. */
function dmClick() {
  const click = fakeButton({ id: '300000000000000003', guildId: null, customId: clicked, user: { id: '200000000000000003' }, message: { components: [row] }, inGuild: () => false });
  return { interaction: click.interaction, calls: click.methods, bodies: click.calls };
}

const routeWith = (unfollow: DirectButtonHandler<'unfollow'>) => createInteractionRouter({ logger: silentLogger } as unknown as BotDeps, { directButtons: { unfollow } } as unknown as Handlers);

describe('the unfollow button', () => {
  it('cuts its new label between characters', () => {
    // The flag takes code units 78 to 81: cut at 80, it ended in half of its second letter (a lone surrogate).
    const label = `Unfollowed “${'a'.repeat(65)}🇬🇪 Georgia”`;
    const button = withUnfollowed([row], clicked, label)[0]!.components[0] as { label: string; disabled: boolean };
    expect(button.label.length).toBeLessThanOrEqual(80);
    expect(button.label).toBe(`Unfollowed “${'a'.repeat(65)}…`);
    expect(() => encodeURIComponent(button.label)).not.toThrow(); // throws on a lone surrogate
    expect(button.disabled).toBe(true);
  });

  it('answers at once by updating its message', async () => {
    const { interaction, calls } = dmClick();
    await routeWith((ctx) => ctx.editMessage({ components: [] }))(interaction);
    expect(calls).toEqual(['update']);
  });

  it('is acknowledged as an update when the unfollow is slow, then edits its message', async () => {
    const { interaction, calls } = dmClick();
    const slow: DirectButtonHandler<'unfollow'> = async (ctx) => {
      await new Promise((resolve) => setTimeout(resolve, safetyDeferMs + 300));
      await ctx.editMessage({ components: [] });
    };
    await routeWith(slow)(interaction);
    expect(calls).toEqual(['deferUpdate', 'editReply']);
  }, 10_000);

  it('answers a slow failure privately after the safety net', async () => {
    const { interaction, calls, bodies } = dmClick();
    const failing: DirectButtonHandler<'unfollow'> = async () => {
      await new Promise((resolve) => setTimeout(resolve, safetyDeferMs + 300));
      throw new Error('database gone');
    };
    await routeWith(failing)(interaction);
    expect(calls).toEqual(['deferUpdate', 'followUp']);
    // Privately (ephemeral), in words that say something went wrong.
    expect(bodies[1]!.body).toMatchObject({ flags: 64, content: expect.stringMatching(/went wrong/i) });
  }, 10_000);
});

describe('a DM button’s failure', () => {
  it('is still answered, as a private follow-up, when its interaction was answered already', async () => {
    const click = fakeButton({ id: '300000000000000004', guildId: null, customId: clicked, user: { id: '200000000000000004' }, message: { components: [row] }, inGuild: () => false });
    // A handler that answered through discord.js itself, then failed: a second first response would be refused.
    const answeredThenFailed: DirectButtonHandler<'unfollow'> = async ({ interaction }) => {
      Object.assign(interaction, { replied: true });
      throw new UserError('invalid', 'That follow is gone.');
    };
    await routeWith(answeredThenFailed)(click.interaction);
    expect(click.calls).toEqual([{ method: 'followUp', body: expect.objectContaining({ content: 'That follow is gone.', flags: 64 }) }]);
  });

  it('is cut to the 2,000 characters Discord takes', async () => {
    const click = fakeButton({ guildId: null, customId: clicked, message: { components: [row] }, inGuild: () => false });
    await routeWith(async () => {
      throw new UserError('invalid', 'x'.repeat(2500));
    })(click.interaction);
    expect(click.calls.map((c) => [c.method, c.body?.content?.length])).toEqual([['reply', 2000]]);
  });
});
