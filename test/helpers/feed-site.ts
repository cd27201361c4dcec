// A local site with several named feeds (`/all.xml`, `/world.xml`) that may carry the same articles, answering
// conditional requests with 304 as real feeds do, for tests of feeds shared between servers.
import { createHash } from 'node:crypto';
import { startHttpServer, type TestHttpServer } from './http-server.js';
import { articlePage, rssFeed, type SiteArticle } from './news-site.js';

export interface FeedSite {
  server: TestHttpServer;
  /** Each feed's items, newest first; change them between polls. */
  feeds: Record<string, SiteArticle[]>;
  feedUrl(name: string): string;
  close(): Promise<void>;
}

export async function startFeedSite(names: string[]): Promise<FeedSite> {
  const feeds: Record<string, SiteArticle[]> = Object.fromEntries(names.map((n) => [n, []]));
  const server = await startHttpServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const feed = /^\/([\w-]+)\.xml$/.exec(path)?.[1];
    if (feed && feeds[feed]) {
      const body = rssFeed(`Site ${feed}`, server.origin, feeds[feed]);
      const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
      res.setHeader('etag', etag);
      if (req.headers['if-none-match'] === etag) {
        res.statusCode = 304;
        return res.end();
      }
      res.setHeader('content-type', 'application/rss+xml; charset=utf-8');
      return res.end(body);
    }
    const article = Object.values(feeds).flat().find((a) => path === `/article/${a.slug}`);
    res.statusCode = article ? 200 : 404;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(article ? articlePage(article, 'Site') : 'Not found');
  });
  return { server, feeds, feedUrl: (name) => `${server.origin}/${name}.xml`, close: () => server.close() };
}
