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
