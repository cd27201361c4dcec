// Hostile documents, generated (never checked in as megabytes): what a compromised or careless source can send.
// Each is served by a local HTTP server and read through the real pipeline, by the tests (test/integration/
// hostile-input.test.ts) and by `npm run bench -- hostile`, which also measures time, main-thread blocking and
// memory. `expect` says how the case must end: as a health message matching `message`, or read with items.
import { gzipSync } from 'node:zlib';
import { describeError, isUserError } from '../../src/errors.js';
import type { Pipeline } from '../../src/pipeline/orchestrator.js';
import type { RouteTable } from './http-server.js';

export interface HostileCase {
  name: string;
  /** The path the case is served at, read as a source of this kind. */
  path: string;
  kind: 'feed' | 'listing' | 'article' | 'thread';
  expect: { refused: RegExp } | { items: 'any' | number; never?: RegExp };
}

const rss = (items: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile</title><link>https://hostile.example/</link>${items}</channel></rss>`;
const item = (title: string, body: string, extra = '') =>
  `<item><title>${title}</title><link>https://hostile.example/a/${Math.random().toString(36).slice(2)}</link>${extra}<description><![CDATA[${body}]]></description></item>`;
/** n Georgian-looking words that are no words: the letters of a fixed walk, six to eleven of them each. */
const georgianNonsense = (n: number) =>
  Array.from({ length: n }, (_, i) => Array.from({ length: 6 + (i % 6) }, (_, j) => String.fromCharCode(0x10d0 + ((i * 7 + j * 13) % 33))).join('')).join(' ');
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i % 97}`).join(' ');

/** The cases and the routes serving them (one server serves them all). */
export function hostileCorpus(): { cases: HostileCase[]; routes: RouteTable } {
  const routes: RouteTable = {};
  const cases: HostileCase[] = [];
  const add = (c: HostileCase, body: string | Buffer, headers: Record<string, string>) => {
    cases.push(c);
    routes[c.path] = (_req, res) => {
      for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
      res.end(body);
    };
  };
  const html = { 'content-type': 'text/html; charset=utf-8' };
  const xml = { 'content-type': 'application/rss+xml' };

  add({ name: 'nested HTML (1 MB of <div><p>)', path: '/nested.html', kind: 'listing', expect: { refused: /too complex to read/ } }, `<html><body>${'<div><p>x '.repeat(100_000)}`, html);
  add({ name: 'nested HTML as an article', path: '/nested-article.html', kind: 'article', expect: { refused: /too complex to read/ } }, `<html><body>${'<div><p>x '.repeat(100_000)}`, html);
  // Optional end tags that do not close each other: htmlparser2 nests `<p><li>` (180 KB took 43 s to read).
  add({ name: "'<p><li>' x 20,000 on a listing page", path: '/p-li.html', kind: 'listing', expect: { refused: /too complex to read/ } }, `<html><body>${'<p><li>x '.repeat(20_000)}`, html);
  add(
    { name: 'pubDate of 100,000 digits (x3)', path: '/digits.xml', kind: 'feed', expect: { items: 3 } },
    rss([1, 2, 3].map((i) => item(`Dated story ${i}`, `${words(120)}.`, `<pubDate>${'9'.repeat(100_000)}</pubDate>`)).join('')),
    xml,
  );
  add({ name: '"Mr. " x 25,000 in an article', path: '/mr.xml', kind: 'feed', expect: { items: 1 } }, rss(item('Titles everywhere', 'Mr. '.repeat(25_000))), xml);
  add({ name: "'<a ' x 33,000 in a title", path: '/title.xml', kind: 'feed', expect: { items: 'any' } }, rss(item('&lt;a '.repeat(33_000), `${words(150)}.`)), xml);
  add({ name: 'entities x 500,000 in a title', path: '/entities.xml', kind: 'feed', expect: { items: 'any' } }, rss(item('&amp;amp;'.repeat(500_000), `${words(150)}.`)), xml);
  add(
    { name: 'Content-Encoding: gzip x 1,000', path: '/encodings.xml', kind: 'feed', expect: { refused: /too many content encodings/ } },
    rss(item('Encoded', words(50))),
    { ...xml, 'content-encoding': Array(1000).fill('gzip').join(', ') },
  );
  add(
    { name: 'gzip bomb (100 MB of zeros in 100 KB)', path: '/bomb.xml', kind: 'feed', expect: { refused: /larger than .* once decompressed/ } },
    gzipSync(Buffer.alloc(100 << 20), { level: 9 }),
    { ...xml, 'content-encoding': 'gzip' },
  );
  add(
    { name: 'item linking to file:///etc/passwd', path: '/file-link.xml', kind: 'feed', expect: { items: 'any', never: /root:x:0:0/ } },
    rss('<item><title>Short</title><link>file:///etc/passwd</link><description>teaser</description></item>'),
    xml,
  );
  // Scripts written without spaces are cut into words by ICU, whose time grew faster than a run's length and whose
  // segments each held a copy of the run: 100,000 Thai letters took seconds and ran a worker out of memory.
  add(
    { name: 'Thai without a space, 100,000 letters (a title before every name)', path: '/thai-run.html', kind: 'article', expect: { items: 1 } },
    `<html><head><title>รายงาน</title></head><body><article><h1>รายงานยาว</h1><p>${'นายปูตินกล่าวว่าการเจรจาจะดำเนินต่อไป'.repeat(2_800)}</p></article></body></html>`,
    html,
  );
  // Georgian names are the words its dictionary does not know: every word of this page is looked up.
  add(
    { name: 'Georgian, 1 MB of words no dictionary knows', path: '/georgian-words.html', kind: 'article', expect: { items: 1 } },
    `<html><head><title>ანგარიში</title></head><body><article><h1>გრძელი ანგარიში</h1>${`<p>${georgianNonsense(120)}.</p>`.repeat(1_000)}</article></body></html>`,
    html,
  );
  add(
    { name: 'a 4 MB article (legitimate, long)', path: '/long.html', kind: 'article', expect: { items: 1 } },
    `<html><head><title>A very long report</title></head><body><article><h1>A very long report</h1>${`<p>${words(60)}. ${words(40)}.</p>`.repeat(6_000)}</article></body></html>`,
    html,
  );
  add(
    { name: '200,000 links on a listing page', path: '/links.html', kind: 'listing', expect: { refused: /too complex to read|larger than/ } },
    `<html><body>${Array.from({ length: 200_001 }, (_, i) => `<a href="/news/${i}">Story ${i}</a>`).join('')}</body></html>`,
    html,
  );
  const article = (head: string, body: string) =>
    `<html><head><title>Ceasefire talks resume in Geneva</title>${head}</head><body><article><h1>Ceasefire talks resume in Geneva</h1>${body}<p>${words(60)}. ${words(40)}.</p><p>${words(50)}.</p></article></body></html>`;
  add(
    { name: 'a class of "overflow" x 1,250 around the text', path: '/class.html', kind: 'article', expect: { items: 1 } },
    article('', `<div class="${'overflow'.repeat(1_250)}"><p>${words(80)}.</p></div>`),
    html,
  );
  add(
    { name: 'nested HTML inside <noscript> (600 KB)', path: '/noscript.html', kind: 'article', expect: { refused: /too complex to read/ } },
    `<html><body><noscript>${'<div><p>x '.repeat(60_000)}`,
    html,
  );
  add({ name: 'a paragraph of 120,000 entities', path: '/entity-text.html', kind: 'article', expect: { items: 1 } }, article('', `<p>${'a&amp;'.repeat(120_000)}</p>`), html);
  add(
    { name: 'JSON-LD with 400,000 blank lines', path: '/jsonld-lines.html', kind: 'article', expect: { items: 1 } },
    article(`<script type="application/ld+json">{"@type":"NewsArticle",${'\n'.repeat(400_000)}"headline":"Ceasefire talks resume in Geneva"}</script>`, ''),
    html,
  );
  add(
    { name: 'JSON-LD nested 50,000 arrays deep', path: '/jsonld-deep.html', kind: 'article', expect: { items: 1 } },
    article(`<script type="application/ld+json">${'['.repeat(50_000)}${']'.repeat(50_000)}</script>`, ''),
    html,
  );
  add(
    { name: 'an author of "a@" x 40,000 (x3)', path: '/author.xml', kind: 'feed', expect: { items: 3 } },
    rss([1, 2, 3].map((i) => item(`Story by nobody ${i}`, `${words(120)}.`, `<author>${'a@'.repeat(40_000)}</author>`)).join('')),
    xml,
  );
  add(
    { name: "'<img ' x 200,000 without src in an item", path: '/img.xml', kind: 'feed', expect: { items: 1 } },
    rss(item('Pictures of nothing', `${'<img '.repeat(200_000)}><p>${words(150)}.</p>`)),
    xml,
  );
  // Found by a review on 2026-12-07: each stalled a poll (or, the first, aborted the process) before its fix.
  add(
    { name: 'an item holding <length>50000000</length>', path: '/length.xml', kind: 'feed', expect: { items: 1 } },
    rss(item('Length of nothing', `${words(150)}.`, '<length>50000000</length>')),
    xml,
  );
  add(
    { name: 'a JSON Feed whose items are {"length": 50000000}', path: '/length.json', kind: 'feed', expect: { items: 0 } },
    JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Hostile', items: { length: 50_000_000 } }),
    { 'content-type': 'application/feed+json' },
  );
  add(
    { name: "links of '/amp' x 40,000 (x4)", path: '/amp.xml', kind: 'feed', expect: { items: 4 } },
    rss([1, 2, 3, 4].map((i) => `<item><title>Amplified ${i}</title><link>https://hostile.example/n${i}${'/amp'.repeat(40_000)}/x</link><description>${words(120)}.</description></item>`).join('')),
    xml,
  );
  add(
    { name: 'a Thai title of 100,000 repetition marks', path: '/thai-marks.xml', kind: 'feed', expect: { items: 1 } },
    rss(item(`ข่าว ${'ฯ'.repeat(100_000)}x`, `ข่าว ${'ฯ'.repeat(40_000)}x ${words(120)}.`)),
    xml,
  );
  const thread = (posts: string) => `<html><head><title>Forum thread</title></head><body>${posts}</body></html>`;
  const post = (id: number, body: string) => `<div class="post" id="p${id}"><p class="author"><strong>user${id}</strong></p><div class="content">${body}</div></div>`;
  add(
    { name: 'a forum post of 100,000 spaces and 80,000 <br>s', path: '/thread-spaces.html', kind: 'thread', expect: { items: 3 } },
    thread([post(1, `a${' '.repeat(100_000)}b`), post(2, `a${'<br>'.repeat(80_000)}b`), post(3, words(40))].join('')),
    html,
  );
  add({ name: 'a forum thread of 10,000 posts', path: '/thread-posts.html', kind: 'thread', expect: { items: 'any' } }, thread(Array.from({ length: 10_000 }, (_, i) => post(i + 1, `Reply ${i}`)).join('')), html);
  add(
    { name: '8,000 articles of one headline on a listing page', path: '/same-headline.html', kind: 'listing', expect: { items: 'any' } },
    `<html><body>${`<article><h2>Breaking news</h2><p>${words(30)}.</p></article>`.repeat(8_000)}</body></html>`,
    html,
  );
  // Mostly blank, the page has no main text: refused in words (in 26 s before, a regular expression's time).
  add({ name: '<pre> of 200,000 spaces before a letter', path: '/pre.html', kind: 'article', expect: { refused: /does not look like an article/ } }, article('', `<pre>a${' '.repeat(200_000)}x</pre>`), html);
  add({ name: 'a canonical address of 200,000 slashes', path: '/canonical.html', kind: 'article', expect: { items: 1 } }, article(`<link rel="canonical" href="/news${'/'.repeat(200_000)}x">`, ''), html);
  add({ name: 'an author of "," x 100,000', path: '/author.html', kind: 'article', expect: { items: 1 } }, article(`<meta name="author" content="${','.repeat(100_000)}x">`, ''), html);
  return { cases, routes };
}

