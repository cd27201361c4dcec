// An article page read as a source (`/news submit`, an article source) must come out as the same article as the
// same page fetched for a feed item: a summary told from the story, not the publisher's standfirst, and the outlet's
// name, not the headline (ADR 17). Served over real HTTP and stored through the real news service.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { ensureGuild } from '../../src/db/guilds.js';
import { addSource } from '../../src/db/sources.js';
import { createTestDatabase } from '../helpers/db.js';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.js';
import { testNewsService } from '../helpers/services.js';

const guild = '110000000000000017';
const mod = '210000000000000017';
const channel = '310000000000000017';
const headline = 'Why the city needs more trams';
const blurb = 'A columnist argues that trams would end the city’s traffic jams within a decade.';
const lead = 'The city has talked about trams for twenty years, and every year the traffic gets worse while the plans gather dust.';

function articlePage(opts: { siteName?: string; topic: string }): string {
  const filler = Array.from(
    { length: 4 },
    (_, i) => `<p>Paragraph ${i + 1} goes on about ${opts.topic}, with enough ordinary words in it to read as the body of a real news story, as such stories usually do.</p>`,
  ).join('');
  const site = opts.siteName ? `<meta property="og:site_name" content="${opts.siteName}">` : '';
  return `<!doctype html><html lang="en"><head><title>${headline} | Example News</title><meta name="description" content="${blurb}">${site}</head>
<body><nav><a href="/">Home</a></nav><article><h1>${headline}</h1><p id="article-summary">${blurb}</p><p>${lead}</p>${filler}</article><footer>© Example News</footer></body></html>`;
}

function feed(origin: string, slug: string): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Example feed</title><link>${origin}/</link>
<item><title>${headline}</title><link>${origin}/opinion/${slug}</link><guid>${slug}</guid><pubDate>Fri, 11 Jul 2025 09:00:00 GMT</pubDate></item></channel></rss>`;
}

describe('an article page read as a source', () => {
  let db: Database;
  let site: TestHttpServer;
  let services: ReturnType<typeof testNewsService>;
  const html = (body: string) => (_req: unknown, res: { setHeader(n: string, v: string): void; end(b: string): void }) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(body);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    services = testNewsService(db.prisma);
    await ensureGuild(db.prisma, guild); // a guild using /news submit has a row
    site = await startHttpServer({
      '/opinion/trams': html(articlePage({ siteName: 'Example News', topic: 'the tram plan' })),
      '/opinion/buses': html(articlePage({ topic: 'the bus lanes' })),
      '/opinion/ferries': html(articlePage({ siteName: 'Example News', topic: 'the ferry routes' })),
      '/feed.xml': (_req, res) => {
        res.setHeader('content-type', 'application/rss+xml');
        res.end(feed(site.origin, 'trams'));
      },
    });
  });
  afterAll(async () => {
    await services.fetcher.close();
    await Promise.all([site.close(), db.close()]);
  });

  it('is summarized like a feed item’s page: from the story, without the standfirst', async () => {
    const { pipeline } = services;
    const url = `${site.origin}/opinion/trams`;
    const fromFeed = await pipeline.readSource({ url: `${site.origin}/feed.xml`, kind: 'feed' });
    const viaFeed = await pipeline.processItem(fromFeed.parsed.items[0]!, { dates: fromFeed.dates, kind: 'feed', siteName: fromFeed.parsed.title });
    const read = await pipeline.readSource({ url, kind: 'article' });
    const asSource = await pipeline.processItem(read.parsed.items[0]!, { dates: read.dates, kind: 'article' });
    expect(viaFeed.summary.startsWith(lead)).toBe(true);
    expect(asSource.text.startsWith(blurb)).toBe(true); // the standfirst stays part of the article
    expect(asSource.summary).toBe(viaFeed.summary);
    expect(asSource.sourceName).toBe('Example News');
  });

  it('is stored by /news submit with a summary told from the story and the outlet’s name', async () => {
    const url = `${site.origin}/opinion/trams`;
    const shared = await services.news.shareArticle({ url, guildId: guild, channelId: channel });
    const story = await db.prisma.story.findUniqueOrThrow({ where: { id: shared.storyId }, include: { articles: true } });
    const article = story.articles.find((a) => a.url === url);
    expect(article).toBeDefined();
    expect(article!.title).toBe(headline);
    expect(article!.summary.startsWith(blurb)).toBe(false);
    expect(article!.summary.startsWith(lead)).toBe(true);
    expect(article!.sourceName).toBe('Example News');
  });

  it('names the host as the outlet of a shared page without a site name, never the headline', async () => {
    const url = `${site.origin}/opinion/buses`;
    await services.news.shareArticle({ url, guildId: guild, channelId: channel });
    const article = await db.prisma.article.findFirstOrThrow({ where: { url } });
    expect(article.sourceName).toBe('127.0.0.1');
    expect(article.summary.startsWith(blurb)).toBe(false);
  });

  it('names the outlet of an article source’s page by its site name too', async () => {
    const url = `${site.origin}/opinion/ferries`;
    const source = await addSource(db.prisma, { guildId: guild, actorId: mod, url, kind: 'article', channelId: channel, intervalMinutes: 15, backfill: 1 });
    const report = await services.news.ingestFeed(source.feedId);
    expect(report).toMatchObject({ status: 'ok', newArticles: 1, problems: [] });
    const article = await db.prisma.article.findFirstOrThrow({ where: { feedId: source.feedId } });
    expect(article.sourceName).toBe('Example News');
    expect(article.summary.startsWith(blurb)).toBe(false);
  });
});
