// A stop while a member's command is being answered: the stop waits for the answer (within its grace period) instead
// of cutting the handler off between its writes and leaving the member with "The application did not respond", and a
// command that comes during the stop is refused in plain words rather than started on a database about to close.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.js';
import { rssFeed } from '../helpers/news-site.js';

describe('stopping while members are being answered', () => {
  let t: TestBot;
  let site: TestHttpServer;
  // The feed's first read waits for the test: `/source add` is then in flight, deferred, before its writes.
  let arrived!: () => void;
  const feedAsked = new Promise<void>((resolve) => (arrived = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  beforeAll(async () => {
    t = await startTestBot();
    site = await startHttpServer({
      '/feed.xml': async (_req, res) => {
        arrived();
        await released;
        res.setHeader('content-type', 'application/rss+xml');
        res.end(rssFeed('Slow Valley News', site.origin, []));
      },
    });
  });
  afterAll(async () => {
    release();
    await site.close();
    await t.discord.close();
    await t.db.close();
  });

  it('finishes the command in flight before stopping, and refuses a new one meanwhile', { timeout: 60_000 }, async () => {
    const adding = t.discord.slash(t.guildId, t.users.admin, t.channels.news, 'source add', { url: `${site.origin}/feed.xml`, channel: t.channels.news });
    await feedAsked;
    expect((await adding.firstResponse()).type).toBe(5); // deferred: the member sees "thinking…"

    let stopped = false;
    const stopping = t.app.stop().then(() => (stopped = true));
    const asked = t.discord.slash(t.guildId, t.users.alice, t.channels.news, 'news latest');
    const refusal = await asked.settled();
    expect(asked.originalMessage()?.data.content).toBe('Gazette is restarting, try again in a minute.');
    expect(asked.originalMessage()?.ephemeral).toBe(true);
    expect(refusal.firstResponse?.ms).toBeLessThan(3_000);
    expect(stopped).toBe(false);

    release();
    const added = await adding.settled({ timeoutMs: 15_000 });
    expect(added.expired).toBeFalsy();
    expect(adding.originalMessage()?.data.content).toMatch(/^Added source #\d+: \*\*Slow Valley News\*\*/);
    expect(await t.db.prisma.source.count({ where: { guildId: t.guildId } })).toBe(1);
    await stopping;
    expect(stopped).toBe(true);
    t.discord.assertNoViolations();
  });

  it('sends a refusal that is under way before it stops', { timeout: 30_000 }, async () => {
    const t2 = await startTestBot({ discord: t.discord, db: t.db });
    // A command in flight holds the stop; meanwhile a member is refused, and Discord is slow to take the refusal.
    let asked!: () => void;
    const feedAskedAgain = new Promise<void>((resolve) => (asked = resolve));
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const slow = await startHttpServer({
      '/feed.xml': async (_req, res) => {
        asked();
        await answered;
        res.setHeader('content-type', 'application/rss+xml');
        res.end(rssFeed('Slow Hill News', slow.origin, []));
      },
    });
    try {
      const adding = t.discord.slash(t.guildId, t.users.admin, t.channels.news, 'source add', { url: `${slow.origin}/feed.xml`, channel: t.channels.caucasus });
      await feedAskedAgain;
      let stopped = false;
      const stopping = t2.app.stop().then(() => (stopped = true));
      const held = t.discord.holdNextResponse('POST /interactions/:interactionId/:token/callback');
      const refused = t.discord.slash(t.guildId, t.users.alice, t.channels.news, 'news latest');
      await held.arrived;
      answer();
      await adding.settled({ timeoutMs: 15_000 });
      // The command done, the stop still waits for the refusal on its way.
      await new Promise((r) => setTimeout(r, 300));
      expect(stopped).toBe(false);
      held.release();
      await stopping;
      expect((await refused.settled()).firstResponse?.type).toBe(4);
      expect(refused.originalMessage()?.data.content).toBe('Gazette is restarting, try again in a minute.');
    } finally {
      answer();
      await slow.close();
    }
  });
});
