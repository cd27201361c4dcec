// Links found inside documents are http(s) only (issue "Hostile input can't stall or crash the bot", item 4): a feed,
// a listing or an announced feed can never point the bot at one of its host's files.
import { describe, expect, it } from 'vitest';
import { discoverFeeds } from '../../../src/pipeline/parse/discover-feeds.js';
import { parseSource } from '../../../src/pipeline/parse/parse-source.js';
import { isWebUrl, resolveUrl } from '../../../src/pipeline/parse/urls.js';
import { baku, fetched } from './helpers.js';

const rss = (link: string, description = '', site = 'https://news.example/') =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile</title>${site ? `<link>${site}</link>` : ''}` +
  `<item><title>Tbilisi and Baku resume railway talks next week</title><link>${link}</link>` +
  `${description ? `<description>${description}</description>` : ''}</item></channel></rss>`;

describe('resolveUrl', () => {
  it('drops file: links, absolute or relative to a local file', () => {
    expect(resolveUrl('file:///etc/passwd', 'https://news.example/')).toBeUndefined();
    expect(resolveUrl('FILE:///etc/passwd', undefined)).toBeUndefined();
    expect(resolveUrl('passwd', 'file:///etc/feed.xml')).toBeUndefined();
    expect(resolveUrl('/etc/passwd', 'file:///home/me/feed.xml')).toBeUndefined();
    expect(resolveUrl('/a/b-c-d', 'https://news.example/x')).toBe('https://news.example/a/b-c-d');
  });

  it('isWebUrl says yes to http(s) only', () => {
    expect(isWebUrl('https://news.example/')).toBe(true);
    expect(isWebUrl('http://news.example/')).toBe(true);
    expect(isWebUrl('file:///etc/passwd')).toBe(false);
    expect(isWebUrl('not a url')).toBe(false);
  });
});

describe('a feed item whose link is a file: URL', () => {
  it('has no file: URL and nothing to fetch', () => {
    const result = parseSource(fetched(rss('file:///etc/passwd', 'Short teaser.'), 'https://news.example/feed.xml', 'application/rss+xml'), { dates: baku });
    expect(result.items).toHaveLength(1);
    expect(result.items[0]!.url.startsWith('https://news.example/feed.xml#')).toBe(true);
    expect(result.items[0]!.needsFetch).toBe(false);
  });

  it('is dropped when it carries no text of its own', () => {
    const result = parseSource(fetched(rss('file:///etc/passwd'), 'https://news.example/feed.xml', 'application/rss+xml'), { dates: baku });
    expect(result.items).toEqual([]);
  });

  it('cannot reach files from a local feed through a relative link either', () => {
    const result = parseSource(fetched(rss('../../etc/passwd', 'Short teaser.', ''), 'file:///home/me/feeds/local.xml', 'application/rss+xml'), { dates: baku });
    expect(result.items.some((i) => i.needsFetch)).toBe(false);
    expect(result.items.map((i) => i.url)).not.toContain('file:///etc/passwd');
    expect(result.items.map((i) => i.url)).not.toContain('file:///home/etc/passwd');
  });
});

describe('other documents', () => {
  it('announces no file: feeds', () => {
    const html = '<html><head><link rel="alternate" type="application/rss+xml" href="file:///etc/passwd"></head><body></body></html>';
    expect(discoverFeeds(html, 'https://news.example/').filter((f) => f.url.startsWith('file:'))).toEqual([]);
  });

  it('lists no file: links from a listing page, where its JSON-LD list of articles names them', () => {
    // The markup's links must look like the site's own articles (a file: URL never does); a JSON-LD ItemList is taken
    // as the publisher says, so there the link's scheme is all that keeps a file out.
    const slugs = ['railway-talks-resume', 'border-crossing-reopens', 'gas-prices-fall'];
    const links = slugs.map((slug) => `<li><a href="/2025/07/10/${slug}/">Tbilisi and Baku: ${slug.replace(/-/g, ' ')} next week</a></li>`).join('');
    const itemList = JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'ItemList',
      itemListElement: [
        ...['file:///etc/passwd', 'file:///var/log/2025/07/10/long-story-slug'].map((url, i) => ({ '@type': 'ListItem', position: i + 1, url, name: `Hidden file ${i}` })),
        { '@type': 'ListItem', position: 3, url: 'https://news.example/2025/07/10/ministers-meet-in-gori/', name: 'Ministers meet in Gori' },
      ],
    });
    const html = `<html><head><title>News</title><script type="application/ld+json">${itemList}</script></head><body><ul>${links}</ul></body></html>`;
    const items = parseSource(fetched(html, 'https://news.example/news/', 'text/html'), { dates: baku, kind: 'listing' }).items;
    expect(items.map((i) => i.url).sort()).toEqual([...slugs.map((slug) => `https://news.example/2025/07/10/${slug}/`), 'https://news.example/2025/07/10/ministers-meet-in-gori/'].sort());
  });
});
