// A post Discord keeps failing for a reason that passes (5xx, no connection) is tried again, later and later, for as
// long as the story is news (delivery-worker.ts): after five attempts (75 s) an outage used to lose every story tried
// in it. A refusal (a deleted channel) still fails the post at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../src/discord/delivery/delivery-worker.js';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';

describe('a post Discord keeps failing with 5xx', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
    await t.app.bot.delivery.stop(); // only the test's rounds post
  });
  afterAll(() => t.close());

  const row = (storyId: number) => t.db.prisma.delivery.findFirstOrThrow({ where: { storyId } });

  it('is still retried after many attempts, its wait capped, and posted once Discord is back', async () => {
    const storyId = await t.planPost(t.channels.news);
    // Nine attempts failed already (about 21 minutes of trouble): the claim makes this the tenth.
    await t.db.prisma.delivery.updateMany({ where: { storyId }, data: { attempts: 9 } });
    // discord.js resends a post three times itself: four failures make one failed attempt.
    t.discord.failNext('POST /channels/:id/messages', { status: 503 }, 4);
    const before = Date.now();
    await t.deliver();
    const failed = await row(storyId);
    expect(failed).toMatchObject({ status: 'pending', attempts: 10 });
    expect(failed.lastError).toMatch(/Discord answered 503/);
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + retryDelayMs(10));
    expect(retryDelayMs(10)).toBe(30 * 60_000);

    await t.db.prisma.delivery.updateMany({ where: { storyId }, data: { nextAttemptAt: new Date() } });
    await t.deliver();
    expect(await row(storyId)).toMatchObject({ status: 'posted', lastError: null });
    t.discord.assertNoViolations();
  }, 60_000);

  it('is given up once the story is a day old, saying so', async () => {
    const storyId = await t.planPost(t.channels.news);
    await t.db.prisma.delivery.updateMany({ where: { storyId }, data: { createdAt: new Date(Date.now() - 25 * 3_600_000), attempts: 30 } });
    t.discord.failNext('POST /channels/:id/messages', { status: 503 }, 4);
    await t.deliver();
    const given = await row(storyId);
    expect(given.status).toBe('failed');
    expect(given.lastError).toMatch(/stopped trying/);
    expect(given.lastError).not.toMatch(/will try again/);
  }, 60_000);
  it('posts once where Gazette may not read the channel’s history: the nonce, not the history, finds the first post', async () => {
    const quiet = t.discord.addChannel(t.guildId, { name: 'no-history', type: 'text', permissionOverwrites: [{ id: t.discord.botUserId, type: 'member', deny: 1n << 16n }] });
    const storyId = await t.planPost(quiet);
    // Discord made the post and its answers were lost (discord.js resends it three times, the nonce keeping it one
    // post): the attempt may have posted, and is retried as such.
    t.discord.failNext('POST /channels/:id/messages', { status: 500, afterDoing: true }, 4);
    await t.deliver();
    expect(await row(storyId)).toMatchObject({ status: 'pending' });
    await t.db.prisma.delivery.updateMany({ where: { storyId }, data: { nextAttemptAt: new Date() } });
    await t.deliver();
    expect(await row(storyId)).toMatchObject({ status: 'posted', lastError: null });
    expect(t.discord.messages(quiet, { includeEphemeral: false })).toHaveLength(1);
    t.discord.assertNoViolations();
  }, 60_000);
});
