// A stop while a batch of posts is being sent (src/discord/delivery/delivery-worker.ts, src/app.ts): it claims no new
// batch and waits for the one in flight within its grace, not for as long as Discord takes. Waiting without a bound,
// a slow batch held the stop past a container's grace: the process was killed with its database open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import { seedTexts, startNewsSite, type NewsSite } from '../helpers/news-site.js';

describe('stopping while a post is on its way', () => {
  let t: TestBot;
  let site: NewsSite;
  const seeds = seedTexts();
  beforeAll(async () => {
    t = await startTestBot({ stopGraceMs: 2_000 });
    site = await startNewsSite('Al Jazeera');
  });
  afterAll(async () => {
    await site.close();
    await t.discord.close();
    await t.db.close();
  });

  it('stops within its grace while Discord has not answered the post', { timeout: 60_000 }, async () => {
    const feedId = await t.followFeed(site.feedUrl);
    const held = t.discord.holdNextResponse('POST /channels/:channelId/messages');
    site.items.unshift({ slug: 'caucasus', title: "The South Caucasus is slipping from Russia's grasp", text: seeds.aljazeera, published: new Date(), fullInFeed: true });
    // Polled without the harness's own delivery round: the worker's round, woken by the poll, sends the post.
    await t.db.prisma.feed.update({ where: { id: feedId }, data: { nextFetchAt: new Date() } });
    await t.app.scheduler.pollOnce();
    await held.arrived;
    const started = Date.now();
    await t.app.stop();
    expect(Date.now() - started).toBeLessThan(2_000 + 2_500);
    held.release();
  });
});

describe('stopping while the gateway does not let go', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ stopGraceMs: 1_000 });
  });
  afterAll(async () => {
    await t.discord.close();
    await t.db.close();
  });

  it('goes on to close the rest when destroying the client never ends', { timeout: 30_000 }, async () => {
    // @discordjs/ws can leave destroy() pending for good (a shard waiting for HELLO): the stop must not wait on it.
    const client = t.app.bot.client;
    const destroy = client.destroy.bind(client);
    client.destroy = () => new Promise<void>(() => {});
    const started = Date.now();
    await t.app.stop();
    expect(Date.now() - started).toBeLessThan(1_000 + 2_000 + 2_000);
    await destroy();
  });
});
