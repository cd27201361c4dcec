// Discord carried a post out but its answer was lost (a 5xx from its gateway, a reset connection): discord.js would
// resend the request at once and make the post twice, since a forum post carries no nonce Discord enforces.
// Gazette sends it once (creation-requests.ts), and the next attempt finds the post made before making another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';

describe('a post whose answer from Discord was lost', () => {
  let t: TestBot;

  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(() => t.close());

  it('is made once in a forum: the next attempt finds the post Discord made and records it', async () => {
    t.discord.failNext('POST /channels/:id/threads', { status: 502, afterDoing: true });
    await t.planPost(t.channels.forum);
    await t.deliver();
    expect(t.discord.threads(t.channels.forum)).toHaveLength(1);
    const waiting = await t.app.db.prisma.delivery.findFirstOrThrow({ where: { channelId: t.channels.forum } });
    expect(waiting).toMatchObject({ status: 'pending', messageId: null });
    expect(waiting.lastError).toBe('Discord answered 502: the post may have been made; Gazette looks for it before trying again.');

    await t.app.db.prisma.delivery.update({ where: { id: waiting.id }, data: { nextAttemptAt: new Date() } });
    await t.deliver();
    const [thread] = t.discord.threads(t.channels.forum);
    expect(t.discord.threads(t.channels.forum)).toHaveLength(1);
    expect(await t.app.db.prisma.delivery.findUniqueOrThrow({ where: { id: waiting.id } })).toMatchObject({ status: 'posted', threadId: thread!.id, lastError: null });
    t.discord.assertNoViolations();
  });
});
