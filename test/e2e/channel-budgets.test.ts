// A channel that has used its message bucket must not hold up other channels' posts (delivery-worker.ts,
// channel-budgets.ts): its posts go back until the bucket refills, in their order, and every one is made once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';

const limit = 4;
const windowMs = 1000;
const storyOf = (m: { data: { embeds: { footer?: { text: string } }[] } }) => Number(/Story #(\d+)/.exec(m.data.embeds[0]?.footer?.text ?? '')?.[1]);

describe('a channel over its message limit', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ standIn: { rateLimits: { messageCreates: { limit, windowMs } } } });
    // Only the test's rounds (t.deliver) post, so that what each one leaves is known.
    await t.app.bot.delivery.stop();
  });
  afterAll(() => t.close());

  it('waits for its bucket on its own: the next channel is posted to meanwhile, and its posts keep their order', async () => {
    const plan = async (channelId: string, n: number) => {
      const ids: number[] = [];
      for (let i = 0; i < n; i++) ids.push(await t.planPost(channelId));
      return ids;
    };
    // Twelve for #news first: more than a claimed batch (ten), so #caucasus's post comes in a later batch.
    const news = await plan(t.channels.news, 12);
    const caucasus = await plan(t.channels.caucasus, 1);

    await t.deliver();
    // The round ended without waiting for #news's bucket, and #caucasus was posted to in it.
    expect(t.discord.messages(t.channels.caucasus).map(storyOf)).toEqual(caucasus);
    expect(t.discord.messages(t.channels.news).map(storyOf)).toEqual(news.slice(0, limit));
    const waiting = await t.db.prisma.delivery.findMany({ where: { channelId: t.channels.news, status: 'pending' } });
    expect(waiting).toHaveLength(news.length - limit);
    // Put back, not attempted: no attempt counted, no claim held.
    expect(waiting.every((d) => d.attempts === 0 && d.claimedAt === null && d.nextAttemptAt.getTime() > Date.now())).toBe(true);

    for (let rounds = 0; rounds < 20 && t.discord.messages(t.channels.news).length < news.length; rounds++) {
      const next = await t.db.prisma.delivery.findFirst({ where: { status: 'pending' }, orderBy: { nextAttemptAt: 'asc' } });
      if (next) await new Promise((r) => setTimeout(r, Math.max(0, next.nextAttemptAt.getTime() - Date.now()) + 20));
      await t.deliver();
    }
    expect(t.discord.messages(t.channels.news).map(storyOf)).toEqual(news);
    expect(await t.db.prisma.delivery.count({ where: { status: { not: 'posted' } } })).toBe(0);
    t.discord.assertNoViolations();
  }, 30_000);
});
