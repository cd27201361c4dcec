// A forum's page read as a listing: its items are its topics, as the engine marks their titles (phpBB's
// `a.topictitle`), whatever directory the board is installed in or however its addresses are rewritten. Under /forum/,
// a path segment no news article has, a board's page was read as no listing at all.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.js';
import { testPipeline } from '../helpers/services.js';

// A phpBB 3.3 forum's page, a guest's session id in each of its links.
const board = readFileSync(new URL('../fixtures/feeds/forum-phpbb-board.html', import.meta.url), 'utf8');
const sid = '5f8e1c2b9a7d4e3f6a1b0c9d8e7f6a5b';
// The same page with phpBB SEO's addresses: forums `/border-crossings-f2/`, topics `/poipet-crossing-t4521.html`.
const rewritten = board.replace(/\.\/viewtopic\.php\?t=(\d+)&amp;sid=\w+/g, '/forum/topic-t$1.html').replace(/\.\/viewforum\.php\?f=2&amp;sid=\w+/g, '/forum/border-crossings-f2/');

describe('a phpBB forum’s page read as a listing', () => {
  let server: TestHttpServer;
  const pipeline = testPipeline();
  let session = sid;

  beforeAll(async () => {
    server = await startHttpServer((req, res) => {
      const path = (req.url ?? '').replace(/[?&]sid=\w+$/, '');
      const page = path === '/forum/viewforum.php?f=2' ? board.replaceAll(sid, session) : path === '/forum/border-crossings-f2/' ? rewritten : undefined;
      if (!page) return void res.writeHead(404).end('not found');
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(page);
    });
  });
  afterAll(async () => {
    await pipeline.fetcher.close();
    await server.close();
  });

  const topicsOf = async (path: string) => {
    const read = await pipeline.pipeline.readSource({ url: `${server.origin}${path}`, kind: 'listing' });
    expect(read.parsed.kind).toBe('listing');
    return read.parsed.items.map((item) => [item.url.replace(server.origin, ''), item.title]);
  };
  const titles = ['Poipet crossing closed to tourists from today', 'Ferry from Ha Tien to Phu Quoc running again after the storm', 'Laos e-visa now accepted at the Friendship Bridge in Vientiane'];

  it('finds its topics under /forum/, and those alone, without the guest’s session', async () => {
    const topics = await topicsOf('/forum/viewforum.php?f=2');
    expect(topics).toEqual([4521, 4518, 4502].map((t, i) => [`/forum/viewtopic.php?t=${t}`, titles[i]]));
    // A guest's next session: the same topics, not new ones.
    session = 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';
    expect(await topicsOf('/forum/viewforum.php?f=2')).toEqual(topics);
  });

  it('finds its topics at phpBB SEO’s addresses', async () => {
    expect(await topicsOf('/forum/border-crossings-f2/')).toEqual([4521, 4518, 4502].map((t, i) => [`/forum/topic-t${t}.html`, titles[i]]));
  });
});
