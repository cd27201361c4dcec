import { describe, expect, it } from 'vitest';
import { discoverFeeds } from '../../../src/pipeline/parse/discover-feeds.js';
import { fixture } from './helpers.js';

describe('discoverFeeds', () => {
  it('returns announced feeds of every type, resolved against <base>, before the guesses', () => {
    const html = `<!DOCTYPE html><html><head>
      <base href="https://cdn.example.com/site/">
      <link rel="alternate" type="application/rss+xml" title="News &amp; views" href="rss/news.xml">
      <link rel="alternate" type="application/atom+xml" href="https://example.com/atom">
      <link rel="ALTERNATE" type="application/feed+json; charset=utf-8" href="/feed.json">
      <link rel="alternate" type="application/rdf+xml" href="/index.rdf">
      <link rel="alternate" type="application/json" href="/wp-json/wp/v2/pages/2">
      <link rel="alternate" type="application/json+oembed" href="/oembed">
      <link rel="alternate" hreflang="fr" href="/fr/">
      <link rel="stylesheet" type="text/css" href="/style.css">
    </head><body></body></html>`;
    const feeds = discoverFeeds(html, 'https://example.com/news/');
    expect(feeds.filter((f) => !f.guess)).toEqual([
      { url: 'https://cdn.example.com/site/rss/news.xml', title: 'News & views', type: 'application/rss+xml', guess: false },
      { url: 'https://example.com/atom', title: undefined, type: 'application/atom+xml', guess: false },
      { url: 'https://cdn.example.com/feed.json', title: undefined, type: 'application/feed+json', guess: false },
      { url: 'https://cdn.example.com/index.rdf', title: undefined, type: 'application/rdf+xml', guess: false },
    ]);
  });

  it('offers the conventional feed paths of the site as guesses', () => {
    const feeds = discoverFeeds('<html><body>No feeds here</body></html>', 'https://example.com/news/today');
    expect(feeds).toEqual(
      ['/feed', '/rss', '/rss.xml', '/atom.xml', '/feed.xml', '/index.xml'].map((p) => ({
        url: `https://example.com${p}`,
        type: p === '/atom.xml' ? 'application/atom+xml' : 'application/rss+xml',
        guess: true,
      })),
    );
  });

  it('takes feed-looking links in the page as guesses, same site only, without duplicates', () => {
    const html = `<a href="/category/politics/feed/">RSS</a> <a href='https://other.example.net/rss.xml'>x</a>
      <a href="/rss">RSS</a> <a href="/news/2025/07/10/story">Story</a>`;
    const feeds = discoverFeeds(html, 'https://example.com/');
    expect(feeds.slice(0, 2)).toEqual([
      { url: 'https://example.com/category/politics/feed/', type: 'application/rss+xml', guess: true, linked: true },
      { url: 'https://example.com/rss', type: 'application/rss+xml', guess: true, linked: true },
    ]);
    // A feed file in a folder named for feeds ("/rss/news.xml") is one too; conventional paths are guesses, not links.
    expect(discoverFeeds('<a href="/rss/news.xml">RSS</a>', 'https://example.com/')[0]).toEqual({ url: 'https://example.com/rss/news.xml', type: 'application/rss+xml', guess: true, linked: true });
    expect(feeds.find((f) => f.url === 'https://example.com/feed')).toMatchObject({ guess: true });
    expect(feeds.find((f) => f.url === 'https://example.com/feed')?.linked).toBeUndefined();
    expect(feeds.map((f) => f.url)).not.toContain('https://other.example.net/rss.xml');
    expect(feeds.filter((f) => f.url === 'https://example.com/rss')).toHaveLength(1);
  });

  it('finds the section feed of the listing fixture', () => {
    expect(discoverFeeds(fixture('listing-news.html'), 'https://news.example.org/politics/')[0]).toEqual({
      url: 'https://news.example.org/politics/feed/',
      title: 'Caucasus Watch: Politics',
      type: 'application/rss+xml',
      guess: false,
    });
  });

  it('reads a page of 200,000 unclosed <a tags in one pass, and still finds the feed it announces', () => {
    const html = `<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>${'<a '.repeat(200_000)}`;
    expect(discoverFeeds(html, 'https://example.com/')[0]).toMatchObject({ url: 'https://example.com/feed.xml', guess: false });
  });
});
