// What /source add counts as already in a listing page (ingest report `inSource`): the page's links now, not every
// link its memory keeps, which also holds articles that left the page (feed-items.ts recentKeys).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { addSource } from '../../src/db/sources.js';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.js';
import { createTestDatabase } from '../helpers/db.js';
import { testNewsService } from '../helpers/services.js';

const slugs = ['parliament-passes-the-budget', 'mayor-resigns-after-protests', 'opposition-calls-for-elections'];
const listing = (shown: string[]) => `<html><head><title>Politics – Batumi Daily</title></head><body><main>${shown
  .map((s) => `<article><h2><a href="/2025/07/10/${s}/">${s.replace(/-/g, ' ')} in Batumi</a></h2></article>`)
  .join('')}</main></body></html>`;

describe('a listing page read', () => {
  let db: Database;
  let server: TestHttpServer;
  let service: ReturnType<typeof testNewsService>;
  let shown = slugs;
  beforeAll(async () => {
    db = await createTestDatabase();
    service = testNewsService(db.prisma);
    server = await startHttpServer((req, res) => {
      if (req.url !== '/politics/') return void res.writeHead(404).end('not found');
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(listing(shown));
    });
  });
  afterAll(async () => {
    await service.fetcher.close();
    await server.close();
    await db.close();
  });

  it('counts the links the page shows, though it remembers one that left it', async () => {
    const source = await addSource(db.prisma, { guildId: '110000000000000095', actorId: '210000000000000095', url: `${server.origin}/politics/`, kind: 'listing', channelId: '310000000000000095', intervalMinutes: 15 });
    const first = await service.news.ingestFeed(source.feedId);
    expect(first.inSource).toBe(3);
    shown = slugs.slice(1);
    await db.prisma.feed.update({ where: { id: source.feedId }, data: { nextFetchAt: new Date(0) } });
    const second = await service.news.ingestFeed(source.feedId);
    expect(second.inSource).toBe(2);
    expect((await db.prisma.feed.findUniqueOrThrow({ where: { id: source.feedId } })).seenKeys).toHaveLength(3);
  });
});
