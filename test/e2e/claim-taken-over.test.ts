// A post whose claim another worker took over while this one's batch was on its way is left to that worker
// (src/db/outbox.ts renewPostClaim, called by the delivery worker before each post): a batch claimed at once and sent
// one post after another outlasted its claim, and both workers made the post (twice, where it carries no nonce).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';

describe('a batch of posts whose claim runs out on the way', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(() => t.close());

  it('sends the posts still its own, and leaves one another worker took over', { timeout: 30_000 }, async () => {
    const first = await t.planPost(t.channels.news);
    const second = await t.planPost(t.channels.news);
    const held = t.discord.holdNextResponse('POST /channels/:channelId/messages');
    const round = t.deliver();
    await held.arrived;
    // Meanwhile another process found the claim old and took the second post over.
    await t.db.prisma.delivery.updateMany({ where: { storyId: second }, data: { claimedBy: 'another-process', claimedAt: new Date() } });
    held.release();
    await round;
    const posts = t.discord.messages(t.channels.news, { includeEphemeral: false });
    expect(posts).toHaveLength(1);
    expect(posts[0]!.data.embeds[0]!.footer?.text).toMatch(new RegExp(`^Story #${first} `));
    expect(await t.db.prisma.delivery.findFirstOrThrow({ where: { storyId: second } })).toMatchObject({ status: 'pending', claimedBy: 'another-process', messageId: null });
    t.discord.assertNoViolations();
  });
});
