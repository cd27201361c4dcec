// A feed item whose page is no article Gazette can read, and never will be (a video page, a PDF, a page too large):
// it was skipped, never posted and never tried again, though the feed gave its headline and description. The feed's
// own text stands for it now (src/pipeline/orchestrator.ts processItem).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { addSource } from '../../src/db/sources.js';
import { createTestDatabase } from '../helpers/db.js';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.js';
import { rssFeed, type SiteArticle } from '../helpers/news-site.js';
import { testNewsService } from '../helpers/services.js';

const guild = '110000000000000391';
const mod = '210000000000000391';
const day = (d: number) => new Date(Date.UTC(2025, 6, d, 9));
const video: SiteArticle = { slug: 'video', title: 'Watch: protests in Tbilisi enter a third night', text: 'Thousands gathered outside parliament in Tbilisi for a third night of protests over the foreign agents law.', published: day(10) };
const report: SiteArticle = { slug: 'report', title: 'Annual report on Caspian shipping published', text: 'The Caspian shipping council published its annual report on freight through Baku, Aktau and Turkmenbashi.', published: day(11) };

describe('a feed item whose page is not an article', () => {
  let db: Database;
  let server: TestHttpServer;
  let services: ReturnType<typeof testNewsService>;
  beforeAll(async () => {
    db = await createTestDatabase();
    services = testNewsService(db.prisma);
    server = await startHttpServer((req, res) => {
      if (req.url === '/feed.xml') {
        res.setHeader('content-type', 'application/rss+xml; charset=utf-8');
        return res.end(rssFeed('Site', server.origin, [report, video]));
      }
      if (req.url === '/article/video') {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        return res.end('<html><head><title>Video</title></head><body><div id="player"></div><nav><a href="/">Home</a></nav></body></html>');
      }
      res.setHeader('content-type', 'application/pdf');
      res.end(Buffer.from('%PDF-1.4 binary'));
    });
  });
  afterAll(async () => {
    await services.fetcher.close();
    await Promise.all([server.close(), db.close()]);
  });

  it('is stored from the feed’s own headline and description', async () => {
    const source = await addSource(db.prisma, { guildId: guild, actorId: mod, url: `${server.origin}/feed.xml`, kind: 'feed', channelId: '310000000000000391', intervalMinutes: 15, backfill: 2 });
    expect(await services.news.ingestFeed(source.feedId)).toMatchObject({ status: 'ok', newArticles: 2, problems: [] });
    const stored = await db.prisma.article.findMany({ orderBy: { url: 'asc' }, select: { url: true, title: true, text: true } });
    expect(stored.map((a) => a.title)).toEqual([report.title, video.title]);
    expect(stored[1]!.text).toContain('third night of protests');
  });
});
