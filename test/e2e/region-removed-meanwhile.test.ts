// `/source add` checks its region, then reads the feed (seconds) before it stores the source: a moderator removing that
// region meanwhile is answered, and the add is refused in words instead of storing a source that names a region
// nothing defines (src/db/regions.ts requireRegionsStillDefined).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setRegion } from '../../src/db/regions.js';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import type { OptionValue } from '../helpers/discord/index.js';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.js';
import { rssFeed } from '../helpers/news-site.js';

describe('/source add while its region is removed', () => {
  let t: TestBot;
  let site: TestHttpServer;
  let feedAsked!: () => void;
  const asked = new Promise<void>((r) => (feedAsked = r));
  let answerFeed!: () => void;
  const answered = new Promise<void>((r) => (answerFeed = r));

  beforeAll(async () => {
    t = await startTestBot();
    // The first read of the feed (the add's preview) waits until the test lets it answer.
    site = await startHttpServer({
      '/feed.xml': async (_req, res) => {
        feedAsked();
        await answered;
        res.setHeader('content-type', 'application/rss+xml');
        res.end(rssFeed('Black Sea Wire', site.origin, []));
      },
    });
  });
  afterAll(async () => {
    answerFeed();
    await t.close();
    await site.close();
  });

  const slash = (command: string, options: Record<string, OptionValue>) => t.discord.slash(t.guildId, t.users.admin, t.channels.news, command, options);
  const answer = async (handle: ReturnType<typeof slash>) => {
    await handle.settled({ timeoutMs: 25_000 });
    return handle.originalMessage()?.data.content ?? '';
  };

  it('refuses the add, saying the region was removed, and stores no source', async () => {
    await setRegion(t.app.db.prisma, t.guildId, t.users.admin, { slug: 'black-sea', name: 'Black Sea', countries: ['UA', 'GE', 'TR'] }, []);
    const adding = slash('source add', { url: `${site.origin}/feed.xml`, channel: t.channels.news, region: 'Black Sea' });
    await asked;
    // No source names the region yet: the removal goes through.
    expect(await answer(slash('config region', { region: 'Black Sea' }))).toBe('Removed the region **Black Sea**.');
    answerFeed();

    expect(await answer(adding)).toBe(
      'The region **Black Sea** was removed from this server (`/config region`) while your command ran. Nothing was changed: `/config show` lists the regions there are now, or define it again with `/config region`.',
    );
    expect(await t.app.db.prisma.source.count({ where: { guildId: t.guildId } })).toBe(0);
    t.discord.assertNoViolations();
  });
});
