// A post's edit that Discord keeps failing (an outage, 5xx after discord.js's own retries) is tried again later and
// later (delivery-worker.ts): at a fixed 5 s, every stale post was retried 12 times a minute for the whole outage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestStoryRefresh } from '../../src/db/outbox.js';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';

describe('an edit Discord keeps refusing with 5xx', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
    await t.app.bot.delivery.stop(); // only the test's rounds post and edit
  });
  afterAll(() => t.close());

  it('is retried after 5 s, then 10 s, then 20 s, and counts from zero again once an edit is made', async () => {
    const storyId = await t.planPost(t.channels.news);
    await t.deliver();
    const row = () => t.db.prisma.delivery.findFirstOrThrow({ where: { storyId } });
    expect((await row()).status).toBe('posted');

    const delays: [number, number][] = [];
    for (let i = 0; i < 3; i++) {
      // discord.js retries a 5xx three times itself: four failures make one failed attempt.
      t.discord.failNext('PATCH /channels/*', { status: 503 }, 4);
      await requestStoryRefresh(t.db.prisma, { storyIds: [storyId] }, new Date());
      const before = Date.now();
      await t.deliver();
      const after = Date.now();
      const { editDueAt, editFailures } = await row();
      expect(editFailures).toBe(i + 1);
      // The retry is set from the failure's time, somewhere in this round: bounded by its start and its end.
      delays.push([editDueAt!.getTime() - after, editDueAt!.getTime() - before]);
    }
    for (const [i, [low, high]] of delays.entries()) {
      expect(low).toBeLessThanOrEqual(5_000 * 2 ** i);
      expect(high).toBeGreaterThanOrEqual(5_000 * 2 ** i);
    }

    await requestStoryRefresh(t.db.prisma, { storyIds: [storyId] }, new Date());
    await t.deliver();
    expect(await row()).toMatchObject({ editDueAt: null, editFailures: 0 });
  }, 60_000);
});
