import { describe, expect, it } from 'vitest';
import { canonicalUrl } from '../../../src/pipeline/dedupe/canonical-url.js';

describe('canonicalUrl', () => {
  it('drops tracking parameters, fragments, credentials and default ports; sorts what is left', () => {
    expect(canonicalUrl('https://User:pw@News.Example.com:443/a/b?utm_source=x&id=7&fbclid=y&b=2#top')).toBe('https://news.example.com/a/b?b=2&id=7');
  });
  it('writes percent-escapes in one case, as a link written both ways is one page', () => {
    const lower = 'https://ge.example/%e1%83%a1%e1%83%90/';
    expect(canonicalUrl(lower)).toBe(canonicalUrl(lower.toUpperCase().replace('HTTPS://GE.EXAMPLE', 'https://ge.example')));
    expect(canonicalUrl(lower)).toBe('https://ge.example/%E1%83%A1%E1%83%90/');
    // The same page written with the letters themselves is the same address too (the URL parser escapes them).
    expect(canonicalUrl('https://ge.example/სა/')).toBe(canonicalUrl(lower));
  });
  it('keeps the fragment of a forum post when asked', () => {
    expect(canonicalUrl('https://forum.example/thread/9?page=2#pid123', { keepFragment: true })).toBe('https://forum.example/thread/9?page=2#pid123');
  });
  it('treats AMP copies as the page', () => {
    expect(canonicalUrl('https://example.com/news/story-1/amp/')).toBe('https://example.com/news/story-1/');
    expect(canonicalUrl('https://example.com/news/story-1.amp.html')).toBe('https://example.com/news/story-1.html');
    expect(canonicalUrl('https://example.com/news/story-1/amp')).toBe(canonicalUrl('https://example.com/news/story-1'));
    expect(canonicalUrl('https://example.com/news/story-1?amp=1')).toBe('https://example.com/news/story-1');
    expect(canonicalUrl('https://example.com/news/story-1?id=7&AMP')).toBe('https://example.com/news/story-1?id=7');    // Repeated, and after an empty segment (which keeps one as its name); the root's own "/amp" is a page.
    expect(canonicalUrl('https://example.com/news/story-1/amp/amp/')).toBe('https://example.com/news/story-1/');
    expect(canonicalUrl('https://example.com/news//amp/amp')).toBe('https://example.com/news//amp');
    expect(canonicalUrl('https://example.com/amp')).toBe('https://example.com/amp');
    expect(canonicalUrl('https://example.com/amp/amp')).toBe('https://example.com/amp');
  });
  it('is stable: a canonical URL is its own canonical URL', () => {
    for (const url of ['https://example.com/news/story-1/amp', 'https://example.com/news/story-1/amp/', 'https://example.com/news/amp/amp', 'https://example.com/amp/amp']) {
      expect(canonicalUrl(canonicalUrl(url))).toBe(canonicalUrl(url));
    }
  });
  it('leaves a page named "amp" alone: at the root it is no copy of the home page', () => {
    expect(canonicalUrl('https://example.com/amp')).toBe('https://example.com/amp');
    expect(canonicalUrl('https://example.com/amp/')).toBe('https://example.com/amp/');
    expect(canonicalUrl('https://example.com/amp/news/story-1')).toBe('https://example.com/amp/news/story-1');
  });
  it('leaves what it cannot parse alone', () => {
    expect(canonicalUrl(' not a url ')).toBe('not a url');
  });
});
