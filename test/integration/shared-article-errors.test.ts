// `/news submit` (and a moderator approving a submission): the page is fetched once and read as one article. A site
// failing on a later fetch used to reach the member as Gazette's own fault, and a feed's address posted the feed's
// first item as the member's share.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { ensureGuild } from '../../src/db/guilds.js';
import { isUserError } from '../../src/errors.js';
import { FetchError } from '../../src/pipeline/fetch/errors.js';
import { createTestDatabase } from '../helpers/db.js';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.js';
import { newsServiceOver, testNewsService } from '../helpers/services.js';

const guild = '110000000000000019';
const channel = '310000000000000019';
const page = `<!doctype html><html lang="en"><head><title>Trams for the city | Example</title></head><body><article><h1>Trams for the city</h1>${'<p>The city has talked about trams for twenty years, and every year the traffic gets worse while the plans gather dust.</p>'.repeat(5)}</article></body></html>`;

describe('an article a member shares', () => {
  let db: Database;
  let site: TestHttpServer;
  let services: ReturnType<typeof testNewsService>;
  let flaky = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    services = testNewsService(db.prisma);
    await ensureGuild(db.prisma, guild);
    site = await startHttpServer({
      // Up for one request, then busy: what a second fetch of the same page would meet.
      '/flaky': (_req, res) => {
        if (++flaky > 1) {
          res.statusCode = 503;
          return res.end('busy');
        }
        res.setHeader('content-type', 'text/html');
        return res.end(page);
      },
      '/feed.xml': (_req, res) => {
        res.setHeader('content-type', 'application/rss+xml');
        res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item><title>Trams</title><link>${site.origin}/flaky</link></item></channel></rss>`);
      },
    });
  });
  afterAll(async () => {
    await services.fetcher.close();
    await Promise.all([site.close(), db.close()]);
  });

  it('is fetched once', async () => {
    const shared = await services.news.shareArticle({ url: `${site.origin}/flaky`, guildId: guild, channelId: channel });
    expect(shared.isNew).toBe(true);
    expect(flaky).toBe(1);
  });

  it('is refused, in words, when the address is a feed', async () => {
    const error = await services.news.shareArticle({ url: `${site.origin}/feed.xml`, guildId: guild, channelId: channel }).catch((e: unknown) => e);
    expect(isUserError(error)).toBe(true);
    expect((error as Error).message).toBe('That address is a feed, not an article; moderators add feeds with /source add.');
    expect(await db.prisma.article.count({ where: { title: 'Trams' } })).toBe(0);
  });

  it('says what the network did when a page the article needs could not be fetched', async () => {
    const { pipeline } = services;
    const news = newsServiceOver(db.prisma, { ...pipeline, processItem: () => Promise.reject(new FetchError('http-status', 'The server answered 503 Service Unavailable.', { status: 503 })) });
    flaky = 0;
    const error = await news.shareArticle({ url: `${site.origin}/flaky`, guildId: guild, channelId: channel }).catch((e: unknown) => e);
    expect(isUserError(error)).toBe(true);
    expect((error as Error).message).toBe(`Could not fetch ${site.origin}/flaky: The server answered 503 Service Unavailable.`);
  });

  it('is read under the private-address rules where only the sources may reach private networks', async () => {
    // The test fetcher lifts the rules, as ALLOW_PRIVATE_NETWORKS=true does; the members' flag is left unset.
    const news = newsServiceOver(db.prisma, services.pipeline, { membersReachPrivateNetworks: false });
    const before = site.requests.length;
    flaky = 0;
    const error = await news.shareArticle({ url: `${site.origin}/flaky`, guildId: guild, channelId: channel }).catch((e: unknown) => e);
    expect(isUserError(error)).toBe(true);
    expect((error as Error).message).toBe(`Could not fetch ${site.origin}/flaky: Refused: 127.0.0.1 is a loopback address.`);
    expect(site.requests.length).toBe(before);
    // A moderator's source on the same site is still read.
    expect((await services.pipeline.readSource({ url: `${site.origin}/feed.xml` })).parsed.items).toHaveLength(1);
  });
});
