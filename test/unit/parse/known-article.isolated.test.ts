// A page known to be one article (an article source, `/news submit`) is read by the extract stage alone: one
// htmlparser2 parse and no DOM (ADR 17), and its item carries what the extract stage found, standfirst and outlet
// included, so that it becomes the same article as the page fetched for a feed item.
import type * as linkedom from 'linkedom';
import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import { ParseError } from '../../../src/pipeline/parse/errors.js';
import { parseSource } from '../../../src/pipeline/parse/parse-source.js';
import type { FeedKind } from '../../../src/pipeline/types.js';
import { baku, fetched } from './helpers.js';

vi.mock('linkedom', async (importOriginal) => {
  const actual = await importOriginal<typeof linkedom>();
  return { ...actual, parseHTML: vi.fn(actual.parseHTML) };
});

const blurb = 'A columnist argues that trams would end the city’s traffic jams within a decade.';
const filler = Array.from(
  { length: 4 },
  (_, i) => `<p>Paragraph ${i + 1} goes on about the tram plan, with enough ordinary words in it to read as the body of a real news story, as such stories usually do.</p>`,
).join('');
const page = (head: string) =>
  `<!doctype html><html lang="en-GB"><head><title>Why the city needs more trams | Example News</title><meta name="description" content="${blurb}">${head}</head>
<body><nav><a href="/">Home</a></nav><article><h1>Why the city needs more trams</h1><p id="article-summary">${blurb}</p>
<p>The city has talked about trams for twenty years, and every year the traffic gets worse while the plans gather dust.</p>${filler}</article></body></html>`;
const url = 'https://news.example.com/opinion/2025/07/11/trams';

/** The page parsed as `kind`, and how many DOMs linkedom built for it. */
function read(html: string, kind: FeedKind | undefined, at = url) {
  const before = vi.mocked(parseHTML).mock.calls.length;
  const result = parseSource(fetched(html, at, 'text/html'), { dates: baku, kind });
  return { result, doms: vi.mocked(parseHTML).mock.calls.length - before };
}

describe('a page known to be an article', () => {
  it('is parsed once, without a DOM', () => {
    const { result, doms } = read(page('<meta property="og:site_name" content="Example News">'), 'article');
    expect(result.kind).toBe('article');
    expect(result.items).toHaveLength(1);
    expect(doms).toBe(0);
  });

  it('carries the standfirst and the outlet’s name in its item', () => {
    const { result } = read(page('<meta property="og:site_name" content="Example News">'), 'article');
    const item = result.items[0]!;
    expect(item.text!.startsWith(blurb)).toBe(true);
    expect(item.standfirst).toBe(blurb);
    expect(item.sourceName).toBe('Example News');
  });

  it('names its host as the outlet when the page names no site', () => {
    expect(read(page(''), 'article').result.items[0]!.sourceName).toBe('news.example.com');
  });

  it('says the same about the page as a page of unknown kind read as an article', () => {
    const html = page('<meta property="og:site_name" content="Example News"><meta property="og:type" content="article"><meta property="og:title" content="Why the city needs more trams | Example News">');
    const known = read(html, 'article').result;
    const detected = read(html, undefined);
    expect(detected.result.kind).toBe('article');
    expect(detected.doms).toBe(1);
    expect(known).toEqual(detected.result);
    // The document's title is the article's headline as the extract stage reads it: without the site's name.
    expect(known).toMatchObject({ title: 'Why the city needs more trams', siteUrl: 'https://news.example.com/', language: 'en' });
  });

  it('is refused in words when it holds no text at all', () => {
    expect(() => read('<html><head><title>Nothing</title></head><body><p>Hi</p></body></html>', 'article')).toThrow(
      new ParseError('This page has no article text.'),
    );
  });
});
