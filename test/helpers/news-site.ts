// A local news site for tests: RSS feeds whose items can be changed between polls, and article pages.
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { startHttpServer, type TestHttpServer } from './http-server.js';

export interface SiteArticle {
  slug: string;
  title: string;
  text: string;
  published: Date;
  /** Put the full text in the feed (content:encoded) instead of only a teaser. */
  fullInFeed?: boolean;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const paragraphs = (text: string) => text.split(/\n\s*\n/).map((p) => `<p>${escape(p.trim())}</p>`).join('\n');

export function articlePage(a: SiteArticle, site: string): string {
  return `<!doctype html><html lang="en"><head><title>${escape(a.title)} | ${site}</title>
<meta property="og:site_name" content="${site}"><meta property="article:published_time" content="${a.published.toISOString()}">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>${escape(a.title)}</h1><p class="byline">By Staff Reporter</p>${paragraphs(a.text)}</article>
<aside>Read more: <a href="/other">Other news</a></aside><footer>DOWNLOAD THE APP</footer></body></html>`;
}

export function rssFeed(title: string, origin: string, items: SiteArticle[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>${escape(title)}</title><link>${origin}/</link>
${items
  .map(
    (a) => `<item><title>${escape(a.title)}</title><link>${origin}/article/${a.slug}</link><guid>${origin}/article/${a.slug}</guid>
<pubDate>${a.published.toUTCString()}</pubDate><description>${escape(a.text.slice(0, 160))}</description>
${a.fullInFeed ? `<content:encoded><![CDATA[${paragraphs(a.text)}]]></content:encoded>` : ''}</item>`,
  )
  .join('\n')}
</channel></rss>`;
}

export interface NewsSite {
  server: TestHttpServer;
  origin: string;
  feedUrl: string;
  /** Items currently in the feed, newest first. */
  items: SiteArticle[];
  /** Replace the feed's response (broken XML, errors) until set back to undefined. */
  override?: ((res: ServerResponse) => void) | undefined;
  close(): Promise<void>;
}

export async function startNewsSite(name: string, items: SiteArticle[] = []): Promise<NewsSite> {
  const site: Partial<NewsSite> & { items: SiteArticle[] } = { items };
  const server = await startHttpServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/feed.xml') {
      if (site.override) return site.override(res);
      res.setHeader('content-type', 'application/rss+xml; charset=utf-8');
      return res.end(rssFeed(name, server.origin, site.items));
    }
    const slug = path.startsWith('/article/') ? path.slice('/article/'.length) : undefined;
    const article = site.items.find((a) => a.slug === slug);
    if (!article) {
      res.statusCode = 404;
      return res.end('Not found');
    }
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(articlePage(article, name));
  });
  return Object.assign(site, {
    server,
    origin: server.origin,
    feedUrl: `${server.origin}/feed.xml`,
    close: () => server.close(),
  }) as NewsSite;
}

export function fixtureText(name: string): string {
  return readFileSync(new URL(`../fixtures/articles/${name}`, import.meta.url), 'utf8');
}

/** The Al Jazeera piece and the Al Arabiya report from the seed page (test/fixtures/seeds), as plain article texts. */
export function seedTexts(): { aljazeera: string; alarabiya: string; forum: string } {
  const page = readFileSync(new URL('../fixtures/seeds/004_a284c9c23bdb87fa.txt', import.meta.url), 'utf8');
  const forum = readFileSync(new URL('../fixtures/seeds/000_b3421202f4057a70.txt', import.meta.url), 'utf8');
  return {
    aljazeera: page.slice(page.indexOf('The recent flare-up'), page.indexOf('Cambodia Accuses Thailand')).trim(),
    alarabiya: page.slice(page.indexOf("Cambodia's government on Tuesday"), page.indexOf('DOWNLOAD THE APP')).trim(),
    forum: forum.slice(forum.indexOf('Once a close partner')).trim(),
  };
}
