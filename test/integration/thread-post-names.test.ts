// A post whose forum gives it no id is named by its author, date and opening, not its place on the page: named by
// place, the post after a deleted one took its name, and the next new post was taken as seen and never posted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { addSource } from '../../src/db/sources.js';
import { createTestDatabase } from '../helpers/db.js';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.js';
import { testNewsService } from '../helpers/services.js';

const places = ['Kutaisi', 'Batumi', 'Zugdidi', 'Gori', 'Telavi', 'Poti'];
/** A post in schema.org microdata with no id of any kind; `when`: how the page words its date for people. */
const post = (n: number, when = `${n} July 2025`) =>
  `<div itemscope itemtype="https://schema.org/DiscussionForumPosting"><span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">member${n}</span></span>` +
  `<time itemprop="datePublished" datetime="2025-07-0${n}T09:00:00Z">${when}</time>` +
  `<div itemprop="text">Post ${n}: the bridge in ${places[n % places.length]} ${n % 2 ? 'reopens after repairs' : 'closes for the winter'}, writes member ${n}, who saw it on day ${n}.</div></div>`;

describe('a thread whose posts have no ids', () => {
  let db: Database;
  let server: TestHttpServer;
  let service: ReturnType<typeof testNewsService>;
  let posts: string[] = [];
  let upgraded: string[] = [];
  let captured: number[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    service = testNewsService(db.prisma);
    server = await startHttpServer({
      '/topic/kutaisi-bridge': (_req, res) => {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(`<html><head><title>Kutaisi bridge</title></head><body><h1>Kutaisi bridge</h1>${posts.join('')}</body></html>`);
      },
      // A thread as text (a capture, or a page of markup no engine's): posts as poster, date and text lines.
      '/capture/gori-market': (_req, res) => {
        res.setHeader('content-type', 'text/plain; charset=utf-8');
        res.end(['Re: Gori market', ...captured.flatMap((n) => [`member${n}`, 'Posts: 1,204', `0${n}-07-2025, 09:00 AM`, `Post ${n}: the market in ${places[n % places.length]} opens early this week, and its stalls stay open until nine.`, 'Reply'])].join('\n'));
      },
      '/topic/batumi-port': (_req, res) => {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(`<html><head><title>Batumi port</title></head><body><h1>Batumi port</h1>${upgraded.join('')}</body></html>`);
      },
    });
  });
  afterAll(async () => {
    await service.fetcher.close();
    await server.close();
    await db.close();
  });

  const ingest = async (feedId: number) => {
    await db.prisma.feed.update({ where: { id: feedId }, data: { nextFetchAt: new Date(0) } });
    return service.news.ingestFeed(feedId);
  };
  const storedTexts = async (feedId: number) => (await db.prisma.article.findMany({ where: { feedId }, select: { text: true }, orderBy: { id: 'asc' } })).map((a) => /^Post (\d+)/.exec(a.text ?? '')?.[1]);

  it('posts a new post after an earlier one was deleted, and none of the others again', async () => {
    posts = [post(1), post(2), post(3)];
    const { feedId } = await addSource(db.prisma, { guildId: '110000000000000401', actorId: '210000000000000401', url: `${server.origin}/topic/kutaisi-bridge`, kind: 'thread', channelId: '310000000000000401', intervalMinutes: 15 });
    const first = await ingest(feedId);
    expect(first.status).not.toBe('failed');
    expect(first.inSource).toBe(3);
    // Post 2 deleted, post 4 written: the page holds three posts again, the new one where post 3 was.
    posts = [post(1), post(3), post(4)];
    const second = await ingest(feedId);
    expect(second.newArticles).toBe(1);
    expect(await storedTexts(feedId)).toEqual(['4']);
    // Its date worded anew for people ("an hour ago" a read later) renames none of them.
    posts = [post(1, 'a week ago'), post(3, 'yesterday'), post(4, 'an hour ago')];
    expect((await ingest(feedId)).newArticles).toBe(0);
  });

  it('posts none of its posts again on the first read after they were named by place', async () => {
    upgraded = [post(1), post(2), post(3)];
    const url = `${server.origin}/topic/batumi-port`;
    const { feedId } = await addSource(db.prisma, { guildId: '110000000000000402', actorId: '210000000000000401', url, kind: 'thread', channelId: '310000000000000402', intervalMinutes: 15 });
    await ingest(feedId);
    // As a read before this change remembered them: by their places.
    await db.prisma.feed.update({ where: { id: feedId }, data: { seenKeys: [1, 2, 3].map((n) => `${url}#post-${n}`) } });
    expect((await ingest(feedId)).newArticles).toBe(0);
    upgraded = [post(1), post(3), post(4)];
    expect((await ingest(feedId)).newArticles).toBe(1);
    expect(await storedTexts(feedId)).toEqual(['4']);
  });

  it('names the posts of a thread read from its text by poster and opening too', async () => {
    captured = [1, 2, 3];
    const { feedId } = await addSource(db.prisma, { guildId: '110000000000000403', actorId: '210000000000000401', url: `${server.origin}/capture/gori-market`, kind: 'thread', channelId: '310000000000000403', intervalMinutes: 15 });
    expect((await ingest(feedId)).inSource).toBe(3);
    captured = [1, 3, 4];
    expect((await ingest(feedId)).newArticles).toBe(1);
    expect(await storedTexts(feedId)).toEqual(['4']);
  });
});