export interface HostileOutcome {
  /** The words a moderator or member would see, when the source or article was refused. */
  refused?: string;
  /** Articles read from it, and what they say (to check nothing leaked). */
  items: number;
  text: string;
}

/** Reads a case as the bot does: the source (fetch, parse), then each item (page, extract, summarize, tag, terms). */
export async function readHostileCase(pipeline: Pipeline, origin: string, c: HostileCase): Promise<HostileOutcome> {
  let text = '';
  let items = 0;
  try {
    const read = await pipeline.readSource({ url: `${origin}${c.path}`, kind: c.kind });
    // As ingestFeed does, at most 30 items a fetch.
    for (const it of read.parsed.items.slice(0, 30)) {
      try {
        const a = await pipeline.processItem(it, { dates: read.dates, kind: read.parsed.kind, siteName: read.parsed.title });
        items++;
        text += `${a.title}\n${a.summary}\n${a.text}\n`;
      } catch (error) {
        // An item that cannot be read is skipped with a reason, as ingestFeed records it.
        if (!isUserError(error) && !(error instanceof Error && 'code' in error)) throw error;
        text += `skipped: ${describeError(error)}\n`;
      }
    }
    return { items, text };
  } catch (error) {
    if (!isUserError(error) && !(error instanceof Error && 'code' in error)) throw error;
    return { refused: describeError(error), items, text };
  }
}
