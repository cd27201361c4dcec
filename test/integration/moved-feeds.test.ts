// A feed address that redirects: kept where it moved for good, so another spelling of it finds the feed followed.
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { addSource } from '../../src/db/sources.js';
import { createTestDatabase } from '../helpers/db.js';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.js';
import { startNewsSite, type NewsSite } from '../helpers/news-site.js';
import { testNewsService } from '../helpers/services.js';

const guild = '140000000000000001';
const mod = '240000000000000001';

describe('a feed address that redirects', () => {
  let db: Database;
  let site: NewsSite;
  let old: TestHttpServer;
  let services: ReturnType<typeof testNewsService>;

  beforeAll(async () => {
    db = await createTestDatabase();
    services = testNewsService(db.prisma);
    site = await startNewsSite('Moved Site');
    // The site's old host: its feed moved for good (through a second permanent hop), or is elsewhere for now.
    const to = (status: number, location: () => string) => (_req: unknown, res: ServerResponse) => {
      res.statusCode = status;
      res.setHeader('location', location());
      res.end();
    };
    old = await startHttpServer({
      '/feed': to(301, () => `${old.origin}/feed/`),
      '/feed/': to(308, () => site.feedUrl),
      '/for-now': to(302, () => site.feedUrl),
      '/moved-then-for-now': to(301, () => `${old.origin}/for-now`),
    });
  });
  afterAll(async () => {
    await services.fetcher.close();
    await Promise.all([site.close(), old.close(), db.close()]);
  });

  it('is kept where it moved for good, so the feed already followed there is found', async () => {
    const resolved = await services.news.resolveSource(`${old.origin}/feed`);
    expect(resolved).toMatchObject({ url: site.feedUrl, kind: 'feed', movedFrom: `${old.origin}/feed` });
    const base = { guildId: guild, actorId: mod, kind: 'feed' as const, intervalMinutes: 15, channelId: '340000000000000001' };
    const followed = await addSource(db.prisma, { ...base, url: site.feedUrl });
    await expect(addSource(db.prisma, { ...base, url: resolved.url })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining(`source #${followed.id}`) });
    const elsewhere = await addSource(db.prisma, { ...base, url: resolved.url, channelId: '340000000000000002' });
    expect(elsewhere.feedId).toBe(followed.feedId);
  });

  it('is kept as given when it redirects only for now, or moved to an address that redirects for now', async () => {
    const forNow = await services.news.resolveSource(`${old.origin}/for-now`);
    expect(forNow.url).toBe(`${old.origin}/for-now`);
    expect(forNow.movedFrom).toBeUndefined();
    expect(await services.news.resolveSource(`${old.origin}/moved-then-for-now`)).toMatchObject({ url: `${old.origin}/for-now`, movedFrom: `${old.origin}/moved-then-for-now` });
  });
});
