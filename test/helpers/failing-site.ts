// Sites whose pages fail on demand (503, 429 with Retry-After), and feeds followed on them, for the tests of items
// that fail and of sites that ask Gazette to wait (test/integration/item-retries.test.ts, site-waits.test.ts).
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { Prisma } from '../../src/db/client.js';
import { addSource } from '../../src/db/sources.js';
import type { NewsService } from '../../src/ingest/types.js';
import { startHttpServer, type TestHttpServer } from './http-server.js';
import { articlePage, rssFeed, type SiteArticle } from './news-site.js';

export type FailingSite = ReturnType<typeof failingSite>;

/** A site whose feed answers conditional requests with 304, and whose pages can fail or stall on demand. */
export function failingSite() {
  const state = {
    items: [] as SiteArticle[],
    /** Slug → statuses to answer before the page itself (503, 404…). */
    failing: new Map<string, number[]>(),
    /** Milliseconds each page takes, failing or not. */
    pageDelayMs: 0,
    /** Retry-After on the failing answers, when set. */
    retryAfter: undefined as string | undefined,
    /** Statuses to answer the feed itself with before the feed (429…), with `retryAfter` as the pages'. */
    feedFailing: [] as number[],
    /** Another site's items the feed links to, after its own (an aggregator's). */
    linked: undefined as { origin: string; items: SiteArticle[] } | undefined,
    /** The feed answers 304 to any request carrying a validator, changed or not (a generator's fixed ETag). */
    stale304: false,
  };
  let server: TestHttpServer;
  const start = async (host?: string) => {
    server = await startHttpServer(async (req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      if (path === '/feed.xml') {
        const status = state.feedFailing.shift();
        if (status) {
          res.statusCode = status;
          if (state.retryAfter) res.setHeader('retry-after', state.retryAfter);
          return res.end('try later');
        }
        const linked = state.linked ? (rssFeed('', state.linked.origin, state.linked.items).match(/<item>[\s\S]*?<\/item>/g) ?? []) : [];
        const body = rssFeed('Retry Times', server.origin, state.items).replace('</channel>', `${linked.join('\n')}</channel>`);
        const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
        if (req.headers['if-none-match'] === etag || (state.stale304 && req.headers['if-none-match'])) {
          res.statusCode = 304;
          return res.end();
        }
        res.setHeader('etag', etag);
        res.setHeader('content-type', 'application/rss+xml; charset=utf-8');
        return res.end(body);
      }
      const slug = path.slice('/article/'.length);
      if (state.pageDelayMs) await new Promise((resolve) => setTimeout(resolve, state.pageDelayMs));
      const status = state.failing.get(slug)?.shift();
      if (status) {
        res.statusCode = status;
        if (state.retryAfter) res.setHeader('retry-after', state.retryAfter);
        return res.end('try later');
      }
      const article = state.items.find((a) => a.slug === slug);
      if (!article) {
        res.statusCode = 404;
        return res.end('Not found');
      }
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(articlePage(article, 'Retry Times'));
    }, { host });
    return server;
  };
  return {
    state,
    start,
    pageRequests: (slug: string) => server.requests.filter((r) => r.url === `/article/${slug}`).length,
    feedRequests: () => server.requests.filter((r) => r.url === '/feed.xml').length,
  };
}

/**
 * Follows failing sites' feeds in one guild, each read once on following so that only the items added after are
 * news; `close` stops every site started.
 */
export function siteFollower(prisma: Prisma, news: () => NewsService, ids: { guild: string; mod: string }) {
  const servers: TestHttpServer[] = [];
  const follow = async (s: FailingSite, channel: string) => {
    const server = await s.start();
    servers.push(server);
    const source = await addSource(prisma, { guildId: ids.guild, actorId: ids.mod, url: `${server.origin}/feed.xml`, kind: 'feed', channelId: channel, intervalMinutes: 15 });
    expect(await news().ingestFeed(source.feedId)).toMatchObject({ status: 'ok', newArticles: 0 });
    return source.feedId;
  };
  /** A feed of one site (127.0.0.1) that also links to another's items (127.0.0.2), as an aggregator does. */
  const aggregator = async (channel: string) => {
    const s = failingSite();
    const other = failingSite();
    const feedId = await follow(s, channel);
    const otherServer = await other.start('127.0.0.2');
    servers.push(otherServer);
    s.state.linked = { origin: otherServer.origin, items: other.state.items };
    return { s, other, feedId };
  };
  return { follow, aggregator, close: () => Promise.all(servers.map((s) => s.close())) };
}
