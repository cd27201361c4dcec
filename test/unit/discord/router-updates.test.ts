// A button that rewrites its own message (a review decision, a list's page) behind a guard that is slow to answer
// (the moderator check reads the database): the router's safety-net defer must acknowledge it as an update, or the
// rewrite lands in a private "thinking…" reply and the message keeps its live buttons.
import { describe, expect, it } from 'vitest';
import type { BotDeps } from '../../../src/discord/bot-deps.js';
import { buttonHandlers } from '../../../src/discord/components/index.js';
import { customId } from '../../../src/discord/custom-ids.js';
import { entryOf, moderator, updatesMessage } from '../../../src/discord/guards.js';
import { createInteractionRouter, safetyDeferMs, type Handlers } from '../../../src/discord/interaction-router.js';
import { silentLogger } from '../../../src/logger.js';
import { fakeButton } from '../../helpers/fake-button.js';

const editors = '400000000000000001';

/** A click by a member with the moderator role, recording what the bot sends back. */
function fakeClick() {
  const click = fakeButton({ customId: customId({ kind: 'review', action: 'approve', submissionId: 1 }), member: { roles: [editors] }, memberPermissions: { has: () => false } });
  return { interaction: click.interaction, calls: click.methods };
}

describe('a button that rewrites its message', () => {
  it('is declared so in the handler tables: review decisions and list pages', () => {
    expect(entryOf(buttonHandlers.review)).toMatchObject({ guard: 'moderator', updatesMessage: true });
    expect(entryOf(buttonHandlers.page)).toMatchObject({ updatesMessage: true });
    expect(entryOf(buttonHandlers.vote)?.updatesMessage).toBeUndefined();
  });

  it('is deferred as an update while a slow moderator check runs, then rewrites its own message', async () => {
    // The moderator role is read from the database; here that read outlasts the safety net.
    const slowGuild = { findUnique: () => new Promise((resolve) => setTimeout(() => resolve({ moderatorRoleId: editors }), safetyDeferMs + 300)) };
    const deps = { logger: silentLogger, prisma: { guild: slowGuild } } as unknown as BotDeps;
    const review = async (ctx: { updateMessage(p: { content: string }): Promise<void> }) => ctx.updateMessage({ content: 'Approved.' });
    const route = createInteractionRouter(deps, { buttons: { review: updatesMessage(moderator(review)) } } as unknown as Handlers);
    const { interaction, calls } = fakeClick();
    await route(interaction);
    expect(calls).toEqual(['deferUpdate', 'editReply']);
  }, 10_000);
});
