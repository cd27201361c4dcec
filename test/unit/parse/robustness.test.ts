// Whatever arrives — a document cut off anywhere, binary junk, a mislabelled body — the parse stage answers with
// items or a ParseError, never another exception.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/pipeline/parse/errors.js';
import { parseSource } from '../../../src/pipeline/parse/parse-source.js';
import type { FeedKind } from '../../../src/pipeline/types.js';
import { baku, fetched, fixture, fixtureDir } from './helpers.js';

function outcome(body: string, contentType: string, kind?: FeedKind): 'items' | 'parse-error' {
  try {
    const result = parseSource(fetched(body, 'https://robust.example.com/a/b', contentType), { dates: baku, kind });
    expect(Array.isArray(result.items)).toBe(true);
    return 'items';
  } catch (error) {
    if (error instanceof ParseError) return 'parse-error';
    throw error;
  }
}

describe('robustness', () => {
  const names = readdirSync(fixtureDir).filter((n) => !n.endsWith('.opml'));

  it.each(names)('%s cut at 25 points reads or fails with a ParseError', (name) => {
    const body = fixture(name);
    // outcome() rethrows anything that is not a ParseError, failing the test.
    for (let i = 1; i <= 25; i++) {
      const cut = body.slice(0, Math.floor((body.length * i) / 25));
      outcome(cut, name.endsWith('.html') ? 'text/html' : 'application/xml');
    }
    // The whole document (the last cut) is readable, except the fixtures that exist to fail.
    if (!/malformed|empty|page-/.test(name)) expect(outcome(body, 'text/html')).toBe('items');
  });

  // Bounded by the test's timeout, not timed: quadratic code took minutes on this input (speed is the benchmarks').
  it("reads a feed whose item holds 2 MB of unclosed '<img ' without a src", { timeout: 10_000 }, () => {
    // The first-image lookup rescanned the rest of the content from every "<img": 400 KB took 10 s (the job's
    // timeout), 2 MB minutes, failing the whole feed on every poll. Linear code reads it in milliseconds.
    const content = `${'<img '.repeat(400_000)}><p>Caption</p><img alt="x" src="/pics/a.jpg">`;
    const body = `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>t</title><item><title>x</title><link>https://robust.example.com/a</link><content:encoded><![CDATA[${content}]]></content:encoded></item></channel></rss>`;
    const result = parseSource(fetched(body, 'https://robust.example.com/feed', 'application/rss+xml'), { dates: baku });
    expect(result.items[0]!.imageUrl).toBe('https://robust.example.com/pics/a.jpg');
  });

  it('junk under every content type and kind fails with a ParseError', () => {
    const junk = ['\u0000\u0001\u0002\ufffd', '<<<>>>', '{"items": [1,2', '<?xml version="1.0"?>', '<rss', '<feed><entry>', 'ok'];
    for (const body of junk) {
      for (const type of ['text/html', 'application/rss+xml', 'text/plain', 'application/json', 'application/octet-stream']) {
        for (const kind of [undefined, 'feed', 'article', 'listing', 'thread'] as const) {
          expect(outcome(body, type, kind)).toBe('parse-error');
        }
      }
    }
  });
});
