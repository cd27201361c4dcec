// Stopping while article pages and feeds are still downloading: after the scheduler's grace period the downloads are
// cut off, so the stop fits in a container's stop timeout (10 s) instead of waiting out FETCH_TIMEOUT_MS; the pages cut
// off are read again at the next poll (not remembered as seen), and no feed cut off counts it as failing (backed off,
// its moderators told, paused in the end at every deploy).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { addSource } from '../../src/db/sources.js';
import { silentLogger } from '../../src/logger.js';
import { createTestDatabase } from '../helpers/db.js';
import { startDiscordStandIn, type DiscordStandIn } from '../helpers/discord/index.js';
import { rssFeed, type SiteArticle } from '../helpers/news-site.js';

// Shorter than the app's 8 s (defaultStopGraceMs), which the test would only wait out: what it shows is the same.
const GRACE_MS = 2_000;

describe('stopping while pages download', () => {
  let discord: DiscordStandIn;
  let db: Database;
  let site: Server;
  let origin: string;
  let items: SiteArticle[] = [];
  let slowFeedHangs = false;
  const hanging: { url: string; res: ServerResponse }[] = [];
  beforeAll(async () => {
    discord = await startDiscordStandIn();
    db = await createTestDatabase();
    // The feed answers; an article page never does (its response is kept open and unanswered), nor, once it is told
    // to, the slow feed.
    site = createServer((req: IncomingMessage, res: ServerResponse) => {
      const slow = req.url === '/slow.xml';
      if (req.url === '/feed.xml' || (slow && !slowFeedHangs)) {
        res.setHeader('content-type', 'application/rss+xml');
        res.end(rssFeed('Slow News', origin, slow ? [] : items));
      } else hanging.push({ url: req.url ?? '', res });
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    site.closeAllConnections();
    await new Promise<void>((resolve) => site.close(() => resolve()));
    await discord.close();
    await db.close();
  });

  it('cuts the downloads off after the grace period, leaves their items unseen and their feeds unharmed', { timeout: 120_000 }, async () => {
    const guildId = discord.addGuild({ name: 'Regional News' });
    const channelId = discord.addChannel(guildId, { name: 'news', type: 'text' });
    const config = loadConfig({
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      ALLOW_PRIVATE_NETWORKS: 'true',
      POLL_CRON: '* * * * * *',
      FETCH_TIMEOUT_MS: '60000',
      PIPELINE_WORKERS: '0',
      LOG_LEVEL: 'silent',
    });
    const app = await startApp({ config, logger: silentLogger, db, registerCommands: false, stopGraceMs: GRACE_MS });
    let stopped = false;
    try {
      // Hourly feeds, read once; then both are made due together, so one poll reads them side by side: one's article
      // pages hang, the other's feed itself does.
      const add = (path: string) => addSource(db.prisma, { guildId, actorId: '1', url: `${origin}${path}`, kind: 'feed', channelId, intervalMinutes: 60 });
      const feedIds = [(await add('/feed.xml')).feedId, (await add('/slow.xml')).feedId];
      const feeds = () => db.prisma.feed.findMany({ where: { id: { in: feedIds } }, orderBy: { id: 'asc' } });
      await expect.poll(async () => (await feeds()).every((f) => f.lastSuccessAt && !f.claimedUntil), { timeout: 15_000 }).toBe(true);
      const before = await feeds();
      const text = 'The government announced on Monday a new plan for the energy sector in the capital. '.repeat(8);
      items = [1, 2].map((n) => ({ slug: `plan-${n}`, title: `Energy plan part ${n} announced`, text, published: new Date() }));
      slowFeedHangs = true;
      await db.prisma.feed.updateMany({ where: { id: { in: feedIds } }, data: { nextFetchAt: new Date(0) } });
      const hangs = (path: string) => hanging.some((h) => h.url.startsWith(path));
      await expect.poll(() => hangs('/slow.xml') && hangs('/article/plan-'), { timeout: 15_000 }).toBe(true);

      const started = Date.now();
      await app.stop();
      stopped = true;
      // The downloads had the grace period to finish, less the second a command cut off has to say so (bot.ts), and
      // no longer: the whole stop fits in the grace period, as it must in a container's stop timeout.
      const took = Date.now() - started;
      expect(took).toBeGreaterThanOrEqual(GRACE_MS - 1_000 - 10);
      expect(took).toBeLessThan(GRACE_MS);

      // The polls end once their downloads are cut off; the items are not remembered, so the next poll reads them.
      await expect.poll(async () => (await feeds()).every((f) => !f.claimedUntil), { timeout: 10_000 }).toBe(true);
      const after = await feeds();
      expect(after[0]!.seenKeys.filter((key) => key.includes('/plan-'))).toEqual([]);
      expect(await db.prisma.article.count()).toBe(0);
      // Nor does either feed count the stop as its failure: no failure, no new notice, no backoff (due again at once).
      for (const [i, feed] of after.entries()) {
        const { consecutiveFailures, lastError, lastSuccessAt } = before[i]!;
        expect(feed).toMatchObject({ consecutiveFailures, lastError, lastSuccessAt });
        expect(feed.nextFetchAt.getTime()).toBeLessThanOrEqual(Date.now());
      }
      expect(before.map((f) => f.consecutiveFailures)).toEqual([0, 0]);
    } finally {
      if (!stopped) await app.stop();
    }
  });
});
