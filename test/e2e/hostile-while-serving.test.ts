// The real bot (worker pool on, as npm start runs it) fed the nested-HTML page that used to exhaust its heap, from a
// source and through /news submit at the same time, keeps answering members within Discord's 3 s, says what
// happened in words, and is still up afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFetchSuccess } from '../../src/db/feeds.js';
import { addSource } from '../../src/db/sources.js';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.js';

const nested = `<html><body>${'<div><p>x '.repeat(100_000)}`;
const content = (r: { data?: unknown } | null | undefined) => (r?.data as { content?: string } | undefined)?.content ?? '';

describe('a hostile page while members use the bot', () => {
  let t: TestBot;
  let server: TestHttpServer;

  beforeAll(async () => {
    t = await startTestBot({ env: { PIPELINE_WORKERS: '1' } });
    server = await startHttpServer({
      '/listing.html': (_req, res) => {
        res.setHeader('content-type', 'text/html');
        res.end(nested);
      },
      '/2025/07/10/story.html': (_req, res) => {
        res.setHeader('content-type', 'text/html');
        res.end(nested);
      },
    });
    const source = await addSource(t.app.db.prisma, { guildId: t.guildId, actorId: t.users.admin, url: `${server.origin}/listing.html`, kind: 'listing', channelId: t.channels.news, intervalMinutes: 15 });
    await recordFetchSuccess(t.app.db.prisma, source.feedId, new Date(), { seenKeys: [], nextFetchAt: new Date() });
  });
  afterAll(async () => {
    await t.close();
    await server.close();
  });

  it('answers /news latest within 3 s while a source and a submission bring the page, and explains both', { timeout: 60_000 }, async () => {
    const polling = t.poll();
    const submitted = t.discord.slash(t.guildId, t.users.alice, t.channels.news, 'news submit', { url: `${server.origin}/2025/07/10/story.html` }).settled({ timeoutMs: 30_000 });
    const latest = await t.discord.slash(t.guildId, t.users.bob, t.channels.news, 'news latest').settled();
    expect(latest.firstResponse).not.toBeNull();
    expect(latest.firstResponse!.ms).toBeLessThan(3000);

    const submission = await submitted;
    const answer = JSON.stringify(submission.edits.at(-1)?.body ?? submission.firstResponse?.data);
    expect(answer).toMatch(/too complex to read/);
    await polling;
    const feed = await t.app.db.prisma.feed.findFirstOrThrow({ where: { url: `${server.origin}/listing.html` } });
    expect(feed.lastError).toMatch(/^The page is too complex to read/);

    // Still up: the next member is answered as usual.
    const again = await t.discord.slash(t.guildId, t.users.bob, t.channels.news, 'news latest').settled();
    expect(content(again.firstResponse) + JSON.stringify(again.firstResponse?.data)).not.toMatch(/went wrong/i);
    t.discord.assertNoViolations();
  });
});
