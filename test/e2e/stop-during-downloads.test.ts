// Stopping while article pages are still downloading: after the scheduler's grace period the downloads are cut off,
// so the stop fits in a container's stop timeout (10 s) instead of waiting out FETCH_TIMEOUT_MS, and the pages cut off
// are read again at the next poll (not remembered as seen).
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

const GRACE_MS = 8_000; // the scheduler's default

describe('stopping while pages download', () => {
  let discord: DiscordStandIn;
  let db: Database;
  let site: Server;
  let origin: string;
  let items: SiteArticle[] = [];
  const hanging: ServerResponse[] = [];
  beforeAll(async () => {
    discord = await startDiscordStandIn();
    db = await createTestDatabase();
    // The feed answers; an article page never does (its response is kept open and unanswered).
    site = createServer((req: IncomingMessage, res: ServerResponse) => {
      if (req.url === '/feed.xml') {
        res.setHeader('content-type', 'application/rss+xml');
        res.end(rssFeed('Slow News', origin, items));
      } else hanging.push(res);
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

  it('cuts the downloads off after the grace period and leaves their items unseen', { timeout: 120_000 }, async () => {
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
    const app = await startApp({ config, logger: silentLogger, db, registerCommands: false });
    let stopped = false;
    try {
      const { feedId } = await addSource(db.prisma, { guildId, actorId: '1', url: `${origin}/feed.xml`, kind: 'feed', channelId, intervalMinutes: 0 });
      const feed = () => db.prisma.feed.findUniqueOrThrow({ where: { id: feedId } });
      await expect.poll(async () => (await feed()).lastSuccessAt, { timeout: 15_000 }).not.toBeNull();
      const firstSuccess = (await feed()).lastSuccessAt!;
      const text = 'The government announced on Monday a new plan for the energy sector in the capital. '.repeat(8);
      items = [1, 2].map((n) => ({ slug: `plan-${n}`, title: `Energy plan part ${n} announced`, text, published: new Date() }));
      await expect.poll(() => hanging.length, { timeout: 15_000 }).toBeGreaterThan(0);

      const started = Date.now();
      await app.stop();
      stopped = true;
      expect(Date.now() - started).toBeLessThan(GRACE_MS + 3_000);

      // The poll ends once its downloads are cut off; the items are not remembered, so the next poll reads them.
      await expect.poll(async () => (await feed()).lastSuccessAt!.getTime(), { timeout: 10_000 }).toBeGreaterThan(firstSuccess.getTime());
      expect((await feed()).seenKeys.filter((key) => key.includes('/plan-'))).toEqual([]);
      expect(await db.prisma.article.count()).toBe(0);
    } finally {
      if (!stopped) await app.stop();
    }
  });
});
