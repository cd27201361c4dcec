// Members before posts (src/discord/interactions-first.ts, wired in bot.ts): while the bot answers an interaction its
// delivery worker takes no new batch, and it waits a bounded time (DELIVERY_HOLD_MS), so a slow answer never stops
// posting. A hold of a second here, so that a slow machine's handler stays well inside it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';

const callback = 'POST /interactions/:interactionId/:token/callback';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const holdMs = 1_000;

describe('interactions before posts', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ env: { METRICS_PORT: '0', DELIVERY_HOLD_MS: String(holdMs) } });
    // Only the test's rounds (t.deliver) post.
    await t.app.bot.delivery.stop();
  });
  afterAll(() => t.close());

  const posts = () => t.discord.messages(t.channels.news).filter((m) => !m.interactionId);

  /** A post due, and a member's `/news latest` whose answer the stand-in holds: the bot is still answering it. */
  async function postDueWhileAnswering() {
    await t.planPost(t.channels.news);
    const held = t.discord.holdNextResponse(callback);
    const asked = t.discord.slash(t.guildId, t.users.alice, t.channels.asia, 'news latest', {});
    await held.arrived;
    return { held, asked };
  }

  const heldSeconds = async () => {
    const metrics = await (await fetch(`${t.app.metricsServer!.origin}/metrics`)).text();
    return Number(/^gazette_delivery_held_seconds_total (\S+)$/m.exec(metrics)?.[1]);
  };

  it('posts once the interaction being answered is answered', async () => {
    const before = posts().length;
    const { held, asked } = await postDueWhileAnswering();
    const round = t.deliver();
    await sleep(250);
    expect(posts()).toHaveLength(before);
    held.release();
    await round;
    expect(posts()).toHaveLength(before + 1);
    await asked.settled();
    expect(asked.record.firstResponse).not.toBeNull();
    expect(asked.record.expired).toBe(false);
    t.discord.assertNoViolations();
  });

  it('posts anyway once an answer has taken the hold, and counts the wait', async () => {
    const before = { posts: posts().length, held: await heldSeconds() };
    // The hold counts from the interaction's arrival, which is after this.
    const asking = Date.now();
    const { held, asked } = await postDueWhileAnswering();
    const waiting = Date.now();
    await t.deliver();
    // The answer is still held: the round went on without it once the hold had passed, and not before.
    expect(posts()).toHaveLength(before.posts + 1);
    expect(Date.now() - asking).toBeGreaterThanOrEqual(holdMs);
    expect(Date.now() - waiting).toBeLessThan(holdMs + 2_500); // a busy CI machine adds to the round, not to the hold
    held.release();
    await asked.settled();
    // Operators see the wait: up to the hold, less what the handler took before the round began.
    const counted = (await heldSeconds()) - before.held;
    expect(counted).toBeGreaterThan(0);
    expect(counted).toBeLessThan(holdMs / 1000 + 1); // seconds, not milliseconds; a late timer adds a little
    t.discord.assertNoViolations();
  });

  it('claims nothing once told to stop while it waited (SIGTERM)', async () => {
    const before = posts().length;
    const { held, asked } = await postDueWhileAnswering();
    const round = t.deliver();
    await sleep(100);
    await t.app.bot.delivery.stop();
    await round;
    expect(posts()).toHaveLength(before);
    held.release();
    await asked.settled();
    // Still due, not lost: the next round posts it.
    await t.deliver();
    expect(posts()).toHaveLength(before + 1);
  });
});
