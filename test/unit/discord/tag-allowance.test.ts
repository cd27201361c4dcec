// A member's tag changes are counted against their allowance (twenty in ten minutes) before they are made: checked
// before and counted after, a member's clicks at once all passed the check (src/discord/components/tag-modal.ts).
import { describe, expect, it } from 'vitest';
import type { InteractionContext } from '../../../src/discord/command-context.js';
import { withinTagAllowance } from '../../../src/discord/components/tag-modal.js';

const member = (userId: string) => ({ guildId: '100000000000000091', userId, deps: { now: () => new Date() } }) as unknown as InteractionContext;

describe('the tag allowance', () => {
  it('lets twenty changes made at once through, and refuses the rest in words', async () => {
    const ctx = member('200000000000000091');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const changes = Array.from({ length: 25 }, () => withinTagAllowance(ctx, async () => (await held, { changed: true, result: 'ok' })));
    release();
    const results = await Promise.allSettled(changes);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(20);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(5);
    expect(String(refused[0]!.reason.message)).toMatch(/^You have changed many tags in the last 10 minutes/);
  });

  it('gives back a change that failed or changed nothing', async () => {
    const ctx = member('200000000000000092');
    for (let i = 0; i < 30; i++) await expect(withinTagAllowance(ctx, () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    for (let i = 0; i < 30; i++) await withinTagAllowance(ctx, () => Promise.resolve({ changed: false, result: null }));
    for (let i = 0; i < 20; i++) await withinTagAllowance(ctx, () => Promise.resolve({ changed: true, result: null }));
    await expect(withinTagAllowance(ctx, () => Promise.resolve({ changed: true, result: null }))).rejects.toThrow(/changed many tags/);
  });
});
